// Quick fixes for Intent Lens diagnostics, from the findings' own fixes: replace an unknown ID with the
// suggestion (IL010, IL004), point a retired link to its successor (IL011), add a missing ID to the root
// manifest as a stub entry in the right section. Each is one undoable WorkspaceEdit.
import * as vscode from 'vscode';
import { stubEntryEdit } from '../../core/editor/stubEntry';
import type { Finding, FindingFix } from '../../core/types';
import type { Services } from '../services';
import type { FolderSession } from '../session';
import { toVscodeRange } from '../symbols';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { locate, rootManifest } from './locate';

function sameRange(a: vscode.Range, b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export class IntentCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly services: Services) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const where = locate(this.services, document.uri);
    if (!where) return [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const findings = where.session.findings().filter((f) => f.file === where.path && f.fixes?.length);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = findings.find((f) => f.code === diagnostic.code && sameRange(diagnostic.range, f.range));
      for (const fix of finding?.fixes ?? []) {
        const action = await this.action(where.session, document, finding!, fix);
        if (!action) continue;
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }

  private async action(session: FolderSession, document: vscode.TextDocument, finding: Finding, fix: FindingFix): Promise<vscode.CodeAction | undefined> {
    if (fix.kind === 'replaceId') {
      const title = finding.code === 'IL011'
        ? vscode.l10n.t("Point to successor '{0}'", fix.replacement)
        : vscode.l10n.t("Replace with '{0}'", fix.replacement);
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, toVscodeRange(fix.range), fix.replacement);
      action.isPreferred = true;
      return action;
    }
    const manifest = rootManifest(session);
    if (!manifest) return undefined;
    const uri = session.uri(manifest);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const stub = stubEntryEdit(text, fix.id);
    if (!stub) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t("Add '{0}' to {1}", fix.id, manifest), vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(uri, toVscodeRange(stub.range), stub.text);
    return action;
  }
}
