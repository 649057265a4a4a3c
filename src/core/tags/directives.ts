// The tag directives, spelled once, and what counts as a misspelling of one: the grammar, the byte prefilter
// of the index and ID completion all read them here.
import { editDistance } from '../manifest/suggest';
import type { TagKind } from '../types';

export const TAG_DIRECTIVES = ['@intent-file', '@intent', '@debt'] as const;

/** Directive word (without `@`) → tag kind; a Map, so `constructor` or `__proto__` are never directives. */
const KINDS = new Map<string, TagKind>(TAG_DIRECTIVES.map((d) => [d.slice(1), d.slice(1) as TagKind]));

/** The tag kind of an exact directive word (`intent`, `intent-file`, `debt`; case matters), if it is one. */
export function directiveKind(word: string): TagKind | undefined {
  return KINDS.get(word);
}

/** Words one edit from a directive that are words of their own, not typos of it. */
const NOT_TYPOS = new Set(['indent', 'intend', 'intents-', 'dept', 'dent', 'debit']);
/** Longest word compared: a directive plus one edit. */
const MAX_TYPO_LENGTH = Math.max(...TAG_DIRECTIVES.map((d) => d.length - 1)) + 1;

/**
 * The directive a word most likely meant when it is very close to one (`Intent`, `intnet`, `intent-fle`,
 * `intents`, `debts`: wrong case or one edit, transpositions included), if any. Whether it is reported also
 * depends on what follows it (see the tag grammar): this only says how close the word is.
 */
export function typoOf(word: string): string | undefined {
  if (word.length > MAX_TYPO_LENGTH || word.length < 4) return undefined;
  // Doc comments repeat a few words (@param, @return, @Override) thousands of times across a tree.
  let v = typoCache.get(word);
  if (v === undefined) {
    v = typoOfUncached(word) ?? '';
    if (typoCache.size > 4096) typoCache.clear();
    typoCache.set(word, v);
  }
  return v === '' ? undefined : v;
}

const typoCache = new Map<string, string>();

function typoOfUncached(word: string): string | undefined {
  const w = word.toLowerCase();
  if (NOT_TYPOS.has(w)) return undefined;
  if (KINDS.has(w)) return '@' + w; // wrong case, e.g. @Intent
  for (const d of KINDS.keys()) {
    if (editDistance(w, d, 1) <= 1) return '@' + d;
  }
  return undefined;
}

/** Letters (lower case) a word within one edit of a directive has first or second: i, d (intent, debt), n, e. */
const NEAR_START = new Uint8Array(128);
for (const c of 'idne') NEAR_START[c.charCodeAt(0)] = 1;

/**
 * False when a word starting with the code units `c0`, `c1` can be neither a directive nor within one edit
 * (transpositions included) of one, in any case: such a word starts with one of the directives' first two
 * letters or has one of them second (`@Override`, `@param`, `@Test` never do). The byte prefilter and the
 * scanner skip those `@`s without building the word.
 */
export function mayStartDirective(c0: number, c1: number): boolean {
  return (c0 < 128 && NEAR_START[c0 | 0x20] === 1) || (c1 < 128 && NEAR_START[c1 | 0x20] === 1);
}
