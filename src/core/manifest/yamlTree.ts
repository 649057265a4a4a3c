// Plain values from a parsed YAML document, under a budget (aliases, node count, depth), and the way back
// from a value's path to the YAML node that wrote it — so every finding lands on the exact text.
import { msg, type Localized, type Message } from '../l10n';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

export const YAML_LIMITS = {
  /** Alias expansions per manifest (nested expansions count each time), as yaml's own maxAliasCount. */
  maxAliasCount: 100,
  /** Nodes after alias expansion. */
  maxNodes: 500_000,
  /** Nesting depth; a manifest needs about six. */
  maxDepth: 64,
} as const;

/** Thrown when a document exceeds YAML_LIMITS; the message is a sentence for a finding. */
export class YamlBudgetError extends Error {
  readonly l10n: Message;
  constructor(m: Localized, readonly node: Node | undefined) {
    super(m.message);
    this.l10n = m.l10n;
  }
}

export type PathSegment = string | number;

/** String form of a mapping key, as the schema sees it. */
export function keyString(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  if (isAlias(key)) return `*${key.source}`;
  return '[complex key]';
}

/** Converts a document to plain data: mappings become prototype-less objects, so `__proto__` is just a key. */
export class YamlConverter {
  private aliases = 0;
  private nodes = 0;
  private readonly resolved = new Map<Node, Node | undefined>();

  constructor(private readonly doc: Document) {}

  resolveAlias(node: Node): Node | undefined {
    if (!isAlias(node)) return node;
    if (!this.resolved.has(node)) this.resolved.set(node, node.resolve(this.doc) as Node | undefined);
    return this.resolved.get(node);
  }

  toPlain(node: unknown, depth = 0): unknown {
    if (node === null || node === undefined) return null;
    if (depth > YAML_LIMITS.maxDepth) {
      throw new YamlBudgetError(msg('manifest nests too deeply (over {0} levels)', YAML_LIMITS.maxDepth), node as Node);
    }
    if (++this.nodes > YAML_LIMITS.maxNodes) {
      throw new YamlBudgetError(msg('manifest has too many nodes (over {0} after expanding aliases)', YAML_LIMITS.maxNodes), node as Node);
    }
    if (isAlias(node)) {
      if (++this.aliases > YAML_LIMITS.maxAliasCount) {
        throw new YamlBudgetError(msg('manifest expands too many aliases (over {0}); refusing it as a resource exhaustion attack', YAML_LIMITS.maxAliasCount), node);
      }
      const target = this.resolveAlias(node);
      if (target === undefined) return null;
      return this.toPlain(target, depth + 1);
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
      if (typeof v === 'bigint') return Number(v);
      return v === undefined ? null : String(v);
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = Object.create(null);
      for (const pair of node.items) {
        const key = keyString(pair.key);
        Object.defineProperty(out, key, { value: this.toPlain(pair.value, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item) => this.toPlain(item, depth + 1));
    }
    if (isPair(node)) return this.toPlain(node.value, depth + 1);
    return null;
  }
}

/** What a path points at: the node itself, and for a mapping entry its key node. */
export interface NodeAtPath {
  readonly node: Node | undefined;
  readonly key?: Node;
  /** The deepest mapping or sequence reached, for a path that goes past the written nodes. */
  readonly parent: Node;
  /** True when the path was followed to its end. */
  readonly complete: boolean;
}

/**
 * The node at `path` below `root`. Aliases are not followed: a path through one stops at the alias,
 * which is where the user wrote the value.
 */
export function nodeAtPath(root: Node, path: readonly PathSegment[]): NodeAtPath {
  let node: Node = root;
  let key: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => keyString(p.key) === String(seg));
      if (!pair) return { node: undefined, parent: node, complete: false };
      key = (pair.key ?? undefined) as Node | undefined;
      if (pair.value === null || pair.value === undefined) {
        return { node: undefined, key, parent: node, complete: i === path.length - 1 };
      }
      node = pair.value as Node;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined || item === null) return { node: undefined, parent: node, complete: false };
      key = undefined;
      node = item as Node;
    } else {
      return { node, key, parent: node, complete: false };
    }
  }
  return { node, key, parent: node, complete: true };
}

/** The first key written in a mapping, if any. */
export function firstKey(map: Node): Node | undefined {
  if (!isMap(map) || map.items.length === 0) return undefined;
  return (map.items[0].key ?? undefined) as Node | undefined;
}
