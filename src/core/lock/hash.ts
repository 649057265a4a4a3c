// Small, dependency-free hashes for the lock (the core cannot use node:crypto): 64-bit FNV-1a as two 32-bit
// lanes for fingerprints, and a b-bit MinHash sketch that estimates how much of a symbol's code survived.

const FNV_PRIME = 0x01000193;

function fnv32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** A 64-bit fingerprint of a string, as 16 hex digits. */
export function fingerprint64(text: string): string {
  return hex8(fnv32(text, 0x811c9dc5)) + hex8(fnv32(text, 0x9e3779b9));
}

/** Murmur3's finaliser: spreads the bits of a 32-bit value. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Number of MinHash functions; each contributes its lowest 8 bits (2 hex digits) to the sketch. */
export const SKETCH_SIZE = 64;

/**
 * A b-bit MinHash sketch of the token 3-grams (fewer tokens: the tokens themselves), 128 hex digits. Two
 * sketches agree on a position with probability ≈ Jaccard similarity of the two shingle sets (+ 1/256 chance).
 */
export function sketch(tokens: readonly string[]): string {
  const mins = new Uint32Array(SKETCH_SIZE).fill(0xffffffff);
  const n = tokens.length;
  const width = Math.min(3, n);
  for (let i = 0; width > 0 && i + width <= n; i++) {
    const base = fnv32(tokens.slice(i, i + width).join('\u0001'), 0x811c9dc5);
    for (let k = 0; k < SKETCH_SIZE; k++) {
      const h = mix(base ^ Math.imul(k + 1, 0x9e3779b9));
      if (h < mins[k]) mins[k] = h;
    }
  }
  let out = '';
  for (let k = 0; k < SKETCH_SIZE; k++) out += (mins[k] & 0xff).toString(16).padStart(2, '0');
  return out;
}

/** Estimated Jaccard similarity (0–1) of the shingle sets behind two sketches; undefined when malformed. */
export function sketchSimilarity(a: string, b: string): number | undefined {
  if (a.length !== SKETCH_SIZE * 2 || b.length !== SKETCH_SIZE * 2) return undefined;
  let same = 0;
  for (let k = 0; k < a.length; k += 2) if (a[k] === b[k] && a[k + 1] === b[k + 1]) same++;
  const chance = 1 / 256;
  return Math.max(0, Math.min(1, (same / SKETCH_SIZE - chance) / (1 - chance)));
}
