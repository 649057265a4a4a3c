// Today's links of a workspace, each with its place in the lock (`at`) and its fingerprints: tag links bound to
// a symbol (found by its path `Class.method`, not its line), file tags, and scope links (item side only).
import { bindTags } from '../model/binding';
import type { IntentItem, Range, Tag } from '../types';
import { codeFingerprint, type CodeFingerprint } from './codeFingerprint';
import { fingerprint64 } from './hash';
import { incrementalLinks } from './incremental';
import { itemFields, itemFingerprint, type ItemFields } from './itemFingerprint';
import type { LockFile, LockSource } from './source';

export type LinkKind = 'symbol' | 'file' | 'scope';

export interface CurrentLink {
  readonly id: string;
  readonly at: string;
  readonly kind: LinkKind;
  /** Where findings about the link go: the ID in the tag, or in the scope's `serves`. */
  readonly file: string;
  readonly range: Range;
  /** `Class.method` for a symbol link. */
  readonly symbol?: string;
  /** The bound code (symbol links), for peeking. */
  readonly codeRange?: Range;
  readonly code?: CodeFingerprint;
  /** Whole-file hash (see fileHash) and the number of links in the file. */
  readonly fileHash?: string;
  readonly fileLinks?: number;
}

/** Tags that link code to an item (`@debt` anchors are not claims about what code serves). */
export function isLinkTag(tag: Tag): boolean {
  return tag.kind === 'intent' || tag.kind === 'intent-file';
}

export function itemState(item: IntentItem): { fields: ItemFields; fingerprint: string } {
  const fields = itemFields(item);
  return { fields, fingerprint: itemFingerprint(item.kind, fields) };
}

