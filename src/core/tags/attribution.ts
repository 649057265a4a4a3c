// Binds each tag to what it describes: the declaration after its comment, the enclosing one, or the file.

import type { Position, SymbolNode, Tag } from '../types';
import { comparePositions, flattenSymbols } from '../symbols/symbolFinder';

export type AttributionTarget =
  | { readonly kind: 'symbol'; /** outermost→innermost, the bound symbol last */ readonly path: readonly SymbolNode[] }
  | { readonly kind: 'file' };

export interface AttributedTag {
  readonly tag: Tag;
  readonly target: AttributionTarget;
}

const FILE: AttributionTarget = { kind: 'file' };

/**
 * Attribute tags to symbols. Without symbols (unsupported language) every tag binds to the file. `text`
 * is optional but makes the result exact: it tells a comment right above a declaration from one followed
 * by other code, a trailing comment (`f(); // @intent x`) from a leading one, and Python docstrings.
 */
export function attributeTags(tags: readonly Tag[], symbols: readonly SymbolNode[] | undefined, text?: string): AttributedTag[] {
  if (!symbols || symbols.length === 0) return tags.map((tag) => ({ tag, target: FILE }));
  const chains = flattenSymbols(symbols);
  const ctx = new TextContext(text);
  return tags.map((tag) => ({ tag, target: tag.kind === 'intent-file' ? FILE : attributeOne(tag, chains, ctx) }));
}

function attributeOne(tag: Tag, chains: readonly SymbolNode[][], ctx: TextContext): AttributionTarget {
  const start = tag.range.start;
  const end = tag.range.end;
  if (ctx.inDocstring(start)) return enclosing(chains, start);
  if (ctx.hasCodeBefore(start)) {
    const byLine = innermost(chains, (s) => s.range.start.line <= start.line && start.line <= s.range.end.line);
    return byLine ?? FILE;
  }
  // The declaration that follows: the first symbol starting after the tag, or one whose range already
  // includes the comment (rust-analyzer attaches leading comments) but whose name comes after it.
  let best: SymbolNode[] | undefined;
  let bestKey: Position | undefined;
  for (const chain of chains) {
    const s = chain[chain.length - 1];
    if (comparePositions(s.selectionRange.start, end) < 0) continue;
    let key: Position;
    if (comparePositions(s.range.start, end) >= 0) key = s.range.start;
    else if (comparePositions(s.range.start, start) <= 0) key = end;
    else continue;
    if (!bestKey || comparePositions(key, bestKey) < 0 || (comparePositions(key, bestKey) === 0 && chain.length < best!.length)) {
      best = chain;
      bestKey = key;
    }
  }
  if (best && bestKey) {
    // A body that closes between the tag and that declaration means the tag was inside it.
    const closedBetween = chains.some((c) => {
      const e = c[c.length - 1].range.end;
      return comparePositions(e, end) >= 0 && comparePositions(e, bestKey!) < 0;
    });
    const target = best[best.length - 1];
    const declLine = comparePositions(target.range.start, end) >= 0 ? target.range.start.line : target.selectionRange.start.line;
    if (!closedBetween && ctx.onlyCommentsBetween(end.line, declLine)) return { kind: 'symbol', path: best };
  }
  return enclosing(chains, start);
}

function enclosing(chains: readonly SymbolNode[][], p: Position): AttributionTarget {
  return (
    innermost(chains, (s) => comparePositions(s.range.start, p) <= 0 && comparePositions(p, s.range.end) <= 0) ?? FILE
  );
}

function innermost(chains: readonly SymbolNode[][], contains: (s: SymbolNode) => boolean): AttributionTarget | undefined {
  let best: SymbolNode[] | undefined;
  for (const chain of chains) {
    if (contains(chain[chain.length - 1]) && (!best || chain.length > best.length)) best = chain;
  }
  return best ? { kind: 'symbol', path: best } : undefined;
}

/** Lines that are not code: blank, comments, decorators/annotations/attributes (`@x`, `#[x]`, `[X]`). */
const NON_CODE_LINE = /^(?:$|\/\/|\/\*|\*|#|--|;|%|<!--|-->|@|\[|"""|'''|\{-|-\})/;
/** A comment opener with code before it on the same line. */
const TRAILING_COMMENT = /(\/\/|\/\*|#(?=[\s@]|$)|<!--)/;

/** Text facts the attribution needs, computed lazily and at most once per file. */
class TextContext {
  private lines: string[] | undefined;
  private lineOffsets: number[] | undefined;
  private tripleQuoted: [number, number][] | undefined;

  constructor(private readonly text: string | undefined) {}

  /** True when `p` lies inside a `"""`/`'''` block (a Python docstring). */
  inDocstring(p: Position): boolean {
    if (this.text === undefined || (!this.text.includes('"""') && !this.text.includes("'''"))) return false;
    this.tripleQuoted ??= tripleQuotedRegions(this.text);
    const offset = this.offset(p);
    let lo = 0;
    let hi = this.tripleQuoted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = this.tripleQuoted[mid];
      if (offset < s) hi = mid - 1;
      else if (offset >= e) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** True when code precedes the tag's comment on its line (a trailing comment). */
  hasCodeBefore(p: Position): boolean {
    const line = this.line(p.line);
    if (line === undefined) return false;
    const prefix = line.slice(0, p.character);
    const m = TRAILING_COMMENT.exec(prefix);
    return !!m && prefix.slice(0, m.index).trim() !== '';
  }

  /** True when every line strictly between `from` and `to` is blank, a comment or a decorator. */
  onlyCommentsBetween(from: number, to: number): boolean {
    if (this.text === undefined) return true;
    let inBlock: string | undefined;
    for (let l = from + 1; l < to; l++) {
      const t = (this.line(l) ?? '').trim();
      if (inBlock) {
        if (t.includes(inBlock)) inBlock = undefined;
        continue;
      }
      if (!NON_CODE_LINE.test(t)) return false;
      for (const [open, close] of [['/*', '*/'], ['<!--', '-->'], ['"""', '"""'], ["'''", "'''"], ['{-', '-}']]) {
        const i = t.indexOf(open);
        if (i >= 0 && !t.includes(close, i + open.length)) {
          inBlock = close;
          break;
        }
      }
    }
    return true;
  }

  private line(n: number): string | undefined {
    if (this.text === undefined) return undefined;
    this.lines ??= this.text.split('\n');
    return this.lines[n];
  }

  private offset(p: Position): number {
    if (!this.lineOffsets) {
      const offsets = [0];
      const text = this.text ?? '';
      for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) offsets.push(k + 1);
      this.lineOffsets = offsets;
    }
    return (this.lineOffsets[p.line] ?? 0) + p.character;
  }
}

/** [start, end) offsets of `"""…"""` and `'''…'''` blocks, in order. */
function tripleQuotedRegions(text: string): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  for (;;) {
    const dq = text.indexOf('"""', i);
    const sq = text.indexOf("'''", i);
    if (dq < 0 && sq < 0) return out;
    const open = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
    const quote = open === dq ? '"""' : "'''";
    const close = text.indexOf(quote, open + 3);
    const end = close < 0 ? text.length : close + 3;
    out.push([open, end]);
    i = end;
  }
}
