// What a review names as a changed symbol: declarations only. A property of a type literal or an object
// inside a function (`opts: { limit: number }`) is part of that function, not a symbol of its own.
import type { SymbolNode } from '../types';

const CONTAINERS = new Set(['class', 'interface', 'struct', 'enum', 'module', 'namespace', 'trait', 'impl', 'object', 'package', 'file']);
const MEMBERS = new Set(['property', 'field', 'key', 'enummember']);

/** The tree without member-like symbols (properties, fields, keys) whose parent is not a type or module. */
export function declarationsOnly(symbols: readonly SymbolNode[], parentKind = 'file'): SymbolNode[] {
  const out: SymbolNode[] = [];
  for (const s of symbols) {
    if (MEMBERS.has(s.kind) && !CONTAINERS.has(parentKind)) continue;
    out.push(s.children.length ? { ...s, children: declarationsOnly(s.children, s.kind) } : s);
  }
  return out;
}
