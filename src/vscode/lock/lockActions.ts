// The quick fix "Mark link as reviewed" on IL040, IL041 and IL042: one undoable edit of intent.lock.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { locate } from '../editor/locate';
import { DIAGNOSTIC_SOURCE } from '../editor/diagnostics';
import { acceptEdit } from './lockEdits';

const CODES = new Set(['IL040', 'IL041', 'IL042']);

export class LockCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly services: Services) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && CODES.has(String(d.code)));
    if (ours.length === 0) return [];
    const where = locate(this.services, document.uri);
    if (!where) return [];
    const statuses = this.services.locks.statusesIn(where.session, where.path);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const status = statuses.find((s) => s.link.range.start.line === diagnostic.range.start.line && s.link.range.start.character === diagnostic.range.start.character);
      if (!status) continue;
      const edit = await acceptEdit(where.session, [status]);
      if (!edit) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Mark link as reviewed'), vscode.CodeActionKind.QuickFix);
      action.edit = edit;
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
    return actions;
  }
}
