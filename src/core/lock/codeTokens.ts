// The code of a link as tokens that ignore formatting: comments and whitespace dropped, quotes unified,
// trailing commas and JS semicolons dropped, identifiers renamed by first occurrence (so a rename is not a change).
import { languageForPath, type LanguageSyntax, type StringSyntax } from '../tags/languages';

/** Words kept as they are (not renamed): keywords and built-in types of the languages the CLI parses. */
const KEYWORDS = new Set(
  (
    'abstract and as assert async await base bool boolean break byte case catch chan char checked class const continue ' +
    'crate debugger decimal declare def default defer del delete do double dyn elif else enum except explicit export ' +
    'extends extern false fallthrough final finally float fn for foreach from func function get global go goto if impl ' +
    'implements import in instanceof int interface internal is keyof lambda let long loop map match mod module move mut ' +
    'namespace new nil nonlocal None not null number object operator or out override package params pass private ' +
    'protected pub public raise readonly record ref return sealed select self Self set short static str string struct ' +
    'super switch symbol synchronized this throw throws trait transient True False true try type typeof uint ulong ' +
    'undefined unique unknown unsafe use using var virtual void volatile where while with yield any never satisfies u8 ' +
    'u16 u32 u64 i8 i16 i32 i64 f32 f64 usize isize'
  ).split(' '),
);

/** Letters, `_`, `$` and non-ASCII start a word; digits continue one. */
function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 0xc0;
}
function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57);
}

const openers = new WeakMap<LanguageSyntax, Set<string>>();
/** First characters of the language's comment and string openers: only there is a closer look needed. */
function openerFirst(syntax: LanguageSyntax): Set<string> {
  let set = openers.get(syntax);
  if (!set) {
    set = new Set([...syntax.line, ...syntax.block.map((b) => b.open), ...syntax.strings.map((s) => s.open)].map((o) => o[0]));
    openers.set(syntax, set);
  }
  return set;
}
const CLOSERS = new Set([')', ']', '}']);
/** After these a `(` only groups (`return (a && b)`); after a word, `)`, `]` or `>` it is a call or syntax. */
const GROUP_AFTER = new Set(['return', 'typeof', 'await', 'yield', 'void', 'in', 'of', 'case', 'throw', 'else', 'not', 'and', 'or']);
const CALL_AFTER = new Set([')', ']', '>', '$']);
/** Where a `|` or `&` starts a type rather than continues an expression. */
const LEADS_TYPE = new Set([':', '=', '(', '<', ',', 'extends']);

export interface CodeTokens {
  /** Tokens with identifiers renamed `$0`, `$1`, … by first occurrence. */
  readonly tokens: string[];
  /** The same tokens with identifiers as written (for similarity: one new name must not shift every alias). */
  readonly plain: string[];
  /** Offset in the text where each token starts (parallel to `tokens`). */
  readonly starts: number[];
}

/**
 * Tokens of `text` (a symbol's code or a whole file) for the language of `path`. Bounded: at most
 * `maxTokens` tokens are produced (the rest of a huge file does not count).
 */
