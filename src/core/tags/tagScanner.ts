// Finds @intent / @intent-file / @debt tags and TODO-style markers inside comments, in one linear pass.

import { msg } from '../l10n';
import type { MalformedTag, Marker, Position, Range, Tag, TagKind, TagRef, TagScan } from '../types';
import { languageForPath, type LanguageSyntax, type StringSyntax } from './languages';

export const TAG_DIRECTIVES = ['@intent-file', '@intent', '@debt'] as const;
export const DEFAULT_MARKERS: readonly string[] = ['TODO', 'FIXME', 'HACK'];
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9._:/-]*$/;

export interface ScanOptions {
  readonly markers?: readonly string[];
}

const EMPTY_SCAN: TagScan = { tags: [], malformed: [], markers: [] };

/** Scan a file's text; files of unknown type yield an empty scan. Never throws on any input. */
export function scanTags(text: string, path: string, options?: ScanOptions): TagScan {
  const syntax = languageForPath(path);
  if (!syntax) return EMPTY_SCAN;
  return scanWithSyntax(text, syntax, options);
}

/** Scan text with an explicit syntax (tests, embedded documents). */
export function scanWithSyntax(text: string, syntax: LanguageSyntax, options?: ScanOptions): TagScan {
  return scanText(text, syntax, options?.markers ?? DEFAULT_MARKERS, 0, undefined);
}

/**
 * True when the lexer of this file's language can resume exactly at any line start where it was in plain code:
 * no decision it makes before a line start looks past that line start (no code escapes, char literal
 * heuristics, Rust raw strings or embedded regions).
 */
export function canResumeAtLineStarts(path: string): boolean {
  const syntax = languageForPath(path);
  if (!syntax) return false;
  const c = compile(syntax);
  return c.danger !== undefined && !c.firstChars.has(0x0a);
}

/**
 * scanTags for `text` that starts at line `lineBase` of a file, at a line start where the lexer is in plain code
 * (see canResumeAtLineStarts): positions come out in file lines. `onLineStart` receives, in ascending order,
 * offsets in `text` of line starts where the lexer was in plain code — places a later scan may resume from;
 * when it returns true the scan stops there (the result then holds only what lies before that offset).
 * With `reach` (a line start in `text`), the lexer goes at least that far, and reports `reach` to
 * `onLineStart` if and only if it is in plain code there.
 */
export function scanTagsFromLine(
  text: string,
  path: string,
  options: ScanOptions | undefined,
  lineBase: number,
  onLineStart: (offset: number) => boolean | void,
  reach?: number,
): TagScan {
  const syntax = languageForPath(path);
  if (!syntax) return EMPTY_SCAN;
  return scanText(text, syntax, options?.markers ?? DEFAULT_MARKERS, lineBase, onLineStart, reach);
}

function scanText(
  text: string,
  syntax: LanguageSyntax,
  markerWords: readonly string[],
  lineBase: number,
  onLineStart: ((offset: number) => boolean | void) | undefined,
  reach?: number,
): TagScan {
  // Only a comment holding an `@` or a marker word can yield anything, so find those first (native
  // indexOf), lex no further than the last of them, and hand the collector only the comments that hold one.
  const needles = ['@', ...markerWords.filter((w) => w !== '')];
  let last = -1;
  const hits: number[] = [];
  for (const w of needles) {
    // Forward indexOf is native and fast; V8's lastIndexOf is a naive backward loop.
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      hits.push(at);
      if (at > last) last = at;
    }
  }
  if (reach !== undefined && reach > 0 && reach < text.length) {
    // A target on the line break before `reach`: the lexer goes that far, and skips plain code at most to `reach`.
    hits.push(reach - 1);
    if (reach > last) last = reach;
  }
  if (last < 0) return { tags: [], malformed: [], markers: [] };
  if (hits.length > 1) hits.sort((a, b) => a - b);
  const collector = new Collector(text, markerWords, lineBase);
  const next = needles.map(() => 0);
  const onComment = (start: number, end: number): void => {
    for (let k = 0; k < needles.length; k++) {
      let at = next[k];
      if (at >= 0 && at < start) next[k] = at = text.indexOf(needles[k], start);
      if (at >= 0 && at < end) {
        collector.comment(start, end);
        return;
      }
    }
  };
  lex(text, syntax, onComment, undefined, last, hits, onLineStart, reach);
  return { tags: collector.tags, malformed: collector.malformed, markers: collector.markers };
}

