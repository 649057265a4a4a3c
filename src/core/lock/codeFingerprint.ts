// The code side of a link: a fingerprint of the bound symbol's tokens (formatting, comments and renames do not
// count), a fingerprint of its signature, and a sketch that tells a small edit from a rewrite.
import { codeTokens } from './codeTokens';
import { fingerprint64, sketch, sketchSimilarity } from './hash';

export interface CodeFingerprint {
  /** Hash of every normalised token: equal means "the same code" as far as a reviewer cares. */
  readonly code: string;
  /** Hash of the declaration's head (up to its body): parameters, return type, extends/implements. */
  readonly sig: string;
  /** MinHash sketch of token 3-grams, identifiers as written (see hash.ts). */
  readonly sketch: string;
}

/**
 * Below this estimated similarity of token 3-grams a change counts as substance (IL041). Chosen from the
 * replay measured in the README: small edits stay above it, rewrites fall below it.
 */
export const SIMILARITY_THRESHOLD = 0.7;

/** Tokens that open a body: the signature is what comes before the first one at bracket depth 0. */
const BODY_OPENERS = new Set(['{', '=']);

export function codeFingerprint(text: string, path: string, wholeFile: boolean): CodeFingerprint {
  const { tokens, plain } = codeTokens(text, path);
  let cached: string | undefined;
  // The sketch costs most and is needed only to accept or when the code changed: computed on first read (an
  // enumerable getter, so the lock line still includes it).
  return {
    code: fingerprint64(tokens.join(' ')),
    sig: wholeFile ? '' : fingerprint64(signature(tokens, path).join(' ')),
    get sketch() {
      return (cached ??= sketch(plain));
    },
  };
}

function signature(tokens: readonly string[], path: string): string[] {
  const python = path.endsWith('.py') || path.endsWith('.pyi');
  let depth = 0;
  const out: string[] = [];
  for (const t of tokens) {
    // Exporting a declaration does not change what it does.
    if (depth === 0 && out.length === 0 && (t === 'export' || t === 'default')) continue;
    if (depth === 0 && (python ? t === ':' && out.includes(')') : BODY_OPENERS.has(t))) break;
    if (t === '(' || t === '[' || t === '<') depth++;
    else if ((t === ')' || t === ']' || t === '>') && depth > 0) depth--;
    out.push(t);
    if (out.length >= 256) break;
  }
  if (python && out.length > 0 && !out.includes(')')) return out.slice(0, 3);
  return out;
}

export type CodeChange =
  | { readonly kind: 'same' }
  /** Changed, but not in substance: same signature, similarity at or above the threshold. */
  | { readonly kind: 'minor'; readonly similarity: number }
  | { readonly kind: 'signature'; readonly similarity: number }
  | { readonly kind: 'rewritten'; readonly similarity: number };

/** How the code at review time (`before`) relates to the code now. */
export function compareCode(before: CodeFingerprint, now: CodeFingerprint): CodeChange {
  if (before.code === now.code) return { kind: 'same' };
  const similarity = sketchSimilarity(before.sketch, now.sketch) ?? 0;
  if (before.sig !== now.sig) return { kind: 'signature', similarity };
  return similarity < SIMILARITY_THRESHOLD ? { kind: 'rewritten', similarity } : { kind: 'minor', similarity };
}
