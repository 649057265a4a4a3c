// The quick-pick rows for choosing intent items: ID + title, grouped by kind under separators.
import * as vscode from 'vscode';
import { isRetired } from '../../core/analysis/codeFindings';
import type { IntentGraph, ItemKind } from '../../core/types';
import type { PromptItem } from './prompter';

function groupTitle(kind: ItemKind): string {
  switch (kind) {
    case 'objective': return vscode.l10n.t('Objectives');
    case 'keyResult': return vscode.l10n.t('Key results');
    case 'problem': return vscode.l10n.t('Problems');
    case 'constraint': return vscode.l10n.t('Constraints');
    case 'debt': return vscode.l10n.t('Tech debt');
  }
}

/** Items of `kinds`, in that order then manifest order; retired items left out unless asked for. */
export function itemPicks(graph: IntentGraph, kinds: readonly ItemKind[], includeRetired = false): PromptItem[] {
  const out: PromptItem[] = [];
  for (const kind of kinds) {
    const items = [...graph.items.values()].filter((i) => i.kind === kind && (includeRetired || !isRetired(graph, i)));
    if (items.length === 0) continue;
    out.push({ label: groupTitle(kind), separator: true });
    for (const item of items) out.push({ value: item.id, label: item.id, description: item.title });
  }
  return out;
}
