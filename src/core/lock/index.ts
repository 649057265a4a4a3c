// The lock's entry points for the CLI and the editor: read intent.lock from a host, evaluate it against today's
// links, and select links to accept by ID or place.
import type { WorkspaceHost } from '../host';
import type { Finding } from '../types';
import type { CurrentLink, LinkCache } from './links';
import { LOCK_NAME, MAX_LOCK_BYTES, parseLock, type ParsedLock } from './lockFile';
import type { LockSource } from './source';
import { linkStatuses, lockFindings, type LinkStatus } from './suspects';

export { acceptLinks } from './accept';
export { currentLinks, LinkCache, type CurrentLink } from './links';
export { LOCK_NAME, parseLock, serializeLock, type LockEntry, type ParsedLock } from './lockFile';
export { indexLockSource, finderSymbols, type LockSource } from './source';
export { isSuspect, isUnreviewed, linkStatuses, lockFindings, type LinkStatus } from './suspects';

/** The root lock, or undefined when there is none (adoption is opt-in: no lock, no suspect findings). */
export async function readLock(host: WorkspaceHost): Promise<{ text: string; lock: ParsedLock } | undefined> {
  const size = await host.size?.(LOCK_NAME);
  if (size !== undefined && size > MAX_LOCK_BYTES) return { text: '', lock: parseLock('x'.repeat(MAX_LOCK_BYTES + 1)) };
  const bytes = await host.read(LOCK_NAME);
  if (bytes === undefined) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return { text, lock: parseLock(text) };
}

export interface LockEvaluation {
  readonly lock: ParsedLock;
  readonly statuses: readonly LinkStatus[];
  /** IL043 of the lock, then IL040–IL042 of the links. */
  readonly findings: readonly Finding[];
}

export async function evaluateLock(source: LockSource, lock: ParsedLock, options: { fast?: boolean; cache?: LinkCache } = {}): Promise<LockEvaluation> {
  const statuses = await linkStatuses(source, lock, options);
  return { lock, statuses, findings: [...lock.findings, ...lockFindings(statuses, source.graph.items)] };
}

/**
 * Links chosen by `ID` (every link to it), `PATH` (every link in the file) or `PATH:LINE` (the links whose tag
 * or bound code is on that 1-based line). Returns the selectors that matched nothing, so the caller can say so.
 */
export function selectLinks(links: readonly CurrentLink[], selectors: readonly string[], ids: ReadonlySet<string>): { links: CurrentLink[]; unmatched: string[] } {
  const chosen = new Set<CurrentLink>();
  const unmatched: string[] = [];
  for (const sel of selectors) {
    let hit: CurrentLink[];
    const m = /^(.*):(\d+)$/.exec(sel);
    if (ids.has(sel)) hit = links.filter((l) => l.id === sel);
    else if (m) {
      const line = Number(m[2]) - 1;
      hit = links.filter((l) => l.file === m[1] && l.kind !== 'scope' && (l.range.start.line === line || (l.codeRange !== undefined && l.codeRange.start.line <= line && line <= l.codeRange.end.line)));
    } else hit = links.filter((l) => l.file === sel || (l.kind === 'scope' && l.at.startsWith(`scope:${sel}#`)));
    if (hit.length === 0) unmatched.push(sel);
    for (const l of hit) chosen.add(l);
  }
  return { links: [...chosen], unmatched };
}
