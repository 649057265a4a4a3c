// Rename an ID everywhere (manifest declarations and references, code tags, across files) in one
// WorkspaceEdit; refuses IDs that are invalid or already taken, saying why.
import * as vscode from 'vscode';
import { ID_PATTERN } from '../../core/manifest/idSyntax';
import { LIMITS } from '../../core/manifest/manifestSchema';
import type { Services } from '../services';
import { toVscodeRange } from '../symbols';
import { idAt } from './locate';
import { occurrencesOf } from './occurrences';

export class IntentRenameProvider implements vscode.RenameProvider {
  constructor(private readonly services: Services) {}

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const at = idAt(this.services, document, position);
    if (!at) throw new Error(vscode.l10n.t('Only intent IDs can be renamed here.'));
    return { range: toVscodeRange(at.range), placeholder: at.id };
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit> {
    const at = idAt(this.services, document, position);
    if (!at) throw new Error(vscode.l10n.t('Only intent IDs can be renamed here.'));
    const name = newName.trim();
    if (name.length > LIMITS.idLength || !ID_PATTERN.test(name)) {
      throw new Error(vscode.l10n.t("'{0}' is not a valid ID: it must start with a letter and use only letters, digits and . _ : / -", name));
    }
    if (name !== at.id && at.session.graph.items.has(name)) {
      throw new Error(vscode.l10n.t("'{0}' is already declared in {1}.", name, at.session.graph.items.get(name)!.source.manifest));
    }
    const edit = new vscode.WorkspaceEdit();
    for (const o of await occurrencesOf(at.session, at.id)) edit.replace(at.session.uri(o.file), toVscodeRange(o.range), name);
    return edit;
  }
}
