// The comment lexer: finds where comments are (and strings are not) in any supported language, in one pass,
// so that only real comments are searched for tags.

import { isSpaceCode, isWordCode } from './charCodes';
import type { LanguageSyntax, StringSyntax } from './languages';
import { hereDocumentAt, startsItsLine } from './openerRules';

const CHAR_LITERAL: StringSyntax = { open: "'", close: "'", escape: '\\', multiline: false };

// Lexer: code / string / comment states; reports the content range of every comment. It jumps from one
// character that can change the state to the next with a precompiled regular expression per state (native
// scanning) and decides there exactly as the char-by-char reference in test/unit/support/referenceLexer.ts does.

type Opener =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'block'; readonly text: string; readonly close: string; readonly docstring?: boolean }
  | { readonly kind: 'string'; readonly text: string; readonly def: StringSyntax }
  | { readonly kind: 'embed'; readonly text: string; readonly close: string; readonly syntax: LanguageSyntax };

interface Compiled {
  readonly syntax: LanguageSyntax;
  readonly openers: readonly Opener[];
  readonly firstChars: ReadonlySet<number>;
  /** Next position to look at in code, by state: [plain, in `${…}`, in an embedded region, both]. */
  readonly stops: (RegExp | undefined)[];
  /**
   * The texts that can carry the lexer's state over a line break: block comment and multi-line string openers,
   * an escaped line break (a single-line string goes on past it), `<<` for here-documents; undefined when the
   * syntax has code-level stops that are no openers (escapes, Rust, char literals, embedded regions). Plain code
   * free of these up to a line start is still plain code there: line comments and single-line strings end at
   * their line break.
   */
  readonly danger: readonly string[] | undefined;
  /** The lexer's state at a line start depends on nothing before it but plain code (see canResumeAtLineStartsWith). */
  readonly resumable: boolean;
}

const compiledCache = new WeakMap<LanguageSyntax, Compiled>();

function compile(syntax: LanguageSyntax): Compiled {
  const cached = compiledCache.get(syntax);
  if (cached) return cached;
  const openers: Opener[] = [
    ...syntax.block.map((b) => ({ kind: 'block' as const, text: b.open, close: b.close, docstring: b.docstring })),
    ...syntax.line.map((l) => ({ kind: 'line' as const, text: l })),
    ...syntax.strings.map((s) => ({ kind: 'string' as const, text: s.open, def: s })),
    ...(syntax.embedded ?? []).map((e) => ({ kind: 'embed' as const, text: e.open, close: e.close, syntax: e.syntax })),
  ];
  // Longest first, so `"""` wins over `"`, `--[[` over `--`, `<!--` over `<`.
  openers.sort((a, b) => b.text.length - a.text.length);
  const firstChars = new Set<number>(openers.map((o) => o.text.charCodeAt(0)));
  if (syntax.charLiteralHeuristic) firstChars.add(0x27);
  if (syntax.codeEscape) firstChars.add(syntax.codeEscape.charCodeAt(0));
  if (syntax.heredoc) firstChars.add(0x3c);
  const simple = !syntax.codeEscape && !syntax.rust && !syntax.charLiteralHeuristic && !(syntax.embedded && syntax.embedded.length > 0);
  // A single-line string ends at its line break (the lexer's rule), unless an escape takes the break into it:
  // only block comments, multi-line strings, escaped line breaks and here-documents carry state to a line start.
  const carriers = openers.filter((o) => o.kind === 'block' || (o.kind === 'string' && (o.def.multiline || o.def.interpolation))).map((o) => o.text);
  for (const s of syntax.strings) if (!s.multiline && s.escape) carriers.push(s.escape + '\n');
  if (syntax.heredoc) carriers.push('<<');
  const danger = simple ? [...new Set(carriers)] : undefined;
  // A here-document opener decides, before the next line start, where its body (not plain code) ends.
  const result = { syntax, openers, firstChars, stops: [], danger, resumable: simple && !syntax.heredoc };
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
  lexUntil(text, syntax, onComment, onString, Infinity);
}

/**
 * lexComments that stops once code past `stopAfter` is reached (no later comment can start at or before it).
 * With `targets` (ascending offsets; the comments that matter are those holding one), plain code is skipped up
 * to the line of the next target when no block comment or string opener lies in between: only line comments,
 * which end before that line and hold no target, can start there.
 */
export function lexUntil(
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
  /** A here-document whose opener line is being lexed: its body starts at hereFrom and ends at hereTo. */
  let hereFrom = -1;
  let hereTo = -1;
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
    if (danger && templates.length === 0 && cur === outer && hereFrom < 0) {
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
        // Plain lines up to the one that holds the next carrier: jump to that line's start and lex from there.
        const dangerLine = text.lastIndexOf('\n', dangerAt) + 1;
        if (dangerLine > i) {
          i = dangerLine;
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
    if (hereFrom >= 0 && i >= hereFrom) {
      i = hereTo;
      hereFrom = -1;
      continue;
    }
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
    if (syn.heredoc && c === 0x3c && hereFrom < 0) {
      const doc = hereDocumentAt(text, i, syn.heredoc);
      if (doc) {
        onString?.(doc.bodyStart, doc.end);
        hereFrom = doc.bodyStart;
        hereTo = doc.end;
        i = doc.openerEnd;
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
        if (op.docstring && !startsItsLine(text, i)) continue;
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

/**
 * True when the lexer can resume exactly at any line start where it was in plain code: no decision it makes
 * before a line start looks past that line start (no code escapes, char literal heuristics, Rust raw strings
 * or embedded regions).
 */
export function canResumeAtLineStartsWith(syntax: LanguageSyntax): boolean {
  const c = compile(syntax);
  return c.resumable && !c.firstChars.has(0x0a);
}
