// git's wildmatch (WM_PATHNAME) without RegExp: a glob compiled to tokens and matched by the greedy
// last-star algorithm, per segment and across segments, so no pattern can backtrack catastrophically
// (`*?*?*?*?*?*?*?*?*?*?z` costs O(pattern × name), not exponential time as with a backtracking RegExp).

/** One code unit of a segment: a literal, `?`, a class, or `*` (a run of stars inside a segment). */
type Token = string | typeof ANY | typeof STAR | CharClass;

const ANY = 0;
const STAR = 1;

interface CharClass {
  readonly negate: boolean;
  /** Inclusive code-unit ranges, lo and hi interleaved. */
  readonly ranges: readonly number[];
}

/** `**` alone between slashes: zero or more whole segments. */
const GLOBSTAR = 2;

type Segment = readonly Token[] | typeof GLOBSTAR;

export interface CompiledGlob {
  /** Segments (a basename pattern has exactly one). */
  readonly segments: readonly Segment[];
  /** Fewest path parts it can match, and most (Infinity with a `**`): a cheap rejection before matching. */
  readonly minParts: number;
  readonly maxParts: number;
}

function withBounds(segments: Segment[]): CompiledGlob {
  const fixed = segments.filter((s) => s !== GLOBSTAR).length;
  return { segments, minParts: fixed, maxParts: fixed === segments.length ? fixed : Infinity };
}

const POSIX_CLASSES: Record<string, readonly number[]> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  blank: [0x20, 0x20, 0x09, 0x09],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

/** A `[...]` class starting at `start`; undefined when it is never closed or names an unknown POSIX class. */
function parseClass(glob: string, start: number): { cls: CharClass; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negate = true;
    i++;
  }
  const ranges: number[] = [];
  let first = true;
  for (; i < glob.length; i++) {
    let c = glob[i];
    if (c === ']' && !first) return { cls: { negate, ranges }, end: i };
    first = false;
    if (c === '[' && glob[i + 1] === ':') {
      const close = glob.indexOf(':]', i + 2);
      if (close < 0) return undefined;
      const named = POSIX_CLASSES[glob.slice(i + 2, close)];
      if (named === undefined) return undefined;
      for (const r of named) ranges.push(r);
      i = close + 1;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= glob.length) return undefined;
      c = glob[++i];
    }
    if (glob[i + 1] === '-' && i + 2 < glob.length && glob[i + 2] !== ']') {
      let hi = glob[i + 2];
      let skip = 2;
      if (hi === '\\') {
        if (i + 3 >= glob.length) return undefined;
        hi = glob[i + 3];
        skip = 3;
      }
      ranges.push(c.charCodeAt(0), hi.charCodeAt(0));
      i += skip;
      continue;
    }
    ranges.push(c.charCodeAt(0), c.charCodeAt(0));
  }
  return undefined;
}

/** Where manifest globs (minimatch's syntax minus braces, expanded before) differ from git's. */
export interface WildmatchFlavour {
  /** An unclosed `[` or a trailing `\` is a literal character (minimatch) rather than a glob that never matches (git). */
  readonly lenient?: boolean;
}

/**
 * Compile a wildmatch glob: `*` and `?` never cross `/`, `**` alone between slashes spans folders (a trailing
 * `/**` needs at least one more segment), `[...]` classes with `!`/`^` and POSIX names, `\x` escapes.
 * Undefined for a glob that can never match (an unclosed class, a trailing `\`), as git does.
 */
export function compileWildmatch(glob: string, flavour: WildmatchFlavour = {}): CompiledGlob | undefined {
  const segments: Segment[] = [];
  let tokens: Token[] = [];
  let raw = '';
  const endSegment = (): void => {
    segments.push(/^\*{2,}$/.test(raw) ? GLOBSTAR : tokens);
    tokens = [];
    raw = '';
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '/') {
      endSegment();
      continue;
    }
    raw += c;
    if (c === '*') {
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (c === '?') {
      tokens.push(ANY);
    } else if (c === '\\') {
      if (i + 1 >= glob.length) {
        if (!flavour.lenient) return undefined;
        tokens.push(c);
        continue;
      }
      const next = glob[++i];
      raw += next;
      if (next === '/') endSegment();
      else tokens.push(next);
    } else if (c === '[') {
      const parsed = parseClass(glob, i);
      if (!parsed) {
        if (!flavour.lenient) return undefined;
        tokens.push(c);
        continue;
      }
      tokens.push(parsed.cls);
      raw += 'x'; // a class is never part of a `**` run
      i = parsed.end;
    } else {
      tokens.push(c);
    }
  }
  endSegment();
  // A trailing `**` needs one more segment; `**` alone matches any path (and any name).
  if (segments[segments.length - 1] === GLOBSTAR) segments.splice(segments.length - 1, 1, [STAR], GLOBSTAR);
  return withBounds(segments);
}

