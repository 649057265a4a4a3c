// Classifies one file's bytes (binary, too large, minified) and scans it for tags only when a byte-level
// search finds something the tag scanner could report — most files are never decoded. Pure: runs in the
// index, in a worker thread near the bytes, or in a browser host alike.
import type { TagScan } from '../types';
import { languageForPath } from '../tags/languages';
import { directiveKind, mayStartDirective, typoOf } from '../tags/directives';
import { DEFAULT_MARKERS } from '../tags/tagScanner';
import { IncrementalScanner } from './incrementalScan';

export type SkipReason = 'binary' | 'tooLarge' | 'minified' | 'unreadable' | 'unsupported';
export const SKIP_REASONS: readonly SkipReason[] = ['binary', 'tooLarge', 'minified', 'unreadable', 'unsupported'];

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
/** Bytes inspected for NUL (binary) and line length (minified), like git and ripgrep's first block. */
export const SNIFF_BYTES = 8192;
/** Average line length over the sniffed bytes above which a .js/.css file counts as minified. */
export const MINIFIED_LINE_LENGTH = 500;
/** Literal strings `rg` is asked for in the benchmark; `rawHitLines` counts lines holding any of them. */
export const RAW_TAG_LITERALS: readonly string[] = ['@intent', '@debt'];

export interface FileScanOptions {
  readonly markers?: readonly string[];
  readonly maxFileSize?: number;
  /** Also count the lines that contain a raw literal (tags or markers, anywhere): for the benchmark's rg check. */
  readonly countRawHits?: boolean;
}

export type FileScanOutcome =
  | { readonly kind: 'skipped'; readonly reason: SkipReason }
  /** Scanned: no byte sequence the tag scanner could report. */
  | { readonly kind: 'clean' }
  | { readonly kind: 'hit'; readonly scan: TagScan; readonly rawHitLines?: number };

/** The outcome of a file with nothing to report, and of each skip reason: shared, never built per file. */
export const CLEAN: FileScanOutcome = Object.freeze({ kind: 'clean' });
const SKIPPED = new Map<SkipReason, FileScanOutcome>();
export function skippedOutcome(reason: SkipReason): FileScanOutcome {
  let o = SKIPPED.get(reason);
  if (!o) SKIPPED.set(reason, (o = Object.freeze({ kind: 'skipped', reason })));
  return o;
}

const MINIFIABLE = new Set(['.js', '.mjs', '.cjs', '.css']);

/** A skip decided from the path alone (no comment syntax, a `.min.` name), so the file is never read. */
export function skipByPath(path: string): SkipReason | undefined {
  if (!languageForPath(path)) return 'unsupported';
  if (/\.min\.[^/]*$/.test(path)) return 'minified';
  return undefined;
}

const encoder = new TextEncoder();
/** Files rescanned again and again (editor saves) are decoded and lexed only from their first changed line. */
const incremental = new IncrementalScanner();

/** Pre-encoded marker words (a few per index; cached by their joined text, and the last list by identity). */
const encodedCache = new Map<string, Uint8Array[]>();
let lastWords: readonly string[] | undefined;
let lastEncoded: Uint8Array[] = [];
function encodeAll(words: readonly string[]): Uint8Array[] {
  if (words === lastWords) return lastEncoded;
  lastEncoded = encodeAllByText(words);
  lastWords = words;
  return lastEncoded;
}
function encodeAllByText(words: readonly string[]): Uint8Array[] {
  const key = words.join('\0');
  let v = encodedCache.get(key);
  if (!v) {
    v = words.filter((w) => w !== '').map((w) => encoder.encode(w));
    if (encodedCache.size > 32) encodedCache.clear();
    encodedCache.set(key, v);
  }
  return v;
}

/**
 * Bytes of source code from the most to the least frequent (a rough order): a needle is searched by its rarest
 * byte, so `TODO` jumps from `D` to `D`, not from every `T` of `The`/`TYPE`/`String`.
 */
const COMMON_BYTES = ' etaoinsrlcdhupmfgy()=;.,\n\t{}bwvk"\'_/*:xjqzTSACEINROLPMFBUGHVWYDKJXQZ0123456789@';
const byteRank = new Uint8Array(256).fill(255);
for (let i = 0; i < COMMON_BYTES.length; i++) byteRank[COMMON_BYTES.charCodeAt(i)] = i;

const anchors = new WeakMap<Uint8Array, number>();
/** Index of the needle's rarest byte. */
function anchorOf(needle: Uint8Array): number {
  let a = anchors.get(needle);
  if (a === undefined) {
    a = 0;
    for (let k = 1; k < needle.length; k++) if (byteRank[needle[k]] > byteRank[needle[a]]) a = k;
    anchors.set(needle, a);
  }
  return a;
}

/** First offset >= from where `needle` occurs in `bytes`, or -1 (native indexOf on its rarest byte, then verify). */
export function findBytes(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  const n = needle.length;
  if (n === 0) return from <= bytes.length ? from : -1;
  const a = anchorOf(needle);
  const anchor = needle[a];
  const last = bytes.length - n;
  let i = bytes.indexOf(anchor, from + a) - a;
  while (i >= from && i <= last) {
    let k = 0;
    while (k < n && bytes[i + k] === needle[k]) k++;
    if (k === n) return i;
    i = bytes.indexOf(anchor, i + a + 1) - a;
  }
  return -1;
}

function isWordByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

/** `@word`s the tag scanner reports: directives and their typos (`@Intent`, `@intnet`, `@debts`; typoOf memoises). */
function isDirectiveLike(word: string): boolean {
  return directiveKind(word) !== undefined || typoOf(word) !== undefined;
}

/**
 * Lengths of the `@word`s the tag scanner can report: the directives (4, 6 and 11 letters, any case) and their
 * typos within typoOf's edit-distance limits (debt ±1, intent and intent-file ±2). Shorter or longer words are
 * skipped on the bytes, without building a string (JSDoc/Javadoc `@param`-style words are most `@`s of a tree).
 */
const DIRECTIVE_MIN_LENGTH = 4;
const DIRECTIVE_MAX_LENGTH = 13;

/** True when some `@` in the bytes starts a word the tag scanner would report on. */
function hasDirectiveLike(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let at = bytes.indexOf(0x40);
  while (at >= 0) {
    let j = at + 1;
    const c0 = j < n ? bytes[j] : 0;
    if (((c0 >= 0x41 && c0 <= 0x5a) || (c0 >= 0x61 && c0 <= 0x7a)) && mayStartDirective(c0, j + 1 < n ? bytes[j + 1] : 0)) {
      while (j < n && j - at <= DIRECTIVE_MAX_LENGTH + 1 && isWordByte(bytes[j])) j++;
      const length = j - at - 1;
      if (length >= DIRECTIVE_MIN_LENGTH && length <= DIRECTIVE_MAX_LENGTH) {
        let word = '';
        for (let k = at + 1; k < j; k++) word += String.fromCharCode(bytes[k]);
        if (isDirectiveLike(word)) return true;
      }
    }
    at = bytes.indexOf(0x40, j > at + 1 ? j : at + 1);
  }
  return false;
}

/** True when the first SNIFF_BYTES hold a NUL byte. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  return head.indexOf(0) >= 0;
}

/** True for a .js/.css file whose first SNIFF_BYTES average more than MINIFIED_LINE_LENGTH per line. */
export function looksMinified(path: string, bytes: Uint8Array): boolean {
  const dot = path.lastIndexOf('.');
  if (dot <= path.lastIndexOf('/') + 1 || !MINIFIABLE.has(path.slice(dot).toLowerCase())) return false;
  const limit = Math.min(bytes.length, SNIFF_BYTES);
  if (limit <= MINIFIED_LINE_LENGTH) return false;
  let lines = bytes[limit - 1] === 0x0a ? 0 : 1;
  let i = bytes.indexOf(0x0a);
  while (i >= 0 && i < limit) {
    lines++;
    if (limit / lines <= MINIFIED_LINE_LENGTH) return false;
    i = bytes.indexOf(0x0a, i + 1);
  }
  return limit / lines > MINIFIED_LINE_LENGTH;
}

/** Number of `\n`-separated lines that contain any of the literals (what `rg -c -e … -e …` counts). */
export function countLinesWith(bytes: Uint8Array, literals: readonly Uint8Array[]): number {
  const offsets: number[] = [];
  for (const lit of literals) {
    let i = findBytes(bytes, lit);
    while (i >= 0) {
      offsets.push(i);
      i = findBytes(bytes, lit, i + 1);
    }
  }
  if (offsets.length === 0) return 0;
  offsets.sort((a, b) => a - b);
  let count = 0;
  let lineEnd = -1;
  for (const off of offsets) {
    if (off <= lineEnd) continue;
    count++;
    lineEnd = bytes.indexOf(0x0a, off);
    if (lineEnd < 0) break;
  }
  return count;
}

/**
 * Classify and scan one file. `bytes` may be only the first maxFileSize + 1 bytes of a bigger file: more than
 * maxFileSize bytes means too large. Never throws.
 */
export function scanFileBytes(path: string, bytes: Uint8Array, options: FileScanOptions = {}): FileScanOutcome {
  const byPath = skipByPath(path);
  return byPath ? skippedOutcome(byPath) : scanReadBytes(path, bytes, options);
}

/** scanFileBytes for a path that skipByPath already let through (the walker's scan loop checks it first). */
export function scanReadBytes(path: string, bytes: Uint8Array, options: FileScanOptions = {}): FileScanOutcome {
  try {
    if (bytes.length > (options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return skippedOutcome('tooLarge');
    if (looksBinary(bytes)) return skippedOutcome('binary');
    if (looksMinified(path, bytes)) return skippedOutcome('minified');
    const markers = options.markers ?? DEFAULT_MARKERS;
    const encoded = encodeAll(markers);
    let hit = false;
    for (const m of encoded) {
      if (findBytes(bytes, m) >= 0) {
        hit = true;
        break;
      }
    }
    if (!hit && !hasDirectiveLike(bytes)) return CLEAN;
    const scan = incremental.scan(path, bytes, markers);
    if (options.countRawHits) {
      const rawHitLines = countLinesWith(bytes, encodeAll([...RAW_TAG_LITERALS, ...markers]));
      return { kind: 'hit', scan, rawHitLines };
    }
    if (scan.tags.length === 0 && scan.malformed.length === 0 && scan.markers.length === 0) return CLEAN;
    return { kind: 'hit', scan };
  } catch {
    return skippedOutcome('unreadable');
  }
}
