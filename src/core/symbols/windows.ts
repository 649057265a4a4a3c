// Which parts of a big file a symbol finder must parse to attribute tags on given lines: the top-level
// statement around each tag plus the one after it. Parsing is the cost; tags are sparse.

import { lexComments } from '../tags/tagScanner';
import { languageForPath, type LanguageSyntax } from '../tags/languages';

/** Lines [startLine, endLine) of a window; it starts at a line start at bracket depth 0. */
export interface LineWindow {
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * Lines that start a top-level statement: column 0 is code (not whitespace, a comment, a string, a
 * decorator/attribute or a closing bracket) at bracket depth 0. Any line break before one is a safe cut.
 */
export function topLevelStarts(text: string, path: string): number[] | undefined {
  return scanTopLevel(text, path)?.starts;
}

interface TopLevel {
  readonly starts: number[];
  /** Flat [start, end) pairs of comments and strings, in order. */
  readonly hidden: number[];
  readonly syntax: LanguageSyntax;
}

function scanTopLevel(text: string, path: string): TopLevel | undefined {
  const syntax = languageForPath(path);
  if (!syntax) return undefined;
  const hidden: number[] = []; // flat [start, end) pairs of comments and strings, in order
  const push = (s: number, e: number): void => {
    // Comment content excludes its opener; hide the opener too (up to 4 chars back is enough for ours).
    hidden.push(s, e);
  };
  lexComments(text, syntax, push, push);
  const out: number[] = [];
  let depth = 0;
  let h = 0;
  let line = 0;
  const n = text.length;
  const bytes = asciiBytes(text);
  const onCode = (k: number, i: number): void => {
    if (k === OPEN) depth++;
    else if (k === CLOSE) depth = depth > 0 ? depth - 1 : 0;
    else {
      line++;
      const next = i + 1;
      if (depth === 0 && next < n && startsStatement(text.charCodeAt(next))) {
        while (h < hidden.length && hidden[h + 1] <= next) h += 2;
        const isHidden = h < hidden.length && hidden[h] <= next + 3 && next < hidden[h + 1];
        if (!isHidden) out.push(line);
      }
    }
  };
  let i = 0;
  while (i < n) {
    while (h < hidden.length && hidden[h + 1] <= i) h += 2;
    if (h < hidden.length && hidden[h] <= i) {
      // Inside a comment or string: jump to its end, counting the line breaks skipped.
      const end = hidden[h + 1];
      for (let k = text.indexOf('\n', i); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) line++;
      i = end;
      continue;
    }
    // Code up to the next comment or string: a tight loop over the characters that matter (over bytes when
    // the text is ASCII: charCodeAt on a concatenated string is twice as slow).
    const stop = h < hidden.length ? hidden[h] : n;
    if (bytes) {
      for (; i < stop; i++) {
        const k = CODE_CLASS[bytes[i]];
        if (k !== 0) onCode(k, i);
      }
    } else {
      for (; i < stop; i++) {
        const c = text.charCodeAt(i);
        const k = c < 0x80 ? CODE_CLASS[c] : 0;
        if (k !== 0) onCode(k, i);
      }
    }
  }
  return { starts: out, hidden, syntax };
}

const encoder = new TextEncoder();
/** Reused between calls (one per process, at most twice the largest text scanned below 16 M units). */
let scratch = new Uint8Array(0);

/** The text as bytes when it is all ASCII (byte offsets are then character offsets), else undefined. */
function asciiBytes(text: string): Uint8Array | undefined {
  if (text.length > 16_000_000) return undefined;
  if (scratch.length < text.length) scratch = new Uint8Array(Math.max(text.length, Math.min(16_000_000, scratch.length * 2)));
  const { read, written } = encoder.encodeInto(text, scratch);
  return read === text.length && written === text.length ? scratch : undefined;
}

const OPEN = 1;
const CLOSE = 2;
const NEWLINE = 3;
/** By ASCII code: OPEN for `{ ( [`, CLOSE for `} ) ]`, NEWLINE for `\n`, 0 for the rest. */
const CODE_CLASS = new Uint8Array(0x80);
for (const c of [0x7b, 0x28, 0x5b]) CODE_CLASS[c] = OPEN;
for (const c of [0x7d, 0x29, 0x5d]) CODE_CLASS[c] = CLOSE;
CODE_CLASS[0x0a] = NEWLINE;

function startsStatement(c: number): boolean {
  // not whitespace, comment/decorator/attribute openers, quotes or closing brackets
  return !(
    c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a ||
    c === 0x2f || c === 0x23 || c === 0x40 || c === 0x5b || c === 0x2a || c === 0x2d || c === 0x3b || c === 0x25 || c === 0x3c ||
    c === 0x22 || c === 0x27 || c === 0x60 ||
    c === 0x7d || c === 0x29 || c === 0x5d
  );
}

export interface WindowOptions {
  /**
   * Smaller windows, same attribution (tags bind as in attribution.ts):
   * - a tag line that, with every line up to the next statement start, is blank or a line comment opened at
   *   column 0 starts its own window: nothing of the statement before can be there;
   * - a tag line whose next non-blank line closes a bracket (`}`, `)`, `]`) is inside the statement before:
   *   that line is code between the tag and any later declaration, so the statement after is not needed.
   */
  readonly tight?: boolean;
}

/**
 * The windows to parse so that attributing tags on `lines` gives the same result as parsing the whole file:
 * from the statement start at or before each line through the statement after it. Undefined when the
 * windows would not save much (or the language is unknown): parse everything.
 */
export function windowsFor(text: string, path: string, lines: readonly number[], lineCount: number, options: WindowOptions = {}): LineWindow[] | undefined {
  const top = scanTopLevel(text, path);
  if (!top || top.starts.length === 0) return undefined;
  const { starts } = top;
  const gap = options.tight ? gapLines(text, top) : undefined;
  const windows: LineWindow[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    let lo = 0;
    let hi = starts.length; // first index with starts[i] > line
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= line) lo = mid + 1;
      else hi = mid;
    }
    let startLine = lo > 0 ? starts[lo - 1] : 0;
    let endLine = lo + 1 < starts.length ? starts[lo + 1] : lineCount;
    if (gap && lo > 0 && lo < starts.length) {
      if (gap.commentsOnly(line, starts[lo])) startLine = line;
      else if (gap.closesNext(line, starts[lo])) endLine = starts[lo];
    }
    const last = windows[windows.length - 1];
    if (last && startLine <= last.endLine) windows[windows.length - 1] = { startLine: Math.min(last.startLine, startLine), endLine: Math.max(last.endLine, endLine) };
    else windows.push({ startLine, endLine });
  }
  const covered = windows.reduce((sum, w) => sum + (w.endLine - w.startLine), 0);
  return covered > lineCount * 0.6 ? undefined : windows;
}

