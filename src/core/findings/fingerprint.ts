// A finding's identity that survives unrelated edits (no line numbers): used by SARIF and CI baselines.
import type { Finding } from '../types';

/** FNV-1a 64-bit over UTF-16 code units, as 16 hex digits (no node:crypto in the host-free core). */
export function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

export function fingerprint(finding: Finding): string {
  return fnv1a64(`${finding.code}\u0000${finding.file}\u0000${finding.message}`);
}
