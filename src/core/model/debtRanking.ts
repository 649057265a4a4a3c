// The one debt ranking: every debt of a workspace (manifest debt items that are not retired, and inline
// `@debt <id> -- note` tags) ranked by impact, then cost, then manifest items before inline tags; and the
// same list grouped by the item each debt hurts. The Tech Debt view, the report and the CLI all read it.
import type { TagLocation } from '../index/workspaceIndex';
import type { DebtCost, DebtImpact, DebtItem, IntentGraph, IntentItem, ItemKind, Tag, TagScan } from '../types';
import { isRetired } from './retired';

export type DebtEntry =
  /** A manifest debt item; `anchors` are the @debt tags naming it, in file order. */
  | { readonly kind: 'item'; readonly key: string; readonly item: DebtItem; readonly impact?: DebtImpact; readonly cost?: DebtCost; readonly hurts: readonly string[]; readonly anchors: readonly TagLocation[] }
  /** An inline `@debt <id> -- note` tag that names a non-debt item directly; `hurts` are those IDs. */
  | { readonly kind: 'inline'; readonly key: string; readonly file: string; readonly tag: Tag; readonly impact?: undefined; readonly cost?: undefined; readonly hurts: readonly string[] };

export interface DebtGroup {
  /** The ID of the hurt item (may be unknown to the graph). */
  readonly id: string;
  readonly item: IntentItem | undefined;
  /** Ranked as `rankDebt` ranks them. */
  readonly entries: readonly DebtEntry[];
}

const IMPACT_RANK: Record<DebtImpact, number> = { high: 0, medium: 1, low: 2 };
const COST_RANK: Record<DebtCost, number> = { S: 0, M: 1, L: 2, XL: 3 };
const KIND_RANK: Record<ItemKind, number> = { objective: 0, keyResult: 1, problem: 2, constraint: 3, debt: 4 };

export function impactRank(impact: DebtImpact | undefined): number {
  return impact ? IMPACT_RANK[impact] : 3;
}

export function costRank(cost: DebtCost | undefined): number {
  return cost ? COST_RANK[cost] : 4;
}

/**
 * Higher impact first, then cheaper (unknown values last), then manifest items before inline tags, then by key
 * (a debt item's ID; `file:line:character` of an inline tag) so the order is total and stable.
 */
export function compareDebt(a: Pick<DebtEntry, 'impact' | 'cost' | 'kind' | 'key'>, b: Pick<DebtEntry, 'impact' | 'cost' | 'kind' | 'key'>): number {
  return (
    impactRank(a.impact) - impactRank(b.impact) ||
    costRank(a.cost) - costRank(b.cost) ||
    (a.kind === b.kind ? 0 : a.kind === 'item' ? -1 : 1) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** What ranking reads: the graph, code entries in path order, and the tags naming an ID. */
export interface DebtSource {
  readonly graph: IntentGraph;
  entries(): ReadonlyMap<string, TagScan>;
  tagsById(id: string): readonly TagLocation[];
}

/** Every debt, ranked. Retired debt items (achieved, dropped, superseded: repaid or abandoned) are left out. */
export function rankDebt(source: DebtSource): DebtEntry[] {
  const { graph } = source;
  const out: DebtEntry[] = [];
  for (const item of graph.items.values()) {
    if (item.kind !== 'debt' || isRetired(graph, item)) continue;
    const anchors = source.tagsById(item.id).filter((l) => l.tag.kind === 'debt');
    out.push({ kind: 'item', key: item.id, item, impact: item.impact, cost: item.cost, hurts: item.hurts, anchors });
  }
  const entries = source.entries();
  for (const file of [...entries.keys()].sort()) {
    for (const tag of entries.get(file)!.tags) {
      if (tag.kind !== 'debt') continue;
      const hurts = [...new Set(tag.ids.map((r) => r.id).filter((id) => graph.items.get(id)?.kind !== 'debt'))];
      if (hurts.length === 0) continue;
      out.push({ kind: 'inline', key: `${file}:${tag.range.start.line}:${tag.range.start.character}`, file, tag, hurts });
    }
  }
  return out.sort(compareDebt);
}

/** The ranked debt grouped by what it hurts; groups ordered by their most urgent entry, then item kind and manifest order. */
export function groupDebt(graph: IntentGraph, ranked: readonly DebtEntry[]): DebtGroup[] {
  const groups = new Map<string, DebtEntry[]>();
  for (const entry of ranked) {
    for (const id of entry.hurts) {
      let list = groups.get(id);
      if (!list) groups.set(id, (list = []));
      if (!list.includes(entry)) list.push(entry);
    }
  }
  const order = new Map([...graph.items.keys()].map((id, i) => [id, i]));
  const result = [...groups].map(([id, entries]) => ({ id, item: graph.items.get(id), entries }));
  return result.sort(
    (a, b) =>
      compareDebt(a.entries[0], b.entries[0]) ||
      (a.item ? KIND_RANK[a.item.kind] : 9) - (b.item ? KIND_RANK[b.item.kind] : 9) ||
      (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
