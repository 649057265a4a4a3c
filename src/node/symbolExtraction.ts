// Tree → symbols for the tree-sitter finder: the per-language tables of symbolTables.ts (node type →
// declarations) applied to a parse, with the pruned walk that visits only subtrees able to hold a declaration.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import TreeSitter = require('web-tree-sitter');
import { pushAll } from '../core/arrays';
import type { Range, SymbolNode } from '../core/types';
import { HANDLERS, type Builder, type Decl, type Grammar } from './symbolTables';

type Node = TreeSitter.Node;
type Language = TreeSitter.Language;
type Parser = TreeSitter.Parser;

export interface LoadedGrammar {
  readonly parser: Parser;
  /** Node types that may introduce a declaration. */
  readonly types: readonly string[];
  /** By node type id: 1 when the type may introduce a declaration (handled types only). */
  readonly candidate: Uint8Array;
  /** Matches every token a declaration node needs somewhere in its text; undefined: no pruned walk. */
  readonly trigger: RegExp | undefined;
  /** By node type id: 1 for `statement_block` (a `{` that holds statements, not members). */
  readonly statementBlock: Uint8Array;
}
// ---------------------------------------------------------------------------------------------------------
// Tree → symbols, through the per-language tables of symbolTables.ts (node type → declarations).

function nodeRange(start: Node, end: Node = start, lineOffset = 0): Range {
  const s = start.startPosition;
  const e = end.endPosition;
  return {
    start: { line: s.row + lineOffset, character: s.column },
    end: { line: e.row + lineOffset, character: e.column },
  };
}

const ATTRIBUTE_SIBLINGS = new Set(['decorator', 'attribute_item']);

/** The handled node types this grammar version knows (an unknown type would fail the lookup). */
export function declarationTypes(language: Language, grammar: Grammar): string[] {
  return Object.keys(HANDLERS[grammar]).filter((type) => language.idForNodeType(type, true) !== null);
}

/**
 * Text tokens that every declaration node of a grammar contains somewhere in its extent (keywords, `=>`, or the
 * `{` of a body): a subtree whose text has none holds no declaration node. Substring matches (in identifiers,
 * comments, strings) only make the walk descend more. JS/TS: functions, classes, interfaces, enums, type
 * aliases, namespaces/modules by keyword; methods, fields, signatures and pairs live in `{…}`; variables bind
 * a symbol below the top level only with a function (`=>`, `function`) or class value.
 */