export function codeTokens(text: string, path: string, maxTokens = 200_000): CodeTokens {
  const syntax = languageForPath(path);
  const jsLike = syntax?.id === 'javascript';
  const python = syntax?.id === 'python';
  const raw: string[] = [];
  const rawStarts: number[] = [];
  const rawPlain: string[] = [];
  const push = (token: string, at: number, written = token): void => {
    raw.push(token);
    rawStarts.push(at);
    rawPlain.push(written);
  };
  const names = new Map<string, string>();
  let i = 0;
  const n = text.length;
  // A template literal: its text parts are strings, its `${…}` parts are code (formatters rewrite them).
  const pushTemplate = (body: string, at: number): void => {
    let k = 0;
    let text = '';
    while (k < body.length) {
      if (body[k] === '\\') {
        text += body.slice(k, k + 2);
        k += 2;
      } else if (body.startsWith('${', k)) {
        push('"' + text, at + k);
        text = '';
        let depth = 1;
        let j = k + 2;
        for (; j < body.length && depth > 0; j++) {
          if (body[j] === '{') depth++;
          else if (body[j] === '}') depth--;
        }
        const inner = codeTokens(body.slice(k + 2, j - 1), path, maxTokens);
        for (let m = 0; m < inner.plain.length; m++) push(inner.plain[m], at + k + 2 + inner.starts[m]);
        k = j;
      } else text += body[k++];
    }
    push('"' + text, at + k);
  };
  outer: while (i < n && raw.length < maxTokens) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xfeff) {
      i++;
      continue;
    }
    if (syntax && openerFirst(syntax).has(text[i])) {
      for (const open of syntax.line) {
        if (text.startsWith(open, i) && (!syntax.lineCommentNeedsSpace || i === 0 || /\s/.test(text[i - 1]))) {
          const end = text.indexOf('\n', i);
          i = end < 0 ? n : end;
          continue outer;
        }
      }
      for (const block of syntax.block) {
        if (text.startsWith(block.open, i)) {
          const end = text.indexOf(block.close, i + block.open.length);
          i = end < 0 ? n : end + block.close.length;
          continue outer;
        }
      }
      const str = stringAt(syntax, text, i);
      if (str) {
        const end = stringEnd(text, i + str.open.length, str);
        const body = text.slice(i + str.open.length, Math.max(i + str.open.length, end - str.close.length));
        // A Python triple-quoted string is a docstring (or text): prose, like a comment.
        if (str.interpolation) pushTemplate(body, i + str.open.length);
        else if (!(python && str.open.length === 3)) push('"' + body, i);
        i = end;
        continue;
      }
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      const w = text.slice(i, j);
      let alias = KEYWORDS.has(w) ? w : names.get(w);
      if (alias === undefined) names.set(w, (alias = '$' + names.size));
      push(alias, i, w);
      i += w.length;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && (isWordPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      push(text.slice(i, j), i);
      i = j;
      continue;
    }
    const ch = text[i];
    if (!(jsLike && ch === ';')) push(ch, i);
    i++;
  }
  // Formatting that formatters add and remove: a trailing comma before a closing bracket, grouping parentheses
  // (not a call's or a statement's: `f(`, `if (`), a leading `|`/`&` of a multi-line union type.
  const tokens: string[] = [];
  const starts: number[] = [];
  const plain: string[] = [];
  const dropped: boolean[] = [];
  for (let k = 0; k < raw.length; k++) {
    const t = raw[k];
    const prev = tokens.length ? tokens[tokens.length - 1] : undefined;
    if (t === ',' && k + 1 < raw.length && (CLOSERS.has(raw[k + 1]) || (jsLike && raw[k + 1] === '>'))) continue;
    if (jsLike && (t === '|' || t === '&') && prev !== undefined && LEADS_TYPE.has(prev) && raw[k + 1] !== t) continue;
    if (t === '(') {
      const group = prev === undefined || GROUP_AFTER.has(prev) || (!/^[\w$"]/.test(prev) && !CALL_AFTER.has(prev));
      dropped.push(group);
      if (group) continue;
    } else if (t === ')' && dropped.length > 0 && dropped.pop()) continue;
    tokens.push(t);
    starts.push(rawStarts[k]);
    plain.push(rawPlain[k]);
  }
  return { tokens, plain, starts };
}

function stringAt(syntax: LanguageSyntax, text: string, i: number): StringSyntax | undefined {
  for (const s of syntax.strings) {
    if (!text.startsWith(s.open, i)) continue;
    if (s.needsBoundary && i > 0 && /\w/.test(text[i - 1])) continue;
    // Rust lifetimes and Haskell primes: `'a` with no closing quote right after one char is not a literal.
    if (syntax.charLiteralHeuristic && s.open === "'" && !/^'(\\.|[^'\\])'/.test(text.slice(i, i + 4))) continue;
    return s;
  }
  return undefined;
}

/** Offset just past the string's closing delimiter (or the end of the line / text when unterminated). */
function stringEnd(text: string, from: number, s: StringSyntax): number {
  let i = from;
  while (i < text.length) {
    if (s.escape && text[i] === s.escape) {
      i += 2;
      continue;
    }
    if (text.startsWith(s.close, i)) return i + s.close.length;
    if (!s.multiline && text[i] === '\n') return i;
    i++;
  }
  return text.length;
}
