// Accepting links: today's state of the chosen links becomes their lock entries; every other entry is kept
// (`lock` alone also drops entries whose link is gone). Pure: the caller writes the text atomically.
import type { IntentItem } from '../types';
import type { CurrentLink } from './links';
import { itemState } from './links';
import { entryKey, serializeLock, type LockEntry, type ParsedLock } from './lockFile';

export function entryFor(link: CurrentLink, item: IntentItem): LockEntry {
  const { fields, fingerprint } = itemState(item);
  return {
    id: link.id,
    at: link.at,
    item: fingerprint,
    fields,
    ...(link.code ? { code: link.code } : {}),
    ...(link.fileHash ? { file: link.fileHash } : {}),
    ...(link.fileLinks ? { n: link.fileLinks } : {}),
  };
}

export interface AcceptResult {
  readonly text: string;
  /** Links whose entry was added or changed. */
  readonly changed: number;
}

/**
 * The new lock text after accepting `links`. `previous` (the entries a rename matched, by link) are replaced so
 * a renamed symbol does not leave its old line behind. `prune` drops entries of links that no longer exist.
 */
export function acceptLinks(
  lock: ParsedLock | undefined,
  links: readonly CurrentLink[],
  items: ReadonlyMap<string, IntentItem>,
  options: { prune?: readonly CurrentLink[]; previous?: ReadonlyMap<CurrentLink, LockEntry> } = {},
): AcceptResult {
  const entries = new Map(lock?.entries ?? []);
  if (options.prune) {
    const live = new Set(options.prune.map((l) => entryKey(l.id, l.at)));
    for (const key of [...entries.keys()]) if (!live.has(key)) entries.delete(key);
  }
  let changed = 0;
  for (const link of links) {
    const item = items.get(link.id);
    if (!item) continue;
    const old = options.previous?.get(link);
    if (old && old.at !== link.at) entries.delete(entryKey(old.id, old.at));
    const key = entryKey(link.id, link.at);
    const next = entryFor(link, item);
    const before = entries.get(key);
    if (!before || JSON.stringify(before) !== JSON.stringify(next)) changed++;
    entries.set(key, next);
  }
  return { text: serializeLock(entries.values()), changed };
}
