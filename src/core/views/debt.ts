// Tech debt for the sidebar: manifest debt items and inline @debt tags grouped by the item they hurt, ranked
// by impact then cost, and the TODO/FIXME/HACK markers no intent covers yet (untriaged).
import type { FileEntry, TagLocation } from '../index/workspaceIndex';
import type { DebtCost, DebtImpact, DebtItem, IntentGraph, IntentItem, ItemKind, Marker, Tag } from '../types';

export type DebtEntry =
  /** A manifest debt item; `anchors` are the @debt tags naming it. */
  | { readonly kind: 'item'; readonly key: string; readonly item: DebtItem; readonly impact?: DebtImpact; readonly cost?: DebtCost; readonly anchors: readonly TagLocation[] }
  /** An inline `@debt <id> -- note` tag that names a non-debt item directly. */
  | { readonly kind: 'inline'; readonly key: string; readonly file: string; readonly tag: Tag; readonly impact?: undefined; readonly cost?: undefined };

export interface DebtGroup {
  /** The ID of the hurt item (may be unknown to the graph). */
  readonly id: string;
  readonly item: IntentItem | undefined;
  /** Ranked: impact high → low, then cost S → XL, unknown values last. */
  readonly entries: readonly DebtEntry[];
}

export interface UntriagedMarker {
  readonly file: string;
  readonly marker: Marker;
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

/** Compares two debt entries: higher impact first, then cheaper, then manifest items before inline tags. */
export function compareDebt(a: Pick<DebtEntry, 'impact' | 'cost' | 'kind' | 'key'>, b: Pick<DebtEntry, 'impact' | 'cost' | 'kind' | 'key'>): number {
  return (
    impactRank(a.impact) - impactRank(b.impact) ||
    costRank(a.cost) - costRank(b.cost) ||
    (a.kind === b.kind ? 0 : a.kind === 'item' ? -1 : 1) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

export interface DebtIndex {
  allEntries(): ReadonlyMap<string, FileEntry>;
  tagsById(id: string): readonly TagLocation[];
}

/** Groups every debt of the graph and the code by what it hurts; groups ordered by their most urgent entry. */
export function debtGroups(graph: IntentGraph, index: DebtIndex): DebtGroup[] {
  const groups = new Map<string, DebtEntry[]>();
  const add = (id: string, entry: DebtEntry) => {
    let list = groups.get(id);
    if (!list) groups.set(id, (list = []));
    if (!list.some((e) => e.key === entry.key)) list.push(entry);
  };
  for (const item of graph.items.values()) {
    if (item.kind !== 'debt') continue;
    const anchors = index.tagsById(item.id).filter((l) => l.tag.kind === 'debt');
    const entry: DebtEntry = { kind: 'item', key: item.id, item, impact: item.impact, cost: item.cost, anchors };
    for (const id of item.hurts) add(id, entry);
  }
  const files = [...index.allEntries().keys()].sort();
  for (const file of files) {
    for (const tag of index.allEntries().get(file)!.tags) {
      if (tag.kind !== 'debt') continue;
      const hurt = tag.ids.filter((r) => graph.items.get(r.id)?.kind !== 'debt');
      if (hurt.length === 0) continue;
      const entry: DebtEntry = { kind: 'inline', key: `${file}:${tag.range.start.line}:${tag.range.start.character}`, file, tag };
      for (const ref of hurt) add(ref.id, entry);
    }
  }
  const order = new Map([...graph.items.keys()].map((id, i) => [id, i]));
  const result = [...groups].map(([id, entries]) => ({ id, item: graph.items.get(id), entries: entries.sort(compareDebt) }));
  return result.sort(
    (a, b) =>
      compareDebt(a.entries[0], b.entries[0]) ||
      (a.item ? KIND_RANK[a.item.kind] : 9) - (b.item ? KIND_RANK[b.item.kind] : 9) ||
      (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Markers that no tag covers: a marker is triaged when an @intent/@debt tag sits on the same line, the line
 * above or the line below it (a TODO right above `@debt … -- …` has been triaged into that tag).
 */
export function untriagedMarkers(entries: ReadonlyMap<string, FileEntry>): UntriagedMarker[] {
  const out: UntriagedMarker[] = [];
  for (const file of [...entries.keys()].sort()) {
    const entry = entries.get(file)!;
    if (entry.markers.length === 0) continue;
    const tagLines = new Set(entry.tags.map((t) => t.range.start.line));
    for (const marker of entry.markers) {
      const line = marker.range.start.line;
      if (tagLines.has(line) || tagLines.has(line - 1) || tagLines.has(line + 1)) continue;
      out.push({ file, marker });
    }
  }
  return out;
}