/**
 * Tags, malformed tags and markers inside the comments that `forEachComment` reports (content ranges, in
 * text order) — what scanWithSyntax finds when given the comments of a lexer (e.g. the reference lexer).
 */
export function scanCommentRanges(
  text: string,
  forEachComment: (onComment: (start: number, end: number) => void) => void,
  options?: ScanOptions,
): TagScan {
  const collector = new Collector(text, options?.markers ?? DEFAULT_MARKERS);
  forEachComment((start, end) => collector.comment(start, end));
  return { tags: collector.tags, malformed: collector.malformed, markers: collector.markers };
}

const CHAR_LITERAL: StringSyntax = { open: "'", close: "'", escape: '\\', multiline: false };

// ---------------------------------------------------------------------------------------------------------
// Lexer: code / string / comment states; reports the content range of every comment. It jumps from one
// character that can change the state to the next with a precompiled regular expression per state (native
// scanning) and decides there exactly as the char-by-char reference in test/unit/support/referenceLexer.ts does.

type Opener =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'block'; readonly text: string; readonly close: string }
  | { readonly kind: 'string'; readonly text: string; readonly def: StringSyntax }
  | { readonly kind: 'embed'; readonly text: string; readonly close: string; readonly syntax: LanguageSyntax };

interface Compiled {
  readonly syntax: LanguageSyntax;
  readonly openers: readonly Opener[];
  readonly firstChars: ReadonlySet<number>;
  /** Next position to look at in code, by state: [plain, in `${…}`, in an embedded region, both]. */
  readonly stops: (RegExp | undefined)[];
  /**
   * Every opener text other than line comments (block comments, strings); undefined when the syntax has
   * code-level stops that are no openers (escapes, Rust, char literals, embedded regions). Plain code free of
   * these up to a line start is still plain code there: line comments end at their line break.
   */
  readonly danger: readonly string[] | undefined;
}

const compiledCache = new WeakMap<LanguageSyntax, Compiled>();

function compile(syntax: LanguageSyntax): Compiled {
  const cached = compiledCache.get(syntax);
  if (cached) return cached;
  const openers: Opener[] = [
    ...syntax.block.map((b) => ({ kind: 'block' as const, text: b.open, close: b.close })),
    ...syntax.line.map((l) => ({ kind: 'line' as const, text: l })),
    ...syntax.strings.map((s) => ({ kind: 'string' as const, text: s.open, def: s })),
    ...(syntax.embedded ?? []).map((e) => ({ kind: 'embed' as const, text: e.open, close: e.close, syntax: e.syntax })),
  ];
  // Longest first, so `"""` wins over `"`, `--[[` over `--`, `<!--` over `<`.
  openers.sort((a, b) => b.text.length - a.text.length);
  const firstChars = new Set<number>(openers.map((o) => o.text.charCodeAt(0)));
  if (syntax.charLiteralHeuristic) firstChars.add(0x27);
  if (syntax.codeEscape) firstChars.add(syntax.codeEscape.charCodeAt(0));
  const simple = !syntax.codeEscape && !syntax.rust && !syntax.charLiteralHeuristic && !(syntax.embedded && syntax.embedded.length > 0);
  const danger = simple ? [...new Set(openers.filter((o) => o.kind === 'block' || o.kind === 'string').map((o) => o.text))] : undefined;
  const result = { syntax, openers, firstChars, stops: [], danger };
  compiledCache.set(syntax, result);
  return result;
}

/** A character class of these UTF-16 codes (every one escaped), or a class that matches nothing. */
function charClass(codes: Iterable<number>): string {
  let s = '';
  for (const c of codes) s += '\\u' + c.toString(16).padStart(4, '0');
  return s === '' ? '[^\\s\\S]' : `[${s}]`;
}

