// Compiles the manifest's path globs (scopes, appliesTo) once per graph and matches root-relative files.
// Globs are untrusted: braces are counted before they are expanded (MAX_GLOB_ALTERNATIVES), matching is the
// linear wildmatch (no RegExp, no backtracking), the length limit is the schema's, a glob that escapes its
// folder never matches, and many sets are matched together through an index (GlobIndex), not sets × files.
import { compileWildmatch, literalSegment, segmentSuffix, wildmatch, type CompiledGlob } from '../ignore/wildmatch';
import { LIMITS } from '../manifest/manifestSchema';
import { isInside, relativeTo } from '../paths';
import type { Constraint, IntentGraph } from '../types';
import { expandBraces } from './braces';

/** The one glob length limit: the schema refuses longer globs with a finding, the matcher never sees them. */
export const MAX_GLOB_LENGTH = LIMITS.globLength;
/** Globs per scope or constraint: the schema's array limit, so no glob is ever dropped silently. */
export const MAX_GLOBS = LIMITS.arrayLength;

const FLAVOUR = { lenient: true } as const;

export interface GlobSet {
  /** The globs as written, for provenance ("via scope src/search/**"). */
  readonly patterns: readonly string[];
  /** The manifest folder the globs are relative to. */
  readonly base: string;
  /** The positive pattern that matches `file`, or undefined when none does or a negation excludes it. */
  match(file: string): string | undefined;
}

/** One alternative of one glob (a glob with braces has several). */
interface Alternative {
  /** Index of the glob in its set's patterns. */
  readonly pattern: number;
  readonly glob: CompiledGlob;
}

interface CompiledSet {
  readonly set: GlobSet;
  readonly positives: readonly Alternative[];
  readonly negatives: readonly Alternative[];
}

