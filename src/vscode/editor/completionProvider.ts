// Completion of intent IDs by ID or title: after @intent / @intent-file / @debt in code comments, and in the
// manifest's reference lists (keyResults, hurts, serves, objectives, supersededBy).
import * as vscode from 'vscode';
import { manifestCompletionContext, tagCompletionContext } from '../../core/editor/completionContext';
import { isManifestPath } from '../../core/project';
import type { ItemKind } from '../../core/types';
import type { Services } from '../services';
import { toVscodeRange } from '../symbols';
import { locate } from './locate';

const KIND_ICON: Record<ItemKind, vscode.CompletionItemKind> = {
  objective: vscode.CompletionItemKind.Module,
  keyResult: vscode.CompletionItemKind.Value,
  problem: vscode.CompletionItemKind.Issue,
  constraint: vscode.CompletionItemKind.Interface,
  debt: vscode.CompletionItemKind.Event,
};
const KIND_ORDER: Record<ItemKind, number> = { objective: 0, keyResult: 1, problem: 2, constraint: 3, debt: 4 };

export const COMPLETION_TRIGGERS = [' ', ',', '['];

export class IntentCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly services: Services) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const where = locate(this.services, document.uri);
    if (!where) return undefined;
    const text = document.getText();
    const offset = document.offsetAt(position);
    const context = isManifestPath(where.path) ? manifestCompletionContext(text, offset) : tagCompletionContext(text, offset, where.path);
    if (!context) return undefined;
    const range = toVscodeRange(context.range);
    const items: vscode.CompletionItem[] = [];
    for (const item of where.session.graph.items.values()) {
      if (context.kinds && !context.kinds.includes(item.kind)) continue;
      const completion = new vscode.CompletionItem({ label: item.id, description: item.title }, KIND_ICON[item.kind]);
      completion.detail = item.title;
      completion.filterText = `${item.id} ${item.title}`;
      completion.sortText = `${KIND_ORDER[item.kind]}${item.id}`;
      completion.range = range;
      completion.insertText = item.id;
      items.push(completion);
    }
    return items;
  }
}
