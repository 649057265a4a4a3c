// Brace expansion for manifest globs (`src/{a,b}/*.{ts,tsx}`, `v{1..3}`) that counts before it expands, so a
// 75-character `{a,b}{a,b}…` (65,536 alternatives) or `{1..100000}` is refused in microseconds, not expanded.

/** Alternatives one glob may expand to; more is refused with a finding that names this limit. */
export const MAX_GLOB_ALTERNATIVES = 256;

type Part = string | readonly Seq[] | Range;
type Seq = readonly Part[];

interface Range {
  /** The n-th value of the range as text. */
  readonly at: (n: number) => string;
  readonly size: number;
}

/** Matching `}` of each balanced `{` (escapes respected); unbalanced braces are literal. */
function matchBraces(glob: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') open.push(i);
    else if (c === '}' && open.length > 0) pairs.set(open.pop()!, i);
  }
  return pairs;
}

function numericRange(inner: string): Range | undefined {
  const m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const pad = /^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2]) ? Math.max(m[1].length, m[2].length) : 0;
  const dir = from <= to ? 1 : -1;
  const size = Math.floor(Math.abs(to - from) / step) + 1;
  return {
    size,
    at: (n) => {
      const v = from + dir * n * step;
      const digits = String(Math.abs(v)).padStart(pad - (v < 0 ? 1 : 0), '0');
      return v < 0 ? `-${digits}` : digits;
    },
  };
}

function charRange(inner: string): Range | undefined {
  const m = /^([A-Za-z])\.\.([A-Za-z])$/.exec(inner);
  if (!m) return undefined;
  const from = m[1].charCodeAt(0);
  const to = m[2].charCodeAt(0);
  const dir = from <= to ? 1 : -1;
  return { size: Math.abs(to - from) + 1, at: (n) => String.fromCharCode(from + dir * n) };
}

/**
 * Parse `glob[start, end)` into literal text, groups and ranges. Nesting depth is bounded by the glob length,
 * which the schema caps, so the recursion is bounded too.
 */
function parse(glob: string, start: number, end: number, pairs: Map<number, number>): Seq {
  const seq: Part[] = [];
  let text = '';
  for (let i = start; i < end; i++) {
    const c = glob[i];
    const close = c === '{' ? pairs.get(i) : undefined;
    if (c === '\\' && i + 1 < end) {
      text += c + glob[++i];
      continue;
    }
    if (close === undefined || close >= end) {
      text += c;
      continue;
    }
    const commas: number[] = [];
    for (let k = i + 1; k < close; k++) {
      if (glob[k] === '\\') k++;
      else if (glob[k] === '{' && pairs.has(k)) k = pairs.get(k)!;
      else if (glob[k] === ',') commas.push(k);
    }
    const inner = glob.slice(i + 1, close);
    const range = commas.length === 0 ? numericRange(inner) ?? charRange(inner) : undefined;
    if (commas.length === 0 && !range) {
      // `{a}` is literal, but groups inside it still expand.
      text += '{';
      if (text) seq.push(text);
      text = '';
      for (const p of parse(glob, i + 1, close, pairs)) seq.push(p);
      text = '}';
      i = close;
      continue;
    }
    if (text) seq.push(text);
    text = '';
    if (range) {
      seq.push(range);
    } else {
      const bounds = [i, ...commas, close];
      const alts: Seq[] = [];
      for (let k = 0; k + 1 < bounds.length; k++) alts.push(parse(glob, bounds[k] + 1, bounds[k + 1], pairs));
      seq.push(alts);
    }
    i = close;
  }
  if (text) seq.push(text);
  return seq;
}

/** Alternatives of a sequence, saturating just above the cap (never overflows, never expands). */
function count(seq: Seq, cap: number): number {
  let n = 1;
  for (const part of seq) {
    let k: number;
    if (typeof part === 'string') k = 1;
    else if ('size' in part) k = part.size;
    else {
      k = 0;
      for (const alt of part) k = Math.min(cap + 1, k + count(alt, cap));
    }
    n = Math.min(cap + 1, n * k);
  }
  return n;
}

function expand(seq: Seq): string[] {
  let out = [''];
  for (const part of seq) {
    let options: string[];
    if (typeof part === 'string') options = [part];
    else if ('size' in part) options = Array.from({ length: part.size }, (_, n) => part.at(n));
    else {
      options = [];
      for (const alt of part) for (const s of expand(alt)) options.push(s);
    }
    const next: string[] = [];
    for (const prefix of out) for (const o of options) next.push(prefix + o);
    out = next;
  }
  return out;
}

/** How many alternatives `glob` expands to (capped at MAX_GLOB_ALTERNATIVES + 1). */
export function braceCount(glob: string): number {
  if (!glob.includes('{')) return 1;
  return count(parse(glob, 0, glob.length, matchBraces(glob)), MAX_GLOB_ALTERNATIVES);
}

/** The alternatives of `glob`, or undefined when there are more than MAX_GLOB_ALTERNATIVES. */
export function expandBraces(glob: string): string[] | undefined {
  if (!glob.includes('{')) return [glob];
  const seq = parse(glob, 0, glob.length, matchBraces(glob));
  // Empty alternatives (`{a,}`) match nothing: dropped, as minimatch does.
  return count(seq, MAX_GLOB_ALTERNATIVES) > MAX_GLOB_ALTERNATIVES ? undefined : expand(seq).filter((g) => g !== '');
}
