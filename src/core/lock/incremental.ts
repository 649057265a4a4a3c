// An edit inside one tagged function re-fingerprints only that function: the previous version's links whose span
// (tag to end of code) the edit does not touch are kept (shifted by the line delta), the touched ones are bound
// again from a tree-sitter parse of the window around their tags. Any doubt returns undefined: the caller then
// evaluates the whole file, so the result always equals a whole-file evaluation.
import type { Range, SymbolNode, Tag } from '../types';
import { fileLinks, isLinkTag, type CurrentLink } from './links';
import type { LockSource } from './source';

/** What a file's links were computed from. */
export interface LinkedVersion {
  readonly text: string;
  readonly tags: readonly Tag[];
  readonly links: readonly CurrentLink[];
}

/** Symbols of `text` needed to attribute `lines` (a windowed parse), undefined when its window has a syntax error. */
export type WindowSymbols = (text: string, lines: readonly number[]) => Promise<readonly SymbolNode[] | undefined>;

/** The changed span as lines: [first, lastOld] of the old text became [first, lastNew] of the new one. */
interface LineChange {
  readonly first: number;
  readonly lastOld: number;
  readonly delta: number;
  readonly removed: string;
  readonly inserted: string;
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

function diffLines(before: string, after: string): LineChange {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  const removed = before.slice(p, before.length - s);
  const inserted = after.slice(p, after.length - s);
  const first = lineOf(before, p);
  const newlines = (t: string): number => t.split('\n').length - 1;
  return { first, lastOld: first + newlines(removed), delta: newlines(inserted) - newlines(removed), removed, inserted };
}

/**
 * Characters that can change the shape of the syntax tree beyond the edited statement (brackets, strings,
 * comments, generics, decorators, escapes); an edit that removes or inserts one is not trusted to stay local.
 */
const STRUCTURAL = /[{}()[\]<>'"`/*#@\\]/;

const shiftRange = (r: Range, from: number, delta: number): Range =>
  r.start.line > from ? { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } } : r;

/** The first line of a link's span: its tag or its code, whichever comes first. */
const spanStart = (l: CurrentLink): number => Math.min(l.range.start.line, l.codeRange?.start.line ?? l.range.start.line);

/** The links of `text` derived from `previous`, or undefined when only a whole-file evaluation can be trusted. */
export async function incrementalLinks(
  source: Pick<LockSource, 'graph'>,
  file: string,
  previous: LinkedVersion,
  text: string,
  tags: readonly Tag[],
  windowSymbols: WindowSymbols,
): Promise<CurrentLink[] | undefined> {
  // Indentation is syntax in Python: a whitespace edit can end a function there.
  if (/\.pyi?$/.test(file)) return undefined;
  const change = diffLines(previous.text, text);
  if (change.removed === '' && change.inserted === '') return undefined;
  if (STRUCTURAL.test(change.removed) || STRUCTURAL.test(change.inserted)) return undefined;
  // Only symbol links, none an overload (their `~n` depends on the other links), each link of the file once.
  if (previous.links.length === 0 || previous.links.some((l) => l.kind !== 'symbol' || !l.codeRange || /~\d+$/.test(l.at))) return undefined;
  // The same link tags, where the shift puts them: no tag added, removed or edited.
  const before = previous.tags.filter(isLinkTag);
  const now = tags.filter(isLinkTag);
  if (before.length !== now.length) return undefined;
  const key = (t: Tag, r: Range): string => JSON.stringify([t.kind, r, t.ids.map((i) => [i.id, i.range])]);
  for (let i = 0; i < before.length; i++) {
    const b = before[i];
    const ids = b.ids.map((ref) => ({ ...ref, range: shiftRange(ref.range, change.lastOld, change.delta) }));
    if (key({ ...b, ids }, shiftRange(b.range, change.lastOld, change.delta)) !== key(now[i], now[i].range)) return undefined;
  }
  // The edit must lie inside the body of a linked symbol (after its name line, before its last line): names and
  // containers stay put.
  const inside = previous.links.some((l) => l.codeRange && change.first > l.codeRange.start.line && change.lastOld < l.codeRange.end.line);
  if (!inside) return undefined;
  const touched = previous.links.filter((l) => change.lastOld >= spanStart(l) && change.first <= (l.codeRange?.end.line ?? l.range.end.line));
  const touchedAt = new Set(touched.map((l) => l.at));
  // Another tag on a touched symbol, its line outside the edit: its link shares the code, so it is re-bound too.
  if (previous.links.some((l) => touchedAt.has(l.at) && !touched.includes(l))) return undefined;
  const tagLines = [...new Set(touched.map((l) => l.range.start.line + (l.range.start.line > change.lastOld ? change.delta : 0)))];
  // The changed lines are requested too: a window leaves out the bodies no requested line is in, and the edited
  // body must be parsed (a syntax error there makes the finder answer undefined: whole file).
  const changed = Array.from({ length: change.lastOld - change.first + change.delta + 1 }, (_, k) => change.first + k);
  const symbols = await windowSymbols(text, [...new Set([...tagLines, ...changed])].sort((a, b) => a - b));
  if (!symbols) return undefined;
  const lineTags = now.filter((t) => tagLines.includes(t.range.start.line));
  const fresh = fileLinks(source, file, lineTags, { text, symbols });
  // The re-bound links must be the same links (same place in the lock, same extent shifted by the edit).
  if (fresh.length !== touched.length) return undefined;
  const freshByKey = new Map(fresh.map((l) => [`${l.id}\u0000${l.at}`, l]));
  for (const old of touched) {
    const l = freshByKey.get(`${old.id}\u0000${old.at}`);
    if (!l?.codeRange || !old.codeRange) return undefined;
    if (l.codeRange.start.line !== old.codeRange.start.line || l.codeRange.end.line !== old.codeRange.end.line + change.delta) return undefined;
  }
  const fileHash = fresh[0]?.fileHash;
  return previous.links.map((l) => {
    const again = touchedAt.has(l.at) ? freshByKey.get(`${l.id}\u0000${l.at}`) : undefined;
    if (again) return { ...again, fileLinks: l.fileLinks };
    const codeRange = l.codeRange && shiftRange(l.codeRange, change.lastOld, change.delta);
    return { ...l, range: shiftRange(l.range, change.lastOld, change.delta), ...(codeRange ? { codeRange } : {}), fileHash };
  });
}
