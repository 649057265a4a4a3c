// Which parts of a big file a symbol finder must parse to attribute tags on given lines: the top-level
// statement around each tag plus the one after it. Parsing is the cost; tags are sparse.

import { lexComments } from '../tags/commentLexer';
import { languageForPath, type LanguageSyntax } from '../tags/languages';

/** Lines [startLine, endLine) of a window; it starts at a line start at bracket depth 0. */
export interface LineWindow {
  readonly startLine: number;
  readonly endLine: number;
  /**
   * With `elideBodies`: flat [open, close] offsets (in the whole text) of top-level `{…}` groups in this
   * window whose contents no requested line needs (see WindowOptions.elideBodies); absent when none.
   */
  readonly elide?: readonly number[];
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
  /**
   * Multi-line `{…}` groups opened at bracket depth 0, as flat quintuples [open offset, close offset,
   * first line of their statement, open line, close line], in order.
   */
  readonly groups: number[];
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
  const groups: number[] = [];
  let depth = 0;
  let h = 0;
  let line = 0;
  /** The `{` that opened depth 1 (offset, line), or -1 when depth 1 was opened by `(` or `[`. */
  let groupOpen = -1;
  let groupLine = 0;
  const n = text.length;
  const bytes = asciiBytes(text);
  const onCode = (k: number, i: number): void => {
    if (k === OPEN) {
      if (depth === 0) {
        groupOpen = text.charCodeAt(i) === 0x7b ? i : -1;
        groupLine = line;
      }
      depth++;
    } else if (k === CLOSE) {
      if (depth === 1 && groupOpen >= 0 && line > groupLine && text.charCodeAt(i) === 0x7d) {
        groups.push(groupOpen, i, out.length > 0 ? out[out.length - 1] : 0, groupLine, line);
      }
      depth = depth > 0 ? depth - 1 : 0;
    } else {
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
  return { starts: out, hidden, groups, syntax };
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
  /**
   * List in each window's `elide` the multi-line top-level `{…}` groups (bodies of functions, classes,
   * interfaces, enums, namespaces, objects …) lying wholly in it such that no requested line falls between
   * their statement's first line and their closing line: tags outside a statement never bind to what its
   * body holds, so a parser may skip the contents (as long as the statement's own symbol spans the group).
   */
  readonly elideBodies?: boolean;
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
  const sorted = [...lines].sort((a, b) => a - b);
  for (const line of sorted) {
    let lo = 0;
    let hi = starts.length; // first index with starts[i] > line
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= line) lo = mid + 1;
      else hi = mid;
    }
    let startLine = lo > 0 ? starts[lo - 1] : 0;
    let endLine = lo + 1 < starts.length ? starts[lo + 1] : lineCount;
    // Decorators/attributes above the statement the window starts with are part of it (its range starts
    // there) but lie before its start line: start at the statement before them.
    if (gap && lo > 0) {
      const before = lo >= 2 ? starts[lo - 2] : -1;
      if (gap.attributeBefore(before, startLine - 1)) startLine = Math.max(before, 0);
    }
    if (gap && lo > 0 && lo < starts.length && !gap.attributeBefore(starts[lo - 1], line)) {
      if (gap.commentsOnly(line, starts[lo])) startLine = line;
      else if (gap.closesNext(line, starts[lo])) endLine = starts[lo];
    }
    const last = windows[windows.length - 1];
    if (last && startLine <= last.endLine) windows[windows.length - 1] = { startLine: Math.min(last.startLine, startLine), endLine: Math.max(last.endLine, endLine) };
    else windows.push({ startLine, endLine });
  }
  const covered = windows.reduce((sum, w) => sum + (w.endLine - w.startLine), 0);
  if (covered > lineCount * 0.6) return undefined;
  return options.elideBodies ? withElisions(windows, top.groups, sorted) : windows;
}

/** The windows with the groups each may elide (`lines` ascending). */
function withElisions(windows: readonly LineWindow[], groups: readonly number[], lines: readonly number[]): LineWindow[] {
  /** A requested line in [from, to]. */
  const requested = (from: number, to: number): boolean => {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < lines.length && lines[lo] <= to;
  };
  let g = 0;
  return windows.map((w) => {
    const elide: number[] = [];
    while (g < groups.length && groups[g + 2] < w.startLine) g += 5;
    for (; g < groups.length && groups[g + 4] < w.endLine; g += 5) {
      if (groups[g + 2] >= w.startLine && !requested(groups[g + 2], groups[g + 4])) elide.push(groups[g], groups[g + 1]);
    }
    return elide.length > 0 ? { ...w, elide } : w;
  });
}

interface GapLines {
  /** Every line in [from, to) is blank or only a line comment opened at column 0. */
  commentsOnly(from: number, to: number): boolean;
  /** The first non-blank line after `from` (and before `to`) starts with a closing bracket. */
  closesNext(from: number, to: number): boolean;
  /**
   * A line in (from, to] opens with a decorator or attribute at column 0 (`@`, `#[`, `[`): it belongs to the
   * statement after (its range starts there), so neither cut applies: a window from the tag would leave it
   * out, and a bracket closed after the tag may be its argument list (`@Component({ … })`), not code of the
   * statement before.
   */
  attributeBefore(from: number, to: number): boolean;
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
    attributeBefore: (from, to) => {
      for (let l = from + 1; l <= to && l < offsets.length; l++) {
        const c = text.charCodeAt(offsets[l]);
        if (c === 0x40 || c === 0x5b || (c === 0x23 && text.charCodeAt(offsets[l] + 1) === 0x5b)) return true;
      }
      return false;
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