const JS_TRIGGER = /\{|=>|function|class|interface|enum|type|namespace|module/g;
export const TRIGGERS: Partial<Record<Grammar, RegExp>> = { typescript: JS_TRIGGER, tsx: JS_TRIGGER, javascript: JS_TRIGGER };
/** Declarations that need no trigger (top-level variables) sit at most this deep: never pruned above it. */
const UNPRUNED_DEPTH = 3;

/** Start offsets of the trigger matches in `text`, ascending. */
export function triggerOffsets(text: string, trigger: RegExp): number[] {
  const out: number[] = [];
  trigger.lastIndex = 0;
  for (let m = trigger.exec(text); m; m = trigger.exec(text)) out.push(m.index);
  return out;
}

/** ends[d] for a node whose children are all visited. */
const ALL_CHILDREN = -1;

/**
 * The candidate declaration nodes in pre-order (as descendantsOfType gives them), by a cursor walk that enters
 * every node down to UNPRUNED_DEPTH and, below it, only nodes whose extent holds a trigger offset:
 * - a member list (a node opening with `{` other than a statement block: class bodies, object types,
 *   interface bodies, objects …) has all its children visited: a member (field, property or method
 *   signature) may hold no trigger of its own, only the list's brace;
 * - any other node (statements, expressions, a statement block) has visited only the children that hold a
 *   trigger, reached with gotoFirstChildForIndex: there every declaration holds its own keyword, `=>` or body.
 * Both rely on every token of a declaration being in the text, which error recovery breaks (it inserts
 * zero-width MISSING tokens): a top-level statement with a syntax error in it is walked in full.
 * Same declarations as the full walk; a skipped node that a handler would reject changes nothing (see
 * buildSymbols). Iterative: deep trees (long call chains) must not overflow the stack.
 */
export function prunedCandidates(tree: TreeSitter.Tree, text: string, loaded: LoadedGrammar, triggers: readonly number[]): Node[] {
  const { candidate, statementBlock } = loaded;
  const out: Node[] = [];
  const rootHasError = tree.rootNode.hasError;
  /** The current top-level statement holds a syntax error: no pruning inside it. */
  let full = false;
  const cursor = tree.walk();
  /** ends[d]: for the current node's ancestor at depth d >= UNPRUNED_DEPTH, its end offset, or ALL_CHILDREN. */
  const ends: number[] = [];
  let depth = 0;
  /** First trigger at or after the position reached; positions only grow in pre-order. */
  let t = 0;
  try {
    for (;;) {
      const type = cursor.nodeTypeId;
      if (candidate[type] === 1) out.push(cursor.currentNode);
      let entered = false;
      if (depth === 1) full = rootHasError && cursor.currentNode.hasError;
      if (depth < UNPRUNED_DEPTH) {
        entered = cursor.gotoFirstChild();
      } else if (full) {
        entered = cursor.gotoFirstChild();
        ends[depth] = ALL_CHILDREN;
      } else {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        while (t < triggers.length && triggers[t] < start) t++;
        if (t < triggers.length && triggers[t] < end) {
          if (text.charCodeAt(start) === 0x7b && statementBlock[type] !== 1) {
            entered = cursor.gotoFirstChild();
            ends[depth] = ALL_CHILDREN;
          } else {
            entered = cursor.gotoFirstChildForIndex(triggers[t]);
            ends[depth] = end;
          }
        }
      }
      if (entered) {
        depth++;
        continue;
      }
      // Climb until a next sibling worth entering turns up.
      for (;;) {
        if (depth === 0) return out;
        const parentDepth = depth - 1;
        if (parentDepth < UNPRUNED_DEPTH || ends[parentDepth] === ALL_CHILDREN) {
          if (cursor.gotoNextSibling()) break;
          cursor.gotoParent();
          depth--;
          continue;
        }
        const from = cursor.endIndex;
        while (t < triggers.length && triggers[t] < from) t++;
        cursor.gotoParent();
        depth--;
        // The first child ending after the next trigger inside the parent (the child that holds it).
        if (t < triggers.length && triggers[t] < ends[parentDepth] && cursor.gotoFirstChildForIndex(triggers[t])) {
          depth++;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Symbols from candidate nodes in pre-order. A node whose handler yields nothing only pops finished owners,
 * which the next node pops as well: leaving such nodes out gives the same symbols.
 */
export function buildSymbols(nodes: Node[], grammar: Grammar, lineOffset: number): SymbolNode[] {
  const table = HANDLERS[grammar];
  nodes.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  const top: Builder[] = [];
  const stack: { end: number; builder: Builder }[] = [];
  let lastId = -1;
  for (const node of nodes) {
    if (node.id === lastId) continue;
    lastId = node.id;
    while (stack.length > 0 && stack[stack.length - 1].end <= node.startIndex) stack.pop();
    const owner = stack.length > 0 ? stack[stack.length - 1].builder : undefined;
    const handler = table[node.type];
    const result = handler ? handler(node, owner) : undefined;
    const decls: readonly Decl[] = result === undefined ? [] : Array.isArray(result) ? result : [result as Decl];
    const list = owner ? owner.children : top;
    for (const d of decls) {
      let start = d.rangeNode;
      for (let prev = start.previousNamedSibling; prev && ATTRIBUTE_SIBLINGS.has(prev.type); prev = prev.previousNamedSibling) start = prev;
      const b: Builder = {
        name: d.name,
        kind: d.kind,
        range: nodeRange(start, d.rangeNode, lineOffset),
        selectionRange: nodeRange(d.nameNode ?? d.rangeNode, undefined, lineOffset),
        children: [],
      };
      list.push(b);
      if (decls.length === 1) stack.push({ end: node.endIndex, builder: b });
    }
  }
  return finish(postProcess(top, grammar));
}

function finish(list: Builder[]): SymbolNode[] {
  return list.map((b) => ({ name: b.name, kind: b.kind, range: b.range, selectionRange: b.selectionRange, children: finish(b.children) }));
}

function postProcess(list: Builder[], grammar: Grammar): Builder[] {
  if (grammar === 'c-sharp') {
    // `namespace N;` holds every declaration after it, as Roslyn reports it.
    const i = list.findIndex((b) => b.kind === 'namespace' && b.children.length === 0);
    if (i >= 0 && list[i].range.end.line === list[i].selectionRange.end.line) {
      const ns = list[i];
      const rest = list.splice(i + 1);
      pushAll(ns.children, rest);
      if (rest.length > 0) ns.range = { start: ns.range.start, end: rest[rest.length - 1].range.end };
    }
  }
  if (grammar === 'typescript' || grammar === 'tsx') mergeOverloads(list);
  return list;
}

/** TS overload signatures followed by the implementation become one symbol spanning all of them. */
function mergeOverloads(list: Builder[]): void {
  for (let i = list.length - 1; i > 0; i--) {
    const a = list[i - 1];
    const b = list[i];
    if (a.name === b.name && (a.kind === b.kind) && (a.kind === 'function' || a.kind === 'method') && a.children.length === 0) {
      b.range = { start: a.range.start, end: b.range.end };
      b.selectionRange = a.selectionRange;
      list.splice(i - 1, 1);
    }
  }
  for (const b of list) mergeOverloads(b.children);
}