/**
 * Global regex whose every match is one character: the next one in code where the lexer's decision may
 * differ from "skip": an opener's first character, `{`/`}` inside a template interpolation, `<` inside an
 * embedded region, and for Rust only those `r`/`b` that start a raw string.
 */
function codeStops(cur: Compiled, inTemplate: boolean, inEmbed: boolean): RegExp {
  const k = (inTemplate ? 1 : 0) | (inEmbed ? 2 : 0);
  let re = cur.stops[k];
  if (!re) {
    const codes = new Set(cur.firstChars);
    if (inTemplate) codes.add(0x7b).add(0x7d);
    if (inEmbed) codes.add(0x3c);
    let source = charClass(codes);
    if (cur.syntax.rust) source += '|(?<![0-9A-Za-z_\\u0080-\\uffff])(?=b?r#*")[br]';
    re = cur.stops[k] = new RegExp(source, 'g');
  }
  return re;
}

const stringStopCache = new WeakMap<StringSyntax, RegExp>();

/** Global regex for the next character that matters inside a string: escape, closer, line break, `${`. */
function stringStops(def: StringSyntax): RegExp {
  let re = stringStopCache.get(def);
  if (!re) {
    const codes = new Set<number>([def.close.charCodeAt(0)]);
    if (def.escape) codes.add(def.escape.charCodeAt(0));
    if (!def.multiline) codes.add(0x0a);
    re = new RegExp(charClass(codes) + (def.interpolation ? '|\\$(?=\\{)' : ''), 'g');
    stringStopCache.set(def, re);
  }
  return re;
}

function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c > 0x7f;
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0xfeff;
}