/** Compiled alternatives of one glob as written; none when it is invalid, escapes its folder or is over a limit. */
function compile(pattern: string, index: number): { negated: boolean; alternatives: Alternative[] } {
  const negated = pattern.startsWith('!');
  const body = (negated ? pattern.slice(1) : pattern).replace(/^\.\//, '');
  const alternatives: Alternative[] = [];
  if (body.length === 0 || body.length > MAX_GLOB_LENGTH || body.startsWith('/')) return { negated, alternatives };
  for (const alt of expandBraces(body) ?? []) {
    if (alt.startsWith('/') || alt.split('/').includes('..')) continue;
    const glob = compileWildmatch(alt, FLAVOUR);
    if (glob) alternatives.push({ pattern: index, glob });
  }
  return { negated, alternatives };
}

/** Compiled sets by the (immutable) pattern list of a scope or constraint, so each is compiled once per graph. */
const compiledSets = new WeakMap<readonly string[], Map<string, CompiledSet>>();

function compiledSet(patterns: readonly string[], base: string): CompiledSet {
  let byBase = compiledSets.get(patterns);
  if (!byBase) compiledSets.set(patterns, (byBase = new Map()));
  let set = byBase.get(base);
  if (!set) byBase.set(base, (set = compileGlobSet(patterns, base)));
  return set;
}

export function compileGlobs(patterns: readonly string[], base: string): GlobSet {
  return compiledSet(patterns, base).set;
}

function compileGlobSet(patterns: readonly string[], base: string): CompiledSet {
  const positives: Alternative[] = [];
  const negatives: Alternative[] = [];
  patterns.slice(0, MAX_GLOBS).forEach((p, i) => {
    const c = compile(p, i);
    for (const a of c.alternatives) (c.negated ? negatives : positives).push(a);
  });
  const excluded = (rel: string): boolean => negatives.some((a) => wildmatch(a.glob, rel));
  const set: GlobSet = {
    patterns,
    base,
    match(file) {
      if (!isInside(file, base)) return undefined;
      const rel = relativeTo(file, base);
      if (rel === '') return undefined;
      const hit = positives.find((a) => wildmatch(a.glob, rel));
      return hit && !excluded(rel) ? patterns[hit.pattern] : undefined;
    },
  };
  return { set, positives, negatives };
}

/** Alternatives filed by the last segment of their glob, so a file only tries those that can match its name. */
class Bucket {
  readonly byName = new Map<string, Entry[]>();
  readonly bySuffix = new Map<number, Map<string, Entry[]>>();
  readonly others: Entry[] = [];

  add(entry: Entry): void {
    const segs = entry.alt.glob.segments;
    const last = segs[segs.length - 1];
    const name = literalSegment(last);
    const suffix = name === undefined ? segmentSuffix(last) : undefined;
    if (name !== undefined) push(this.byName, name, entry);
    else if (suffix !== undefined) {
      let m = this.bySuffix.get(suffix.length);
      if (!m) this.bySuffix.set(suffix.length, (m = new Map()));
      push(m, suffix, entry);
    } else this.others.push(entry);
  }

  collect(name: string, into: Entry[]): void {
    for (const e of this.byName.get(name) ?? []) into.push(e);
    for (const [len, m] of this.bySuffix) {
      if (len <= name.length) for (const e of m.get(name.slice(name.length - len)) ?? []) into.push(e);
    }
    for (const e of this.others) into.push(e);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface Entry {
  readonly set: number;
  readonly alt: Alternative;
  /** The set's base folder with a trailing slash ('' for the root). */
  readonly base: string;
}

/** Fully literal segments of a glob (after its base), the last first: a matching file must have one as a part. */
function requiredPart(glob: CompiledGlob, baseParts: readonly string[]): string | undefined {
  const segs = glob.segments;
  for (let k = segs.length - 1; k >= 0; k--) {
    const lit = literalSegment(segs[k]);
    if (lit !== undefined && lit !== '') return lit;
  }
  return baseParts[baseParts.length - 1];
}

/**
 * Many glob sets (all scopes, all constraints) matched together. Each glob is filed under one folder or file
 * name it requires (its last literal segment, else its base folder) and then by its last segment's name or
 * suffix, so a file tries only globs filed under its own parts and name: 3,000 scopes on 30,000 files cost
 * about the globs that can match each file, not scopes × files.
 */
export class GlobIndex {
  private readonly anywhere = new Bucket();
  private readonly byPart = new Map<string, Bucket>();
  private readonly compiled: CompiledSet[];
  /** Positive alternatives over all sets: none (no scopes, no constraints) matches nothing without a look. */
  private readonly positives: number;

  constructor(readonly sets: readonly GlobSet[]) {
    this.compiled = sets.map((s) => compiledSet(s.patterns, s.base));
    this.positives = this.compiled.reduce((n, c) => n + c.positives.length, 0);
    this.compiled.forEach((c, set) => {
      const baseParts = c.set.base === '' ? [] : c.set.base.split('/');
      const base = c.set.base === '' ? '' : c.set.base + '/';
      for (const alt of c.positives) {
        const part = requiredPart(alt.glob, baseParts);
        let bucket = this.anywhere;
        if (part !== undefined) {
          bucket = this.byPart.get(part) ?? new Bucket();
          this.byPart.set(part, bucket);
        }
        bucket.add({ set, alt, base });
      }
    });
  }

  /** Positive alternatives whose glob matches `file`, in no particular order. */
  private hits(file: string): Entry[] {
    if (this.positives === 0) return [];
    const parts = file.split('/');
    const name = parts[parts.length - 1];
    const candidates: Entry[] = [];
    this.anywhere.collect(name, candidates);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (parts.indexOf(part) === i) this.byPart.get(part)?.collect(name, candidates);
    }
    return candidates.filter((e) => file.length > e.base.length && file.startsWith(e.base) && wildmatch(e.alt.glob, file.slice(e.base.length)));
  }

  /** For each set that matches `file`: its index and the first positive pattern (as written) that matches. */
  matching(file: string): { set: number; pattern: string }[] {
    const first = new Map<number, number>();
    for (const e of this.hits(file)) {
      const seen = first.get(e.set);
      if (seen === undefined || e.alt.pattern < seen) first.set(e.set, e.alt.pattern);
    }
    const out: { set: number; pattern: string }[] = [];
    for (const [set, pattern] of [...first].sort((a, b) => a[0] - b[0])) {
      const c = this.compiled[set];
      const rel = file.slice(c.set.base === '' ? 0 : c.set.base.length + 1);
      if (c.negatives.some((a) => wildmatch(a.glob, rel))) continue;
      out.push({ set, pattern: c.set.patterns[pattern] });
    }
    return out;
  }

  /** For each set, the indices of its positive patterns that match no file of `files`, ascending. */
  unmatchedIndices(files: readonly string[]): number[][] {
    const matched = this.compiled.map(() => new Set<number>());
    const patterns = this.compiled.map((c) => new Set(c.positives.map((a) => a.pattern)));
    // Patterns still unmatched: once each has matched a file, the rest of the listing cannot change the answer.
    let open = patterns.reduce((n, p) => n + p.size, 0);
    for (let f = 0; f < files.length && open > 0; f++) {
      for (const e of this.hits(files[f])) {
        const m = matched[e.set];
        if (!m.has(e.alt.pattern)) {
          m.add(e.alt.pattern);
          open--;
        }
      }
    }
    return this.compiled.map((c, set) => {
      const compiled = patterns[set];
      const out: number[] = [];
      c.set.patterns.slice(0, MAX_GLOBS).forEach((p, i) => {
        // A positive glob that compiled to nothing (invalid, escaping, over a limit) matches nothing either.
        if (!p.startsWith('!') && (!compiled.has(i) || !matched[set].has(i))) out.push(i);
      });
      return out;
    });
  }
}

/** The scopes' and constraints' globs of a graph as two indexes, built once per graph. */
export interface GraphGlobs {
  readonly scopes: GlobIndex;
  /** The constraints with globs, parallel to the sets of constraintGlobs. */
  readonly constraints: readonly Constraint[];
  readonly constraintGlobs: GlobIndex;
}

const graphGlobs = new WeakMap<IntentGraph, GraphGlobs>();

export function globsOf(graph: IntentGraph): GraphGlobs {
  let g = graphGlobs.get(graph);
  if (!g) {
    const constraints = [...graph.items.values()].filter((i): i is Constraint => i.kind === 'constraint' && i.appliesTo.length > 0);
    g = {
      scopes: new GlobIndex(graph.scopes.map((s) => compileGlobs(s.paths, s.base))),
      constraints,
      constraintGlobs: new GlobIndex(constraints.map((c) => compileGlobs(c.appliesTo, c.base))),
    };
    graphGlobs.set(graph, g);
  }
  return g;
}
