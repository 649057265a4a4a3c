// Long file lists as the Explorer shows them: grouped by folder (single-child chains compacted to `a/b/c`),
// with counts, and no level longer than a cap (the rest behind "N more" pages). Host-free, so the trees'
// shape and its cost on huge repositories are unit-tested.

export interface FolderGroupOptions {
  /** A list this short stays flat (files with their folder as description). */
  readonly flatUpTo?: number;
  /** No level shows more than this many children; the rest goes behind a "more" page. */
  readonly maxChildren?: number;
}

export const FLAT_UP_TO = 25;
export const MAX_TREE_CHILDREN = 100;

export type GroupNode<T> =
  | { readonly kind: 'folder'; readonly path: string; readonly label: string; readonly count: number; readonly children: () => readonly GroupNode<T>[] }
  | { readonly kind: 'file'; readonly path: string; readonly value: T }
  | { readonly kind: 'more'; readonly key: string; readonly count: number; readonly children: () => readonly GroupNode<T>[] };

/** An entry below a folder: `rest` is its path relative to that folder. */
interface Below<T> {
  readonly rest: string;
  readonly path: string;
  readonly value: T;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Splits `list` into pages of `max`: the first page, then one "more" node holding the rest (recursively). */
export function paged<T>(list: readonly GroupNode<T>[], max: number, key: string): GroupNode<T>[] {
  if (list.length <= max) return [...list];
  const rest = list.slice(max);
  return [...list.slice(0, max), { kind: 'more', key: `${key}/+${max}`, count: rest.length, children: () => paged(rest, max, `${key}/+${max}`) }];
}

/**
 * Groups `entries` (root-relative paths, one per file) for a tree: flat when short, else by folder. Lazy: a
 * level is built when it is first read, in one pass over the files below it (so expanding a folder costs what
 * it holds, whatever the size of the tree).
 */
export function groupByFolder<T>(entries: readonly { readonly path: string; readonly value: T }[], options: FolderGroupOptions = {}): GroupNode<T>[] {
  const flatUpTo = options.flatUpTo ?? FLAT_UP_TO;
  const max = options.maxChildren ?? MAX_TREE_CHILDREN;
  if (entries.length <= flatUpTo) return entries.map((e) => ({ kind: 'file', path: e.path, value: e.value }));
  return level(entries.map((e) => ({ rest: e.path, path: e.path, value: e.value })), '', max);
}

function level<T>(below: readonly Below<T>[], prefix: string, max: number): GroupNode<T>[] {
  const folders = new Map<string, Below<T>[]>();
  const files: Below<T>[] = [];
  for (const e of below) {
    const slash = e.rest.indexOf('/');
    if (slash < 0) {
      files.push(e);
      continue;
    }
    const name = e.rest.slice(0, slash);
    let list = folders.get(name);
    if (!list) folders.set(name, (list = []));
    list.push({ rest: e.rest.slice(slash + 1), path: e.path, value: e.value });
  }
  const out: GroupNode<T>[] = [];
  for (const name of [...folders.keys()].sort(byName)) {
    let inner = folders.get(name)!;
    let label = name;
    // Compact folders: a folder whose only content is one folder shows as `a/b`.
    for (;;) {
      const first = inner[0].rest;
      const slash = first.indexOf('/');
      if (slash < 0) break;
      const next = first.slice(0, slash + 1);
      if (!inner.every((e) => e.rest.startsWith(next))) break;
      label = `${label}/${next.slice(0, -1)}`;
      inner = inner.map((e) => ({ rest: e.rest.slice(next.length), path: e.path, value: e.value }));
    }
    const path = prefix ? `${prefix}/${label}` : label;
    const content = inner;
    let cached: GroupNode<T>[] | undefined;
    out.push({ kind: 'folder', path, label, count: content.length, children: () => (cached ??= level(content, path, max)) });
  }
  for (const f of files.sort((a, b) => byName(a.path, b.path))) out.push({ kind: 'file', path: f.path, value: f.value });
  return paged(out, max, prefix || '.');
}