function startsWithLower(text: string, i: number, lower: string): boolean {
  if (i + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Walk `text` once and call `onComment(start, end)` with the content range of each comment (delimiters
 * excluded), and `onString` with the extent of each string literal (a template literal is reported in pieces
 * around its `${…}` code). Unterminated strings and comments end at the end of the text (or line, for
 * single-line strings).
 */
export function lexComments(
  text: string,
  syntax: LanguageSyntax,
  onComment: (start: number, end: number) => void,
  onString?: (start: number, end: number) => void,
): void {
  lex(text, syntax, onComment, onString, Infinity);
}

/**
 * lexComments that stops once code past `stopAfter` is reached (no later comment can start at or before it).
 * With `targets` (ascending offsets; the comments that matter are those holding one), plain code is skipped up
 * to the line of the next target when no block comment or string opener lies in between: only line comments,
 * which end before that line and hold no target, can start there.
 */
function lex(
  text: string,
  syntax: LanguageSyntax,
  onComment: (start: number, end: number) => void,
  onString: ((start: number, end: number) => void) | undefined,
  stopAfter: number,
  targets?: readonly number[],
  onLineStart?: (offset: number) => boolean | void,
  reach = -1,
): void {
  const n = text.length;
  /** Next line break at or after the start of the last plain stretch reported (only moves forward). */
  let nl = -1;
  /** The lexer is in plain code over [a, b]: report the first line start in it, if any. */
  /** Returns true when `onLineStart` asked to stop. */
  const plain = onLineStart
    ? (a: number, b: number): boolean => {
        let first: number;
        if (a === 0 || text.charCodeAt(a - 1) === 0x0a) first = a;
        else {
          if (nl < a) {
            nl = text.indexOf('\n', a);
            if (nl < 0) nl = n;
          }
          first = nl < b ? nl + 1 : -1;
        }
        if (first >= 0 && onLineStart(first) === true) return true;
        // `reach` inside this stretch (not only its first line start) is reported too.
        return reach > first && reach > a && reach < b && text.charCodeAt(reach - 1) === 0x0a && onLineStart(reach) === true;
      }
    : undefined;
  const outer = compile(syntax);
  const danger = targets ? outer.danger : undefined;
  /** Next occurrence of each danger text at or after the last position asked (native indexOf, never rescanned). */
  const dangerNext = danger ? danger.map(() => -1) : undefined;
  let target = 0;
  let targetLine = -1;
  let lineOf = -1;
  let dangerAt = -1;
  let cur = outer;
  let embedClose: string | undefined;
  /** Brace depth of each open `${` interpolation, innermost last; each frame remembers its template. */
  const templates: { depth: number; def: StringSyntax }[] = [];
  let i = 0;

  /** Scan a string body from `j`; returns the index after it, or -1 when an interpolation `${` opened. */
  const scanString = (from: number, j: number, def: StringSyntax): number => {
    const close = def.close;
    const c0 = close.charCodeAt(0);
    const esc = def.escape ? def.escape.charCodeAt(0) : -1;
    const stops = stringStops(def);
    while (j < n) {
      stops.lastIndex = j;
      if (!stops.test(text)) break;
      j = stops.lastIndex - 1;
      const c = text.charCodeAt(j);
      if (c === esc) {
        j += 2;
        continue;
      }
      if (c === c0 && (close.length === 1 || text.startsWith(close, j))) {
        onString?.(from, j + close.length);
        return j + close.length;
      }
      if (c === 0x0a && !def.multiline) {
        onString?.(from, j);
        return j;
      }
      if (def.interpolation && c === 0x24 && text.charCodeAt(j + 1) === 0x7b) {
        templates.push({ depth: 0, def });
        onString?.(from, j + 2);
        i = j + 2;
        return -1;
      }
      j++;
    }
    onString?.(from, n);
    return n;
  };

  while (i < n) {
    if (danger && templates.length === 0 && cur === outer) {
      while (target < targets!.length && targets![target] < i) target++;
      if (target >= targets!.length) {
        if (plain) {
          const stops = codeStops(cur, false, false);
          stops.lastIndex = i;
          plain(i, stops.test(text) ? stops.lastIndex - 1 : n);
        }
        return;
      }
      if (lineOf !== target) {
        lineOf = target;
        targetLine = text.lastIndexOf('\n', targets![target]) + 1;
      }
      if (targetLine > i) {
        if (dangerAt < i) {
          dangerAt = n;
          for (let k = 0; k < danger.length; k++) {
            let at = dangerNext![k];
            if (at < i && at !== n) {
              at = text.indexOf(danger[k], i);
              dangerNext![k] = at = at < 0 ? n : at;
            }
            if (at < dangerAt) dangerAt = at;
          }
        }
        if (dangerAt >= targetLine) {
          i = targetLine;
          continue;
        }
      }
    }
    const stops = codeStops(cur, templates.length > 0, embedClose !== undefined);
    const top = plain && templates.length === 0 && cur === outer ? i : -1;
    stops.lastIndex = i;
    if (!stops.test(text)) {
      if (top >= 0) plain!(top, n);
      return;
    }
    i = stops.lastIndex - 1;
    if (top >= 0 && plain!(top, i)) return;
    if (i > stopAfter) return;
    const c = text.charCodeAt(i);
    if (templates.length > 0) {
      const top = templates[templates.length - 1];
      if (c === 0x7b) top.depth++;
      else if (c === 0x7d) {
        if (top.depth === 0) {
          templates.pop();
          const end = scanString(i, i + 1, top.def);
          if (end >= 0) i = end;
          continue;
        }
        top.depth--;
      }
    }
    if (embedClose !== undefined && c === 0x3c && startsWithLower(text, i, embedClose)) {
      cur = outer;
      embedClose = undefined;
      templates.length = 0;
      i++;
      continue;
    }
    if (!cur.firstChars.has(c) && !(cur.syntax.rust && (c === 0x72 || c === 0x62))) {
      i++;
      continue;
    }
    const syn = cur.syntax;
    if (syn.codeEscape !== undefined && c === syn.codeEscape.charCodeAt(0)) {
      i += 2;
      continue;
    }
    if (syn.rust && (c === 0x72 || c === 0x62)) {
      const end = rustRawString(text, i);
      if (end > i) {
        onString?.(i, end);
        i = end;
        continue;
      }
      if (!cur.firstChars.has(c)) {
        i++;
        continue;
      }
    }
    if (syn.charLiteralHeuristic && c === 0x27) {
      // 'x', '\n', '\u{1F600}' are char literals; 'a in `&'a str` is a lifetime (code).
      const isChar =
        text.charCodeAt(i + 1) === 0x5c ||
        text.charCodeAt(i + 2) === 0x27 ||
        (text.charCodeAt(i + 3) === 0x27 && (text.charCodeAt(i + 1) & 0xfc00) === 0xd800);
      if (!isChar) {
        i++;
        continue;
      }
      const end = scanString(i, i + 1, CHAR_LITERAL);
      i = end < 0 ? i + 1 : end;
      continue;
    }
    let matched = false;
    for (const op of cur.openers) {
      if (op.kind === 'embed' ? !startsWithLower(text, i, op.text) : !text.startsWith(op.text, i)) continue;
      const after = i + op.text.length;
      if (op.kind === 'line') {
        if (syn.lineCommentNeedsSpace && i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) continue;
        let end = text.indexOf('\n', after);
        if (end < 0) end = n;
        onComment(after, end > after && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
        i = end;
      } else if (op.kind === 'block') {
        let end = text.indexOf(op.close, after);
        if (end < 0) end = n;
        onComment(after, end);
        i = Math.min(n, end + op.close.length);
      } else if (op.kind === 'string') {
        if (op.def.needsBoundary && i > 0 && isWordCode(text.charCodeAt(i - 1))) continue;
        const end = scanString(i, after, op.def);
        if (end >= 0) i = end;
      } else {
        const next = text.charCodeAt(after);
        if (after < n && next !== 0x3e && !isSpaceCode(next)) continue;
        const gt = text.indexOf('>', after);
        i = gt < 0 ? n : gt + 1;
        cur = compile(op.syntax);
        embedClose = op.close;
      }
      matched = true;
      break;
    }
    if (!matched) i++;
  }
}

/** End index of a Rust raw (byte) string starting at `i` (`r"…"`, `r#"…"#`, `br#"…"#`), or `i` if none. */
function rustRawString(text: string, i: number): number {
  if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return i;
  let j = i;
  if (text.charCodeAt(j) === 0x62) j++;
  if (text.charCodeAt(j) !== 0x72) return i;
  j++;
  let hashes = 0;
  while (text.charCodeAt(j) === 0x23) {
    hashes++;
    j++;
  }
  if (text.charCodeAt(j) !== 0x22) return i;
  const closer = '"' + '#'.repeat(hashes);
  const end = text.indexOf(closer, j + 1);
  return end < 0 ? text.length : end + closer.length;
}

// ---------------------------------------------------------------------------------------------------------
// Tag and marker recognition inside comment text.

const DIRECTIVE_KINDS: Record<string, TagKind> = { intent: 'intent', 'intent-file': 'intent-file', debt: 'debt' };
/** Prose words close to a directive that are not typos of it. */
const NOT_TYPOS = new Set(['indent', 'intern', 'internal', 'content', 'extent', 'intend', 'intents-', 'event', 'dept']);
/** ` -- ` or ` — ` between the IDs and the note (not global: exec keeps no state). */
const NOTE_SEPARATOR = /\s(?:--|\u2014)(?=\s|$)/;
const STARTS_WITH_LETTER = /^[A-Za-z]/;
const DECORATION = new Set(['*', '/', '!', '#', ';', '%', '-', '<', '>'].map((s) => s.charCodeAt(0)));

class Collector {
  readonly tags: Tag[] = [];
  readonly malformed: MalformedTag[] = [];
  readonly markers: Marker[] = [];
  private lineStarts: number[] | undefined;
  private linesDone = false;

  constructor(
    private readonly text: string,
    private readonly markerWords: readonly string[],
    private readonly lineBase = 0,
  ) {}

  comment(start: number, end: number): void {
    const body = this.text.slice(start, end);
    let ls = 0;
    for (;;) {
      let le = body.indexOf('\n', ls);
      if (le < 0) le = body.length;
      let segEnd = le;
      if (segEnd > ls && body.charCodeAt(segEnd - 1) === 0x0d) segEnd--;
      this.line(start + ls, start + segEnd);
      if (le >= body.length) break;
      ls = le + 1;
    }
  }

  private line(start: number, end: number): void {
    // Search within the segment only: an unbounded indexOf on the whole text would make this quadratic.
    const seg = this.text.slice(start, end);
    let k = seg.indexOf('@');
    while (k >= 0) {
      const next = this.directive(start + k, start, end);
      k = seg.indexOf('@', next - start);
    }
    if (this.markerWords.length > 0) this.marker(seg, start, end);
  }

  /** Handle a possible directive at `at`; returns where to continue searching. */
  private directive(at: number, segStart: number, segEnd: number): number {
    const text = this.text;
    if (at > segStart) {
      const prev = text.charCodeAt(at - 1);
      if (!isSpaceCode(prev)) {
        for (let k = segStart; k < at; k++) if (!DECORATION.has(text.charCodeAt(k))) return at + 1;
      }
    }
    let j = at + 1;
    while (j < segEnd) {
      const c = text.charCodeAt(j);
      if (!(isWordCode(c) || c === 0x2d) || c > 0x7f) break;
      j++;
    }
    const word = text.slice(at + 1, j);
    if (word === '' || !STARTS_WITH_LETTER.test(word)) return j > at + 1 ? j : at + 1;
    const kind = DIRECTIVE_KINDS[word];
    if (j < segEnd && !isSpaceCode(text.charCodeAt(j))) {
      if (kind && text.charCodeAt(j) === 0x3a && (j + 1 >= segEnd || isSpaceCode(text.charCodeAt(j + 1)))) {
        this.malformed.push({
          ...msg("Write '@{0} ID' without a colon after '@{0}'", word),
          range: this.range(at, j + 1),
        });
        return j + 1;
      }
      return j;
    }
    if (kind) return this.tag(kind, at, j, segEnd);
    const suggestion = typoOf(word);
    if (suggestion) {
      this.malformed.push({
        ...msg("Unknown tag '@{0}': did you mean '{1}'?", word, suggestion),
        range: this.range(at, j),
      });
    }
    return j;
  }

  /** Parse the IDs and note of a tag whose directive spans [at, dirEnd); returns where to continue. */
  private tag(kind: TagKind, at: number, dirEnd: number, segEnd: number): number {
    const text = this.text;
    const directive = text.slice(at, dirEnd);
    // The IDs run up to the note separator, or up to another directive on the same line.
    let idsEnd = segEnd;
    let noteStart = -1;
    const body = text.slice(dirEnd, segEnd);
    const sep = NOTE_SEPARATOR.exec(body);
    if (sep) {
      idsEnd = dirEnd + sep.index;
      noteStart = dirEnd + sep.index + sep[0].length;
    }
    const ids: TagRef[] = [];
    let invalid = 0;
    let lastComma = -1;
    let tokenAfterComma = true;
    let j = dirEnd;
    let continueAt = segEnd;
    while (j < idsEnd) {
      const c = text.charCodeAt(j);
      if (isSpaceCode(c)) {
        j++;
        continue;
      }
      if (c === 0x2c) {
        lastComma = j;
        tokenAfterComma = false;
        j++;
        continue;
      }
      let k = j;
      while (k < idsEnd && !isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== 0x2c) k++;
      if (c === 0x40 && k > j + 1) {
        // Another directive: this tag ends here.
        idsEnd = j;
        noteStart = -1;
        continueAt = j;
        break;
      }
      tokenAfterComma = true;
      let tokEnd = k;
      while (tokEnd > j + 1 && text.charCodeAt(tokEnd - 1) === 0x2e) tokEnd--;
      const token = text.slice(j, tokEnd);
      if (ID_PATTERN.test(token)) {
        ids.push({ id: token, range: this.range(j, tokEnd) });
      } else {
        invalid++;
        this.malformed.push({
          ...msg("Invalid ID '{0}' in {1}: an ID starts with a letter and contains only letters, digits and . _ : / - (put free text after ' -- ')", clip(text.slice(j, k)), directive),
          range: this.range(j, k),
        });
      }
      j = k;
    }
    if (lastComma >= 0 && !tokenAfterComma) {
      this.malformed.push({ ...msg('Dangling comma after the last ID in {0}', directive), range: this.range(lastComma, lastComma + 1) });
    }
    let tagEnd = noteStart >= 0 ? segEnd : idsEnd;
    if (continueAt < segEnd) tagEnd = continueAt;
    while (tagEnd > dirEnd && isSpaceCode(text.charCodeAt(tagEnd - 1))) tagEnd--;
    if (ids.length === 0) {
      if (invalid === 0) {
        this.malformed.push({
          ...msg("{0} needs at least one ID, e.g. '{0} kr:cycle-time'", directive),
          range: this.range(at, dirEnd),
        });
      }
      return continueAt;
    }
    const note = noteStart >= 0 && continueAt >= segEnd ? text.slice(noteStart, segEnd).trim() : '';
    const tag: Tag = note
      ? { kind, ids, note, range: this.range(at, tagEnd) }
      : { kind, ids, range: this.range(at, tagEnd) };
    this.tags.push(tag);
    return continueAt;
  }

  private marker(seg: string, start: number, end: number): void {
    const text = this.text;
    let best = -1;
    let bestWord = '';
    for (const word of this.markerWords) {
      if (!word) continue;
      let k = seg.indexOf(word);
      while (k >= 0) {
        if (best >= 0 && start + k >= best) break;
        if (this.isMarkerAt(start + k, word, start, end)) {
          best = start + k;
          bestWord = word;
          break;
        }
        k = seg.indexOf(word, k + 1);
      }
    }
    if (best < 0) return;
    let j = best + bestWord.length;
    if (text.charCodeAt(j) === 0x28) {
      const close = seg.indexOf(')', j - start);
      if (close >= 0) j = start + close + 1;
    }
    while (j < end && (isSpaceCode(text.charCodeAt(j)) || text.charCodeAt(j) === 0x3a || text.charCodeAt(j) === 0x2d)) j++;
    let e = end;
    while (e > j && isSpaceCode(text.charCodeAt(e - 1))) e--;
    let rangeEnd = e > best + bestWord.length ? e : best + bestWord.length;
    if (rangeEnd > end) rangeEnd = end;
    this.markers.push({ marker: bestWord, text: text.slice(j, e), range: this.range(best, rangeEnd) });
  }

  /** A marker is a whole word that starts the comment text or is followed by `:` or `(`. */
  private isMarkerAt(k: number, word: string, start: number, end: number): boolean {
    const text = this.text;
    const prev = k > start ? text.charCodeAt(k - 1) : -1;
    if (prev >= 0 && (isWordCode(prev) || prev === 0x40)) return false;
    const after = k + word.length;
    const next = after < end ? text.charCodeAt(after) : -1;
    if (next >= 0 && isWordCode(next)) return false;
    if (next === 0x3a || next === 0x28) return true;
    for (let p = start; p < k; p++) {
      const c = text.charCodeAt(p);
      if (!isSpaceCode(c) && !DECORATION.has(c)) return false;
    }
    return true;
  }

  private range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  private position(offset: number): Position {
    // Line starts are found lazily, only as far as the offsets asked for (past the last one, never).
    const starts = (this.lineStarts ??= [0]);
    while (!this.linesDone && starts[starts.length - 1] <= offset) {
      const k = this.text.indexOf('\n', starts[starts.length - 1]);
      if (k < 0) this.linesDone = true;
      else starts.push(k + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + this.lineBase, character: offset - starts[lo] };
  }
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

/** The directive a misspelt word most likely meant (`intnet`, `intent-fle`, `intents`, `debts`), if any. */
export function typoOf(word: string): string | undefined {
  const w = word.toLowerCase();
  if (NOT_TYPOS.has(w)) return undefined;
  if (DIRECTIVE_KINDS[w]) return '@' + w; // wrong case, e.g. @Intent
  if (w.length > 16) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const d of ['intent', 'intent-file', 'debt']) {
    const limit = d === 'debt' ? 1 : 2;
    const dist = editDistance(w, d);
    if (dist <= limit && dist < bestDistance) {
      best = '@' + d;
      bestDistance = dist;
    }
  }
  if (best === '@debt' && w.length < 4) return undefined;
  if (best === '@intent' && !w.startsWith('in') && !w.startsWith('it') && bestDistance > 1) return undefined;
  return best;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, k) => k);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}
