// Go to definition: from an ID in a code tag or a manifest reference to the item's `id` in its manifest.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { toVscodeRange } from '../symbols';
import { idAt } from './locate';

export class IntentDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly services: Services) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const at = idAt(this.services, document, position);
    const item = at && at.session.graph.items.get(at.id);
    if (!at || !item) return undefined;
    return new vscode.Location(at.session.uri(item.source.manifest), toVscodeRange(item.source.idRange));
  }
}
