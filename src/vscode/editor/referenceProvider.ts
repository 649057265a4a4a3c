// Find all references of an ID (from a tag, a manifest declaration or reference): every code tag, every scope
// that serves it and every manifest list that names it.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { toVscodeRange } from '../symbols';
import { idAt } from './locate';
import { occurrencesOf } from './occurrences';

export class IntentReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly services: Services) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): Promise<vscode.Location[]> {
    const at = idAt(this.services, document, position);
    if (!at) return [];
    const all = await occurrencesOf(at.session, at.id);
    return all
      .filter((o) => context.includeDeclaration || o.kind !== 'declaration')
      .map((o) => new vscode.Location(at.session.uri(o.file), toVscodeRange(o.range)));
  }
}
