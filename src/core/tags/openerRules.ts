// Decisions the comment lexer takes by looking around an opener rather than at it: where a here-document's
// body ends, and whether a Python triple quote is a docstring. Shared with the reference lexer of the tests.
import { isWordCode } from './charCodes';

/**
 * True when only spaces, tabs and a string prefix (`r`, `u`, `b`, `f`, up to two letters) precede `i` on its
 * line: a triple-quoted string there is a statement of its own (a docstring), not part of an expression.
 * Looks no further back than the line start, so a lexer resumed at a line start decides the same.
 */
export function startsItsLine(text: string, i: number): boolean {
  let j = i;
  while (j > i - 2 && j > 0 && PY_STRING_PREFIX.has(text.charCodeAt(j - 1))) j--;
  if (j < i && j > 0 && isWordCode(text.charCodeAt(j - 1))) return false;
  while (j > 0) {
    const c = text.charCodeAt(j - 1);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09) return false;
    j--;
  }
  return true;
}

const PY_STRING_PREFIX = new Set([...'rRuUbBfF'].map((c) => c.charCodeAt(0)));

export interface HereDocument {
  /** Where the opener (`<<EOF`) ends: the rest of its line is code. */
  readonly openerEnd: number;
  /** The line after the opener's. */
  readonly bodyStart: number;
  /** After the delimiter line's delimiter (or the end of the text when it never comes). */
  readonly end: number;
}

const HEREDOC_WORD = /[A-Za-z_][A-Za-z0-9_]*/y;

/** The here-document whose opener `<<…` starts at `i`, if one does (see LanguageSyntax.heredoc). */
export function hereDocumentAt(text: string, i: number, flavor: 'shell' | 'ruby'): HereDocument | undefined {
  if (text.charCodeAt(i + 1) !== 0x3c || text.charCodeAt(i + 2) === 0x3c || (i > 0 && text.charCodeAt(i - 1) === 0x3c)) return undefined;
  let j = i + 2;
  let indented = false;
  const mode = text.charCodeAt(j);
  if (mode === 0x2d || (flavor === 'ruby' && mode === 0x7e)) {
    indented = true;
    j++;
  }
  if (flavor === 'shell') while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
  let delimiter: string;
  const q = text.charCodeAt(j);
  if (q === 0x27 || q === 0x22 || (flavor === 'ruby' && q === 0x60)) {
    const close = text.indexOf(text[j], j + 1);
    const nl = text.indexOf('\n', j + 1);
    if (close < 0 || close === j + 1 || (nl >= 0 && nl < close)) return undefined;
    delimiter = text.slice(j + 1, close);
    j = close + 1;
  } else {
    if (flavor === 'shell' && q === 0x5c) j++;
    HEREDOC_WORD.lastIndex = j;
    const m = HEREDOC_WORD.exec(text);
    if (!m) return undefined;
    delimiter = m[0];
    // Ruby `x <<y` shifts; a bare heredoc word starts with a capital or `_` (`<<EOS`), unless `~`/`-` came first.
    if (flavor === 'ruby' && !indented && !(delimiter.charCodeAt(0) === 0x5f || (delimiter.charCodeAt(0) >= 0x41 && delimiter.charCodeAt(0) <= 0x5a))) return undefined;
    j += delimiter.length;
  }
  const lineEnd = text.indexOf('\n', j);
  const bodyStart = lineEnd < 0 ? text.length : lineEnd + 1;
  return { openerEnd: j, bodyStart, end: delimiterLineEnd(text, bodyStart, delimiter, indented, flavor) };
}

/** End of the first delimiter line at or after `from` (the delimiter alone on its line), or the text's end. */
function delimiterLineEnd(text: string, from: number, delimiter: string, indented: boolean, flavor: 'shell' | 'ruby'): number {
  for (let at = text.indexOf(delimiter, from); at >= 0; at = text.indexOf(delimiter, at + 1)) {
    const after = at + delimiter.length;
    const next = text.charCodeAt(after);
    if (after < text.length && next !== 0x0a && !(next === 0x0d && (after + 1 === text.length || text.charCodeAt(after + 1) === 0x0a))) continue;
    let k = at;
    while (k > from && text.charCodeAt(k - 1) !== 0x0a) {
      const c = text.charCodeAt(k - 1);
      if (!indented || !(c === 0x09 || (flavor === 'ruby' && c === 0x20))) break;
      k--;
    }
    if (k === from || text.charCodeAt(k - 1) === 0x0a) return after;
  }
  return text.length;
}
