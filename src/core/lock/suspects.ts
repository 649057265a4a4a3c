// Compares today's links with intent.lock: which links are reviewed, which are suspect (the item changed:
// IL040; the code changed in substance: IL041) and which were never reviewed (IL042). Only when a lock exists.
import { msg } from '../l10n';
import type { Finding, IntentItem } from '../types';
import { compareCode, type CodeChange } from './codeFingerprint';
import { describeChange, diffFields, type FieldChange } from './itemFingerprint';
import { atFile, currentLinks, fileHash, fileLinks, isLinkTag, itemState, scopeLinks, type CurrentLink, type LinkCache } from './links';
import { entryKey, type LockEntry, type ParsedLock } from './lockFile';
import type { LockSource } from './source';

export interface LinkStatus {
  readonly link: CurrentLink;
  /** The lock entry it matched (by place, or by identical code when the symbol or file was renamed). */
  readonly entry?: LockEntry;
  /** Fields changed since review (IL040 when non-empty). */
  readonly itemChanges: readonly FieldChange[];
  /** How the code changed since review (symbol and file links). */
  readonly codeChange?: CodeChange;
}

export function isUnreviewed(s: LinkStatus): boolean {
  return !s.entry;
}

export function isSuspect(s: LinkStatus): boolean {
  return !!s.entry && (s.itemChanges.length > 0 || isSubstance(s.codeChange));
}

export function isSubstance(change: CodeChange | undefined): boolean {
  return change?.kind === 'signature' || change?.kind === 'rewritten';
}

/** Status of one link against its entry (or none). */
export function statusOf(link: CurrentLink, item: IntentItem, entry: LockEntry | undefined): LinkStatus {
  if (!entry) return { link, itemChanges: [] };
  const now = itemState(item);
  const itemChanges = entry.item === now.fingerprint ? [] : diffFields(entry.fields, now.fields);
  // A fingerprint mismatch with no visible field difference (e.g. a kind change) still counts.
  const changes = entry.item !== now.fingerprint && itemChanges.length === 0 ? [{ field: 'meaning' }] : itemChanges;
  const codeChange = entry.code && link.code ? compareCode(entry.code, link.code) : undefined;
  return { link, entry, itemChanges: changes, ...(codeChange ? { codeChange } : {}) };
}

/** Matches links to entries: by place first, then (renamed symbol or moved file) by ID and identical code. */
export function matchLinks(links: readonly CurrentLink[], lock: ParsedLock, items: ReadonlyMap<string, IntentItem>): LinkStatus[] {
  const used = new Set<string>();
  const matched = new Map<CurrentLink, LockEntry>();
  for (const link of links) {
    const key = entryKey(link.id, link.at);
    const entry = lock.entries.get(key);
    if (entry) {
      matched.set(link, entry);
      used.add(key);
    }
  }
  const orphans = new Map<string, LockEntry[]>();
  for (const [key, e] of lock.entries) {
    if (used.has(key) || !e.code) continue;
    const k = `${e.id}\u0000${e.code.code}`;
    orphans.set(k, [...(orphans.get(k) ?? []), e]);
  }
  for (const link of links) {
    if (matched.has(link) || !link.code) continue;
    const list = orphans.get(`${link.id}\u0000${link.code.code}`);
    const e = list?.shift();
    if (e) matched.set(link, e);
  }
  return links.map((link) => statusOf(link, items.get(link.id)!, matched.get(link)));
}

export interface StatusOptions {
  /** Links per file version (the editor keeps one per folder). */
  readonly cache?: LinkCache;
  /**
   * Skip parsing files whose whole-file hash equals every lock entry of that file and whose entries cover it
   * (nothing there can be suspect or unreviewed); their reviewed links are then left out of the result.
   */
  readonly fast?: boolean;
}

/** The status of every current link (with `fast`, every link that is not plainly reviewed). */
export async function linkStatuses(source: LockSource, lock: ParsedLock, options: StatusOptions = {}): Promise<LinkStatus[]> {
  if (!options.fast) return matchLinks(await currentLinks(source, options.cache), lock, source.graph.items);
  const byFile = new Map<string, LockEntry[]>();
  for (const e of lock.entries.values()) {
    const f = atFile(e.at);
    if (f !== undefined) byFile.set(f, [...(byFile.get(f) ?? []), e]);
  }
  const links: CurrentLink[] = [];
  for (const [file, tags] of source.taggedFiles()) {
    if (!tags.some(isLinkTag)) continue;
    const entries = byFile.get(file);
    if (entries && entriesCover(source, entries)) {
      const text = await source.text(file);
      const hash = text === undefined ? undefined : fileHash(text);
      if (entries.every((e) => e.file === hash)) continue;
    }
    const content = await source.file(file);
    if (content) links.push(...fileLinks(source, file, tags, content));
  }
  links.push(...scopeLinks(source));
  return matchLinks(links, lock, source.graph.items);
}

/** True when the entries of a file are all its links (as counted when they were stamped) and no item changed. */
function entriesCover(source: LockSource, entries: readonly LockEntry[]): boolean {
  return entries.every((e) => {
    const item = source.graph.items.get(e.id);
    return e.n === entries.length && !!item && itemState(item).fingerprint === e.item;
  });
}

function where(link: CurrentLink): string {
  return link.symbol ?? link.file;
}

/** IL040–IL042 for the statuses, each at the link's ID. */
export function lockFindings(statuses: readonly LinkStatus[], items: ReadonlyMap<string, IntentItem>): Finding[] {
  const out: Finding[] = [];
  for (const s of statuses) {
    const { link } = s;
    const base = { file: link.file, range: link.range };
    if (!s.entry) {
      out.push({ code: 'IL042', severity: 'info', ...msg("link to '{0}' was never reviewed (intent-lens accept)", link.id), ...base });
      continue;
    }
    if (s.itemChanges.length > 0) {
      const item = items.get(link.id);
      out.push({
        code: 'IL040',
        severity: 'warning',
        ...msg("'{0}' changed since this link was reviewed: {1}", link.id, s.itemChanges.map(describeChange).join('; ')),
        ...base,
        ...(item ? { related: [{ file: item.source.manifest, range: item.source.idRange, ...msg("'{0}' is declared here", link.id) }] } : {}),
      });
    }
    const change = s.codeChange;
    if (change && (change.kind === 'signature' || change.kind === 'rewritten')) {
      const pct = Math.round(change.similarity * 100);
      out.push({
        code: 'IL041',
        severity: 'info',
        ...(change.kind === 'signature'
          ? msg("the code of '{0}' changed its signature since the link to '{1}' was reviewed ({2}% similar)", where(link), link.id, pct)
          : msg("the code of '{0}' was rewritten since the link to '{1}' was reviewed ({2}% similar)", where(link), link.id, pct)),
        ...base,
      });
    }
  }
  return out;
}
