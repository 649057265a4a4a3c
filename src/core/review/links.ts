// What links code to the manifest on one side of a change: tags per file and the items that code links at
// all (the same rule as IL020), so a review can say which links a change added, removed or broke.
import { compileGlobs } from '../analysis/globs';
import { isRetired } from '../analysis/codeFindings';
import { isManifestPath } from '../project';
import type { IntentGraph, TagKind, TagScan } from '../types';

/** What the review reads of an index: the listing and each file's scan (WorkspaceIndex satisfies it). */
export interface ReviewIndex {
  files(): readonly string[];
  entry(file: string): TagScan | undefined;
  allEntries(): ReadonlyMap<string, TagScan>;
}

/**
 * IDs linked from code: by any tag, by a scope that matches at least one file, and the KRs moved by a linked
 * problem. Exactly what IL020 counts, so "the last link to a KR" means "IL020 would now fire for it".
 */
export function linkedIds(graph: IntentGraph, index: ReviewIndex): Set<string> {
  const linked = new Set<string>();
  for (const [file, scan] of index.allEntries()) {
    if (isManifestPath(file)) continue;
    for (const tag of scan.tags) for (const ref of tag.ids) linked.add(ref.id);
  }
  const files = index.files();
  for (const scope of graph.scopes) {
    const globs = compileGlobs(scope.paths, scope.base);
    const positives = scope.paths.filter((p) => !p.startsWith('!')).length;
    if (globs.unmatched(files).length < positives) for (const id of scope.serves) linked.add(id);
  }
  for (const item of graph.items.values()) {
    if (item.kind === 'problem' && linked.has(item.id)) for (const kr of item.keyResults) linked.add(kr);
  }
  return linked;
}

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
