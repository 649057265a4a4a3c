// CI baselines: adopt `check` on an existing repository, then fail only on findings that are new.
import type { Finding } from '../types';
import { fingerprint } from './fingerprint';

export interface Baseline {
  readonly version: 1;
  /** fingerprint → how many findings share it (so a second identical finding counts as new). */
  readonly fingerprints: Readonly<Record<string, number>>;
}

export function createBaseline(findings: readonly Finding[]): Baseline {
  const fingerprints: Record<string, number> = {};
  for (const f of findings) {
    const key = fingerprint(f);
    fingerprints[key] = (fingerprints[key] ?? 0) + 1;
  }
  return { version: 1, fingerprints };
}

/** Parses a baseline file's text; undefined when it is not one. */
export function parseBaseline(text: string): Baseline | undefined {
  try {
    // A byte-order mark (editors on Windows add one) is not part of the JSON.
    const value = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { version, fingerprints } = value as { version?: unknown; fingerprints?: unknown };
    if (version !== 1 || typeof fingerprints !== 'object' || fingerprints === null || Array.isArray(fingerprints)) return undefined;
    const clean: Record<string, number> = Object.create(null);
    for (const [key, n] of Object.entries(fingerprints)) {
      if (typeof n === 'number' && Number.isInteger(n) && n > 0) clean[key] = n;
    }
    return { version: 1, fingerprints: { ...clean } };
  } catch {
    return undefined;
  }
}

/** The findings not covered by the baseline: each fingerprint absorbs as many findings as it counted. */
export function newSince(baseline: Baseline, findings: readonly Finding[]): Finding[] {
  const left = new Map(Object.entries(baseline.fingerprints));
  return findings.filter((f) => {
    const key = fingerprint(f);
    const n = left.get(key) ?? 0;
    if (n > 0) {
      left.set(key, n - 1);
      return false;
    }
    return true;
  });
}
