// `intent.lock`: the reviewed state of each link, one JSON object per line, sorted, no timestamps, so two
// branches that accept different links merge cleanly. Parsing is bounded and every bad line is a positioned
// IL043; the good lines keep working, and nothing here ever rewrites a file that did not parse.
import { msg } from '../l10n';
import { ID_PATTERN } from '../manifest/idSyntax';
import type { Finding, Range } from '../types';
import type { CodeFingerprint } from './codeFingerprint';
import type { FieldValue, ItemFields } from './itemFingerprint';

export const LOCK_NAME = 'intent.lock';
export const MAX_LOCK_BYTES = 8 * 1024 * 1024;
export const MAX_LOCK_ENTRIES = 100_000;
const MAX_LINE = 16_384;

export const LOCK_HEADER = [
  '# intent.lock: links between code and intent.yaml as they were reviewed (intent-lens accept). Commit it.',
  '# One link per line, sorted, no timestamps; a changed item (IL040) or rewritten code (IL041) makes a link suspect.',
];

export interface LockEntry {
  /** The item's ID. */
  readonly id: string;
  /** Where the link is: `path#Class.method`, `path` for a file tag, `scope:manifest#glob,glob` for a scope. */
  readonly at: string;
  /** Item fingerprint at review time. */
  readonly item: string;
  /** Item meaning fields at review time. */
  readonly fields: ItemFields;
  /** Code fingerprint at review time (tag links only). */
  readonly code?: CodeFingerprint;
  /** Hash of the whole file at review time and its number of links (an unchanged file then needs no parse). */
  readonly file?: string;
  readonly n?: number;
}

export interface ParsedLock {
  /** Valid entries by key (`id` + NUL + `at`). */
  readonly entries: ReadonlyMap<string, LockEntry>;
  /** IL043 for every line that could not be read. */
  readonly findings: readonly Finding[];
}

export function entryKey(id: string, at: string): string {
  return `${id}\u0000${at}`;
}

const HEX16 = /^[0-9a-f]{16}$/;
const SKETCH = /^[0-9a-f]{128}$/;

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: Math.max(end, start) } };
}

function bad(file: string, range: Range, reason: ReturnType<typeof msg>): Finding {
  return { code: 'IL043', severity: 'error', ...msg('intent.lock is invalid: {0}', reason.l10n), file, range };
}

/** Parses a lock's text. `file` is the lock's root-relative path, for positions. */
export function parseLock(text: string, file: string = LOCK_NAME): ParsedLock {
  const findings: Finding[] = [];
  const entries = new Map<string, LockEntry>();
  if (text.length > MAX_LOCK_BYTES) {
    findings.push(bad(file, lineRange(0, 0, 0), msg('it is larger than {0} MB', MAX_LOCK_BYTES / 1024 / 1024)));
    return { entries, findings };
  }
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const whole = lineRange(n, 0, line.length);
    if (/^(<{7}|={7}|>{7}|\|{7})/.test(line)) {
      findings.push(bad(file, whole, msg('unresolved merge conflict marker (keep both sides\' lines, then run intent-lens accept)')));
      continue;
    }
    if (line.length > MAX_LINE) {
      findings.push(bad(file, lineRange(n, 0, 0), msg('line longer than {0} characters', MAX_LINE)));
      continue;
    }
    if (entries.size >= MAX_LOCK_ENTRIES) {
      findings.push(bad(file, whole, msg('more than {0} links; the rest is not read', MAX_LOCK_ENTRIES)));
      break;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
      const col = at ? Math.min(Number(at[1]), line.length) : 0;
      findings.push(bad(file, lineRange(n, col, line.length), msg('not a JSON object: {0}', error instanceof Error ? error.message : String(error))));
      continue;
    }
    const checked = checkEntry(value);
    if (typeof checked === 'string') {
      const keyAt = line.indexOf(`"${checked}"`);
      findings.push(bad(file, keyAt >= 0 ? lineRange(n, keyAt, keyAt + checked.length + 2) : whole, msg("field '{0}' is missing or malformed", checked)));
      continue;
    }
    const key = entryKey(checked.id, checked.at);
    if (entries.has(key)) {
      findings.push(bad(file, whole, msg("the link '{0}' at '{1}' appears twice", checked.id, checked.at)));
      continue;
    }
    entries.set(key, checked);
  }
  return { entries, findings };
}

function isFieldValue(v: unknown): v is FieldValue {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
}

/** The entry, or the name of the first field that is wrong. */
function checkEntry(value: unknown): LockEntry | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'id';
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['id', 'at', 'item', 'fields', 'code', 'sig', 'sketch', 'file', 'n'].includes(k)) return k;
  if (typeof o.id !== 'string' || !ID_PATTERN.test(o.id)) return 'id';
  if (typeof o.at !== 'string' || o.at === '' || o.at.length > 2000) return 'at';
  if (typeof o.item !== 'string' || !HEX16.test(o.item)) return 'item';
  const fields = o.fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return 'fields';
  const f: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (!isFieldValue(v) || k === '__proto__') return 'fields';
    f[k] = v;
  }
  const entry: { -readonly [K in keyof LockEntry]: LockEntry[K] } = { id: o.id, at: o.at, item: o.item, fields: f };
  if (o.code !== undefined || o.sig !== undefined || o.sketch !== undefined) {
    if (typeof o.code !== 'string' || !HEX16.test(o.code)) return 'code';
    if (typeof o.sig !== 'string' || (o.sig !== '' && !HEX16.test(o.sig))) return 'sig';
    if (typeof o.sketch !== 'string' || !SKETCH.test(o.sketch)) return 'sketch';
    entry.code = { code: o.code, sig: o.sig, sketch: o.sketch };
  }
  if (o.file !== undefined) {
    if (typeof o.file !== 'string' || !HEX16.test(o.file)) return 'file';
    entry.file = o.file;
  }
  if (o.n !== undefined) {
    if (typeof o.n !== 'number' || !Number.isInteger(o.n) || o.n < 1 || o.n > MAX_LOCK_ENTRIES) return 'n';
    entry.n = o.n;
  }
  return entry;
}

/** One entry as its line: keys in a fixed order, no spaces. */
export function entryLine(e: LockEntry): string {
  const o: Record<string, unknown> = { id: e.id, at: e.at, item: e.item, fields: e.fields };
  if (e.code) Object.assign(o, { code: e.code.code, sig: e.code.sig, sketch: e.code.sketch });
  if (e.file) o.file = e.file;
  if (e.n) o.n = e.n;
  return JSON.stringify(o);
}

/**
 * The whole lock: header, then one line per entry sorted by ID then place (byte order, locale-free), each
 * followed by a blank line — git's merge conflicts on changes to adjacent lines, so two branches that accept
 * neighbouring links would clash without it.
 */
export function serializeLock(entries: Iterable<LockEntry>): string {
  const sorted = [...entries].sort((a, b) => cmp(a.id, b.id) || cmp(a.at, b.at));
  return [...LOCK_HEADER, '', ...sorted.map((e) => entryLine(e) + '\n')].join('\n');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
