// Compiles the manifest's path globs (scopes, appliesTo) once per graph and matches root-relative files.
// Globs are untrusted: their number and length are bounded, and a glob that escapes its folder never matches.
import { Minimatch } from 'minimatch';
import { isInside, relativeTo } from '../paths';

export const MAX_GLOB_LENGTH = 500;
export const MAX_GLOBS = 2_000;

export interface GlobSet {
  /** The globs as written, for provenance ("via scope src/search/**"). */
  readonly patterns: readonly string[];
  /** The manifest folder the globs are relative to. */
  readonly base: string;
  /** The positive pattern that matches `file`, or undefined when none does or a negation excludes it. */
  match(file: string): string | undefined;
  /** Positive patterns (as written) that matched no file in `files`. */
  unmatched(files: readonly string[]): string[];
}

interface Compiled {
  readonly source: string;
  readonly negated: boolean;
  readonly matcher: Minimatch | undefined;
}

const OPTIONS = { dot: true, nocomment: true, nonegate: true, optimizationLevel: 2 } as const;

function compile(pattern: string): Compiled {
  const negated = pattern.startsWith('!');
  const body = negated ? pattern.slice(1) : pattern;
  const invalid = body.length === 0 || body.length > MAX_GLOB_LENGTH || body.startsWith('/') || body.split('/').includes('..');
  let matcher: Minimatch | undefined;
  if (!invalid) {
    try {
      matcher = new Minimatch(body.replace(/^\.\//, ''), OPTIONS);
    } catch {
      matcher = undefined;
    }
  }
  return { source: pattern, negated, matcher };
}

/** Compiled sets by the (immutable) pattern list of a scope or constraint, so each is compiled once per graph. */
const compiledSets = new WeakMap<readonly string[], Map<string, GlobSet>>();

export function compileGlobs(patterns: readonly string[], base: string): GlobSet {
  let byBase = compiledSets.get(patterns);
  if (!byBase) compiledSets.set(patterns, (byBase = new Map()));
  let set = byBase.get(base);
  if (!set) byBase.set(base, (set = compileGlobSet(patterns, base)));
  return set;
}

function compileGlobSet(patterns: readonly string[], base: string): GlobSet {
  const compiled = patterns.slice(0, MAX_GLOBS).map(compile);
  const positives = compiled.filter((c) => !c.negated);
  const negatives = compiled.filter((c) => c.negated);
  const match = (file: string): string | undefined => {
    if (!isInside(file, base)) return undefined;
    const rel = relativeTo(file, base);
    if (rel === '') return undefined;
    const hit = positives.find((c) => c.matcher?.match(rel));
    if (!hit) return undefined;
    if (negatives.some((c) => c.matcher?.match(rel))) return undefined;
    return hit.source;
  };
  return {
    patterns,
    base,
    match,
    unmatched(files) {
      const seen = new Set<string>();
      for (const file of files) {
        if (!isInside(file, base)) continue;
        const rel = relativeTo(file, base);
        for (const c of positives) {
          if (!seen.has(c.source) && c.matcher?.match(rel)) seen.add(c.source);
        }
        if (seen.size === positives.length) break;
      }
      return positives.filter((c) => !seen.has(c.source)).map((c) => c.source);
    },
  };
}