interface GapLines {
  /** Every line in [from, to) is blank or only a line comment opened at column 0. */
  commentsOnly(from: number, to: number): boolean;
  /** The first non-blank line after `from` (and before `to`) starts with a closing bracket. */
  closesNext(from: number, to: number): boolean;
}

function gapLines(text: string, top: TopLevel): GapLines {
  const { hidden, syntax } = top;
  const offsets = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) offsets.push(k + 1);
  /** Index of the first hidden pair whose end is after `at`. */
  const firstEndingAfter = (at: number): number => {
    let lo = 0;
    let hi = hidden.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hidden[2 * mid + 1] <= at) lo = mid + 1;
      else hi = mid;
    }
    return 2 * lo;
  };
  const isGap = (line: number): boolean => {
    const o = offsets[line];
    let e = line + 1 < offsets.length ? offsets[line + 1] - 1 : text.length;
    if (e > o && text.charCodeAt(e - 1) === 0x0d) e--;
    const h = firstEndingAfter(o);
    if (h < hidden.length && hidden[h] <= o) return false; // inside a string or comment from before
    if (/^\s*$/.test(text.slice(o, e))) return true;
    for (const opener of syntax.line) {
      // The lexer must have opened exactly this line comment here (not a longer block opener like `--[[`).
      if (text.startsWith(opener, o) && h < hidden.length && hidden[h] === o + opener.length && hidden[h + 1] >= e) return true;
    }
    return false;
  };
  const lineText = (line: number): string => text.slice(offsets[line], line + 1 < offsets.length ? offsets[line + 1] : text.length);
  return {
    commentsOnly: (from, to) => {
      for (let l = from; l < to; l++) if (!isGap(l)) return false;
      return true;
    },
    closesNext: (from, to) => {
      for (let l = from + 1; l < to; l++) {
        const t = lineText(l).trim();
        if (t !== '') return t[0] === '}' || t[0] === ')' || t[0] === ']';
      }
      return false;
    },
  };
}