/** A symbol's name in a path: quotes of a string-named member dropped (formatters switch quote styles). */
export function symbolName(name: string): string {
  const bare = /^(['"`]).*\1$/s.test(name) ? name.slice(1, -1) : name;
  // Computed names (`[selector('a, b')]`) as formatters leave them: no whitespace, one quote style, no trailing comma.
  return bare.replace(/\s+/g, '').replace(/"/g, "'").replace(/,([)\]])/g, '$1');
}

/** The path part of an `at` (before the symbol path), or undefined for a scope link. */
export function atFile(at: string): string | undefined {
  if (at.startsWith('scope:')) return undefined;
  const hash = at.lastIndexOf('#');
  return hash < 0 ? at : at.slice(0, hash);
}

function lineOffsets(text: string): number[] {
  const out = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) out.push(k + 1);
  return out;
}

/**
 * A hash of the file's bytes as read: equal means nothing in the file changed since its links were stamped with
 * it, so they need no parse. Only a shortcut: any change (a reformat too) takes the full path.
 */
export function fileHash(text: string): string {
  return fingerprint64(text);
}

/** The tag links of one file, deduplicated (two tags naming the same ID on the same symbol are one link). */
export function fileLinks(source: Pick<LockSource, 'graph'>, file: string, tags: readonly Tag[], content: LockFile): CurrentLink[] {
  const linkTags = tags.filter(isLinkTag);
  if (linkTags.length === 0) return [];
  const offsets = lineOffsets(content.text);
  const offset = (p: Range['start']): number => Math.min((offsets[p.line] ?? content.text.length) + p.character, content.text.length);
  const hash = fileHash(content.text);
  let wholeFile: CodeFingerprint | undefined;
  const out = new Map<string, CurrentLink>();
  const seenPaths = new Map<string, unknown>();
  // The one binding rule (model/binding.ts), so a link binds where the lens and the hover say it does.
  for (const { tag, target } of bindTags({ tags: linkTags, malformed: [], markers: [] }, content)) {
    let at = file;
    let symbol: string | undefined;
    let code: CodeFingerprint;
    let codeRange: Range | undefined;
    if (target.kind === 'symbol') {
      const node = target.path[target.path.length - 1];
      symbol = target.path.map((s) => symbolName(s.name)).join('.');
      // Overloads share a path: the second and later get `~2`, `~3` in source order.
      let n = 1;
      let key = symbol;
      while (seenPaths.has(key) && seenPaths.get(key) !== node) key = `${symbol}~${++n}`;
      seenPaths.set(key, node);
      at = `${file}#${key}`;
      // From the start of the name's line (decorators and leading comments are not the symbol's code; editors
      // and tree-sitter disagree on whether they belong to its range) to the end of its body.
      const start = { line: node.selectionRange.start.line, character: 0 };
      codeRange = { start, end: node.range.end };
      code = codeFingerprint(content.text.slice(offset(start), offset(node.range.end)), file, false);
    } else {
      code = wholeFile ??= codeFingerprint(content.text, file, true);
    }
    for (const ref of tag.ids) {
      if (!source.graph.items.has(ref.id)) continue;
      const k = `${ref.id}\u0000${at}`;
      if (out.has(k)) continue;
      out.set(k, { id: ref.id, at, kind: target.kind === 'symbol' ? 'symbol' : 'file', file, range: ref.range, ...(symbol ? { symbol } : {}), ...(codeRange ? { codeRange } : {}), code, fileHash: hash });
    }
  }
  // Each link records how many links its file had, so the shortcut knows the entries cover the file.
  return [...out.values()].map((l) => ({ ...l, fileLinks: out.size }));
}

/** Scope links: one per `serves` entry of every scope, item side only. */
export function scopeLinks(source: Pick<LockSource, 'graph'>): CurrentLink[] {
  const out: CurrentLink[] = [];
  for (const scope of source.graph.scopes) {
    const at = `scope:${scope.source.manifest}#${scope.paths.join(',')}`;
    scope.serves.forEach((id, i) => {
      if (!source.graph.items.has(id)) return;
      out.push({ id, at, kind: 'scope', file: scope.source.manifest, range: scope.servesRanges?.[i] ?? scope.source.range });
    });
  }
  return out;
}

/** Links of files by version, for sources that have versions (see LockSource.version). */
export class LinkCache {
  private readonly files = new Map<string, { version: unknown; graph: unknown; links: CurrentLink[]; text: string; tags: readonly Tag[] }>();

  get(source: LockSource, file: string): CurrentLink[] | undefined {
    const hit = this.files.get(file);
    const version = source.version?.(file);
    return hit && version !== undefined && hit.version === version && hit.graph === source.graph ? hit.links : undefined;
  }

  /** The file's last computed version under the same graph, whatever its version: the base of an incremental update. */
  previous(source: LockSource, file: string): { links: CurrentLink[]; text: string; tags: readonly Tag[] } | undefined {
    const hit = this.files.get(file);
    return hit && hit.graph === source.graph ? hit : undefined;
  }

  set(source: LockSource, file: string, links: CurrentLink[], text: string, tags: readonly Tag[]): void {
    const version = source.version?.(file);
    if (version !== undefined) this.files.set(file, { version, graph: source.graph, links, text, tags });
  }

  /** Forgets files that are no longer tagged. */
  retain(files: ReadonlySet<string>): void {
    for (const f of [...this.files.keys()]) if (!files.has(f)) this.files.delete(f);
  }
}

/**
 * The links of one tagged file, through the cache when given. With a cache and a windowed parse (the editor), an
 * edit inside one linked function re-fingerprints only that function (incremental.ts); otherwise the whole file.
 */
export async function linksOfFile(source: LockSource, file: string, tags: readonly Tag[], cache?: LinkCache): Promise<CurrentLink[]> {
  const hit = cache?.get(source, file);
  if (hit) return hit;
  const previous = source.windowSymbols && cache?.previous(source, file);
  if (previous && source.windowSymbols) {
    const text = await source.text(file);
    if (text === undefined) return [];
    const windowSymbols = source.windowSymbols;
    const links = await incrementalLinks(source, file, previous, text, tags, (t, lines) => windowSymbols(file, t, lines));
    if (links) {
      cache?.set(source, file, links, text, tags);
      return links;
    }
  }
  const content = await source.file(file);
  const links = content ? fileLinks(source, file, tags, content) : [];
  if (content) cache?.set(source, file, links, content.text, tags);
  return links;
}

/** Every current link of the workspace (parses each tagged file, unless the cache has it at this version). */
export async function currentLinks(source: LockSource, cache?: LinkCache): Promise<CurrentLink[]> {
  const out: CurrentLink[] = [];
  const seen = new Set<string>();
  for (const [file, tags] of source.taggedFiles()) {
    if (!tags.some(isLinkTag)) continue;
    seen.add(file);
    out.push(...(await linksOfFile(source, file, tags, cache)));
  }
  cache?.retain(seen);
  out.push(...scopeLinks(source));
  return out;
}
