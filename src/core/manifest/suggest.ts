// "Did you mean …?" for IDs and keys: the closest candidate by Damerau-Levenshtein, if it is close enough.

/** Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), stopping above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const n = b.length + 1;
  // Three rows in one buffer: i-2, i-1 and i, rotated by offset.
  const rows = new Int32Array(3 * n);
  let prevPrev = 0;
  let prev = n;
  let cur = 2 * n;
  for (let j = 0; j < n; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j < n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = rows[prev + j - 1] + (ai === bj ? 0 : 1);
      const del = rows[prev + j] + 1;
      const ins = rows[cur + j - 1] + 1;
      if (del < d) d = del;
      if (ins < d) d = ins;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const t = rows[prevPrev + j - 2] + 1;
        if (t < d) d = t;
      }
      rows[cur + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = spare;
  }
  return rows[prev + b.length];
}

/** How many edits a word of this length may be away and still be a plausible typo. */
export function allowedDistance(length: number): number {
  if (length < 3) return 0;
  if (length < 6) return 1;
  return Math.min(4, 1 + Math.floor(length / 4));
}

/** The part after a typed prefix (`kr:cycle-time` → `cycle-time`), or the whole id. */
function body(id: string): string {
  const i = id.indexOf(':');
  return i > 0 && i < id.length - 1 ? id.slice(i + 1) : id;
}

const MAX_COMPARED_LENGTH = 200;

/**
 * The candidate `id` was most likely meant to be, or undefined when none is close. Case is ignored;
 * a wrong or missing prefix (`obj:cycle-time` for `kr:cycle-time`) counts as one edit.
 */
export function suggest(id: string, candidates: Iterable<string>): string | undefined {
  if (id.length === 0 || id.length > MAX_COMPARED_LENGTH) return undefined;
  const lower = id.toLowerCase();
  const lowerBody = body(lower);
  let best: string | undefined;
  let bestScore = Infinity;
  let bestFull = Infinity;
  for (const candidate of candidates) {
    if (candidate === id || candidate.length > MAX_COMPARED_LENGTH) continue;
    const c = candidate.toLowerCase();
    const fullMax = allowedDistance(Math.max(lower.length, c.length));
    const full = editDistance(lower, c, fullMax);
    let score = full <= fullMax ? full : Infinity;
    const cBody = body(c);
    const samePrefix = lower.slice(0, lower.length - lowerBody.length) === c.slice(0, c.length - cBody.length);
    if (!samePrefix) {
      // Compare what follows the prefixes (`obj:cycle-time` vs `kr:cycle-time`); the wrong prefix costs one edit.
      const bodyMax = allowedDistance(Math.max(lowerBody.length, cBody.length));
      const d = editDistance(lowerBody, cBody, bodyMax);
      if (d <= bodyMax) score = Math.min(score, d + 1);
    }
    if (score === Infinity) continue;
    if (score < bestScore || (score === bestScore && (full < bestFull || (full === bestFull && best !== undefined && candidate < best)))) {
      best = candidate;
      bestScore = score;
      bestFull = full;
    }
  }
  return best;
}
