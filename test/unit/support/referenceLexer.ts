// The original char-by-char comment lexer, kept as the reference that the fast lexer in commentLexer.ts is
// checked against (differential tests on random and mutated inputs), with the same here-document and
// docstring decisions (it calls the lexer's own helpers for those). Not used at runtime.

import type { TagScan } from '../../../src/core/types';
import type { LanguageSyntax, StringSyntax } from '../../../src/core/tags/languages';
import { scanCommentRanges, type ScanOptions } from '../../../src/core/tags/tagScanner';
import { hereDocumentAt, startsItsLine } from '../../../src/core/tags/openerRules';

/** scanWithSyntax as it was: every comment the reference lexer reports goes to the tag collector. */
export function referenceScanWithSyntax(text: string, syntax: LanguageSyntax, options?: ScanOptions): TagScan {
  return scanCommentRanges(text, (onComment) => referenceLexComments(text, syntax, onComment), options);
}

const CHAR_LITERAL: StringSyntax = { open: "'", close: "'", escape: '\\', multiline: false };

// ---------------------------------------------------------------------------------------------------------
// Lexer: code / string / comment states; reports the content range of every comment.

type Opener =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'block'; readonly text: string; readonly close: string; readonly docstring?: boolean }
  | { readonly kind: 'string'; readonly text: string; readonly def: StringSyntax }
  | { readonly kind: 'embed'; readonly text: string; readonly close: string; readonly syntax: LanguageSyntax };

interface Compiled {
  readonly syntax: LanguageSyntax;
  readonly openers: readonly Opener[];
  readonly firstChars: ReadonlySet<number>;
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
  const result = { syntax, openers, firstChars };
  compiledCache.set(syntax, result);
  return result;
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
export function referenceLexComments(
  text: string,
  syntax: LanguageSyntax,
  onComment: (start: number, end: number) => void,
  onString?: (start: number, end: number) => void,
): void {
  const n = text.length;
  const outer = compile(syntax);
  let cur = outer;
  let embedClose: string | undefined;
  /** Brace depth of each open `${` interpolation, innermost last; each frame remembers its template. */
  const templates: { depth: number; def: StringSyntax }[] = [];
  /** A pending here-document: when the lexer reaches hereFrom (the next line), it goes on at hereTo. */
  let hereFrom = -1;
  let hereTo = -1;
  let i = 0;

  /** Scan a string body from `j`; returns the index after it, or -1 when an interpolation `${` opened. */
  const scanString = (from: number, j: number, def: StringSyntax): number => {
    const close = def.close;
    const c0 = close.charCodeAt(0);
    const esc = def.escape ? def.escape.charCodeAt(0) : -1;
    while (j < n) {
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

