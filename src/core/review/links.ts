// What links code to the manifest on one side of a change: tags per file as links, so a review can say which
// links a change added, removed or broke (what code links at all is the code model's `linkedIds`).
import { isRetired } from '../model/retired';
import type { IntentGraph, TagKind, TagScan } from '../types';

export interface TagLink {
  readonly id: string;
  readonly kind: TagKind;
  /** 0-based line of the tag. */
  readonly line: number;
}

/** The tags of a file as links, in file order. */
export function tagLinks(scan: TagScan | undefined): TagLink[] {
  const out: TagLink[] = [];
  for (const tag of scan?.tags ?? []) for (const ref of tag.ids) out.push({ id: ref.id, kind: tag.kind, line: ref.range.start.line });
  return out;
}

export type BrokenReason = 'unknown' | 'retired';

/** Why a link's ID is broken in a graph, or undefined when it is fine. */
export function brokenReason(graph: IntentGraph, id: string): BrokenReason | undefined {
  const item = graph.items.get(id);
  if (!item) return 'unknown';
  return isRetired(graph, item) ? 'retired' : undefined;
}

/** Multiset difference of links by (id, kind): the links of `a` that `b` does not have (as many times). */
export function linkDifference(a: readonly TagLink[], b: readonly TagLink[]): TagLink[] {
  const left = new Map<string, number>();
  for (const l of b) left.set(`${l.kind}\u0000${l.id}`, (left.get(`${l.kind}\u0000${l.id}`) ?? 0) + 1);
  return a.filter((l) => {
    const key = `${l.kind}\u0000${l.id}`;
    const n = left.get(key) ?? 0;
    if (n > 0) {
      left.set(key, n - 1);
      return false;
    }
    return true;
  });
}