function classMatches(cls: CharClass, code: number): boolean {
  let hit = false;
  const r = cls.ranges;
  for (let k = 0; k < r.length; k += 2) {
    if (code >= r[k] && code <= r[k + 1]) {
      hit = true;
      break;
    }
  }
  return hit !== cls.negate;
}

function tokenMatches(t: Token, s: string, i: number): boolean {
  if (typeof t === 'string') return s[i] === t;
  if (t === ANY) return true;
  return typeof t === 'object' && classMatches(t, s.charCodeAt(i));
}

/** One segment against one name (no `/`): greedy with one backtrack point, O(tokens × name). */
function matchSegment(tokens: readonly Token[], s: string): boolean {
  let ti = 0;
  let si = 0;
  let starT = -1;
  let starS = 0;
  while (si < s.length) {
    const t = tokens[ti];
    if (ti < tokens.length && t !== STAR && tokenMatches(t, s, si)) {
      ti++;
      si++;
    } else if (t === STAR) {
      starT = ti++;
      starS = si;
    } else if (starT >= 0) {
      ti = starT + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (ti < tokens.length && tokens[ti] === STAR) ti++;
  return ti === tokens.length;
}

/** The same greedy algorithm one level up: segments against path parts, `**` as the star. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): boolean {
  let ti = 0;
  let pi = 0;
  let starT = -1;
  let starP = 0;
  while (pi < parts.length) {
    const seg = segments[ti];
    if (ti < segments.length && seg !== GLOBSTAR && matchSegment(seg, parts[pi])) {
      ti++;
      pi++;
    } else if (seg === GLOBSTAR) {
      starT = ti++;
      starP = pi;
    } else if (starT >= 0) {
      ti = starT + 1;
      pi = ++starP;
    } else {
      return false;
    }
  }
  while (ti < segments.length && segments[ti] === GLOBSTAR) ti++;
  return ti === segments.length;
}

/** True when `glob` matches the whole of `path` (a basename for one-segment globs). */
export function wildmatch(glob: CompiledGlob, path: string): boolean {
  const segs = glob.segments;
  if (segs.length === 1) {
    const only = segs[0];
    return only !== GLOBSTAR && path.indexOf('/') < 0 && matchSegment(only, path);
  }
  return matchParts(glob, path.split('/'));
}

/** `wildmatch` on a path already split at `/` (callers matching many globs split once). */
export function matchParts(glob: CompiledGlob, parts: readonly string[]): boolean {
  if (parts.length < glob.minParts || parts.length > glob.maxParts) return false;
  const segs = glob.segments;
  if (glob.maxParts === segs.length) {
    // No `**`: segment i against part i, the last (most selective: `*.zip`) first.
    for (let i = segs.length - 1; i >= 0; i--) if (!matchSegment(segs[i] as readonly Token[], parts[i])) return false;
    return true;
  }
  return matchSegments(segs, parts);
}

/** The literal text of a segment with no wildcard, else undefined. */
export function literalSegment(seg: Segment | undefined): string | undefined {
  if (seg === undefined) return undefined;
  if (seg === GLOBSTAR) return undefined;
  let out = '';
  for (const t of seg) {
    if (typeof t !== 'string') return undefined;
    out += t;
  }
  return out;
}

/** For a one-segment `*literal` glob (`*.class`, `*~`), the literal suffix; else undefined. */
export function starSuffix(glob: CompiledGlob): string | undefined {
  return glob.segments.length === 1 ? segmentSuffix(glob.segments[0]) : undefined;
}

/** For a `*literal` segment, the literal; else undefined. */
export function segmentSuffix(seg: Segment | undefined): string | undefined {
  if (seg === undefined) return undefined;
  if (seg === GLOBSTAR || seg.length < 2 || seg[0] !== STAR) return undefined;
  return literalSegment(seg.slice(1));
}

/** The first code unit a one-segment glob requires, when it starts with a literal. */
export function firstLiteral(glob: CompiledGlob): string | undefined {
  const seg = glob.segments[0];
  return seg !== GLOBSTAR && typeof seg[0] === 'string' ? seg[0] : undefined;
}
