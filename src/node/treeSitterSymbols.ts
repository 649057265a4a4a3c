// Symbols for the CLI and benchmarks: tree-sitter (WASM) grammars turned into a DocumentSymbol-like tree
// close to what VS Code's symbol providers give, so tags bind to the same declarations in both.

import * as fs from 'node:fs';
import * as path from 'node:path';
// `import = require` makes esbuild pick web-tree-sitter's CommonJS build (its ESM build needs import.meta.url,
// which a CommonJS bundle does not have).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import TreeSitter = require('web-tree-sitter');
import { comparePositions, type SymbolFinder, type SymbolRequest } from '../core/symbols/symbolFinder';
import { windowsFor } from '../core/symbols/windows';
import { extname } from '../core/paths';
import type { Position, Range, SymbolNode } from '../core/types';
import { GRAMMAR_BY_EXTENSION, HANDLERS, type Builder, type Decl, type Grammar } from './symbolTables';
import { pushAll } from '../core/arrays';

export function grammarForPath(filePath: string): Grammar | undefined {
  return GRAMMAR_BY_EXTENSION[extname(filePath)];
}

type Node = TreeSitter.Node;
type Language = TreeSitter.Language;
type Parser = TreeSitter.Parser;
const { Language, Parser } = TreeSitter;

const RUNTIME_WASM = 'web-tree-sitter.wasm';

/**
 * Folders searched, in order, for `web-tree-sitter.wasm` and `tree-sitter-<lang>.wasm`:
 * `<dir of this file or bundle>/wasm` (the bundled CLI ships them in dist/wasm/), then the installed
 * packages (running from the repository).
 */
export function wasmDirectories(): string[] {
  const dirs = [path.join(__dirname, 'wasm')];
  const tryResolve = (request: string): void => {
    try {
      dirs.push(path.dirname(require.resolve(request)));
    } catch {
      // not installed next to this file: fine when the bundle ships its own copies
    }
  };
  tryResolve('web-tree-sitter/web-tree-sitter.wasm');
  tryResolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm');
  return dirs;
}

function findWasm(dirs: readonly string[], file: string): string | undefined {
  for (const dir of dirs) {
    const candidate = path.join(dir, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

// Parser.init() instantiates one process-wide WASM module; a second init would orphan loaded languages,
// so the promise is shared by every finder (the one module-level state here, by necessity).
let runtimeReady: Promise<void> | undefined;

function initRuntime(dirs: readonly string[]): Promise<void> {
  if (!runtimeReady) {
    const wasm = findWasm(dirs, RUNTIME_WASM);
    runtimeReady = Parser.init(wasm ? { locateFile: () => wasm } : undefined);
    runtimeReady.catch(() => {
      runtimeReady = undefined;
    });
  }
  return runtimeReady;
}

export interface TreeSitterOptions {
  /** Override the folders searched for the .wasm files. */
  readonly wasmDirectories?: readonly string[];
  /** Files larger than this (UTF-16 units) get no symbols, tags bind to the file. Default 4 MB. */
  readonly maxLength?: number;
  /** From this length on, a request with `lines` parses only windows around them. Default 32 K. */
  readonly windowMinLength?: number;
  /**
   * Find declarations with a cursor walk that skips subtrees whose text cannot hold one (default true; same
   * symbols as the full walk, which stays for other grammars, trees with errors, and comparison in tests).
   */
  readonly pruneExtraction?: boolean;
  /**
   * Windows skip the contents of top-level bodies that no requested line is in (JS/TS; default true: same
   * attribution, tested against the whole parse).
   */
  readonly elideBodies?: boolean;
}

/** Grammars whose bodies are `{…}` groups, so a window may leave their contents out. */
const BRACE_BODIES: ReadonlySet<Grammar> = new Set<Grammar>(['typescript', 'tsx', 'javascript']);

/** Below this size a whole parse is cheap enough (a few ms); above it, windows around tag lines. */
const WINDOW_MIN_LENGTH = 32_768;

function lineOffsets(text: string): number[] {
  const out = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) out.push(k + 1);
  return out;
}

interface LoadedGrammar {
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

/** A SymbolFinder over tree-sitter; each grammar is loaded on first use. */
export class TreeSitterSymbolFinder implements SymbolFinder {
  private readonly dirs: readonly string[];
  private readonly maxLength: number;
  private readonly windowMinLength: number;
  private readonly prune: boolean;
  private readonly elide: boolean;
  private readonly parsers = new Map<Grammar, Promise<LoadedGrammar | undefined>>();

  constructor(options: TreeSitterOptions = {}) {
    this.dirs = options.wasmDirectories ?? wasmDirectories();
    this.maxLength = options.maxLength ?? 4_000_000;
    this.windowMinLength = options.windowMinLength ?? WINDOW_MIN_LENGTH;
    this.prune = options.pruneExtraction ?? true;
    this.elide = options.elideBodies ?? true;
  }

  async symbols(text: string, filePath: string, request?: SymbolRequest): Promise<SymbolNode[] | undefined> {
    const grammar = grammarForPath(filePath);
    if (!grammar) return undefined;
    const loaded = await this.parser(grammar);
    if (!loaded) return undefined;
    if (text.length > this.maxLength) return [];
    // Big file, few tag lines: parse only the top-level statements around them (Java and C# files are
    // one type at depth 1, nothing to cut; C#'s `namespace N;` must stay the parent).
    if (request?.lines && text.length >= this.windowMinLength && grammar !== 'java' && grammar !== 'c-sharp') {
      const lineStarts = lineOffsets(text);
      const elideBodies = this.elide && BRACE_BODIES.has(grammar);
      const windows = windowsFor(text, filePath, request.lines, lineStarts.length, { tight: true, elideBodies });
      if (windows) {
        const out: SymbolNode[] = [];
        for (const w of windows) {
          const start = lineStarts[w.startLine];
          const end = w.endLine < lineStarts.length ? lineStarts[w.endLine] : text.length;
          let symbols = w.elide ? this.parseElided(loaded, grammar, text, start, end, w.startLine, w.elide) : undefined;
          symbols ??= this.parse(loaded, grammar, text.slice(start, end), w.startLine);
          for (const s of symbols) out.push(s);
        }
        return out;
      }
    }
    return this.parse(loaded, grammar, text);
  }

  /** Symbols of `text`, their lines shifted by `lineOffset` (a window's first line). */
  private parse(loaded: LoadedGrammar, grammar: Grammar, text: string, lineOffset = 0): SymbolNode[] {
    const tree = loaded.parser.parse(text);
    if (!tree) return [];
    try {
      const root = tree.rootNode;
      const nodes = this.prune && loaded.trigger
        ? prunedCandidates(tree, text, loaded, triggerOffsets(text, loaded.trigger))
        : root.descendantsOfType(loaded.types as string[]);
      return buildSymbols(nodes, grammar, lineOffset);
    } finally {
      tree.delete();
    }
  }

  /**
   * Symbols of text[start, end) with the contents of the `{…}` groups in `elide` (flat [open, close] offsets)
   * left out: each becomes its line breaks and, before the `}`, as many spaces as the `}` line had units, so
   * every position outside stays the same (ranges and the statement's end are exact) and the symbols inside
   * are gone (no requested line needs them: see WindowOptions.elideBodies). Undefined, parse it whole, when
   * a group is not inside a top-level symbol (`export default { m() {} }` on one line: `m` is what a tag
   * above binds to) or the elided text has a syntax error.
   */
  private parseElided(
    loaded: LoadedGrammar, grammar: Grammar, text: string, start: number, end: number, lineOffset: number, elide: readonly number[],
  ): SymbolNode[] | undefined {
    const parts: string[] = [];
    const groups: { open: Position; close: Position }[] = [];
    let at = start;
    let line = lineOffset;
    let lineStart = start;
    /** Advance `line`/`lineStart` to offset `to` and return its position. */
    const position = (to: number): Position => {
      for (let k = text.indexOf('\n', lineStart); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) {
        line++;
        lineStart = k + 1;
      }
      return { line, character: to - lineStart };
    };
    for (let i = 0; i < elide.length; i += 2) {
      const open = elide[i];
      const close = elide[i + 1];
      const openAt = position(open);
      const breaks = position(close).line - openAt.line;
      parts.push(text.slice(at, open + 1), '\n'.repeat(breaks), ' '.repeat(close - lineStart));
      groups.push({ open: openAt, close: { line, character: close - lineStart } });
      at = close;
    }
    parts.push(text.slice(at, end));
    const source = parts.join('');
    const tree = loaded.parser.parse(source);
    if (!tree) return undefined;
    try {
      if (tree.rootNode.hasError) return undefined;
      const nodes = this.prune && loaded.trigger
        ? prunedCandidates(tree, source, loaded, triggerOffsets(source, loaded.trigger))
        : tree.rootNode.descendantsOfType(loaded.types as string[]);
      const symbols = buildSymbols(nodes, grammar, lineOffset);
      const spans = (s: SymbolNode, p: Position) => comparePositions(s.range.start, p) <= 0 && comparePositions(p, s.range.end) <= 0;
      return groups.every((g) => symbols.some((s) => spans(s, g.open) && spans(s, g.close))) ? symbols : undefined;
    } finally {
      tree.delete();
    }
  }

  /** Free the parsers (the shared runtime stays). */
  dispose(): void {
    for (const p of this.parsers.values()) {
      void p.then((loaded) => {
        loaded?.parser.delete();
      });
    }
    this.parsers.clear();
  }

  private parser(grammar: Grammar): Promise<LoadedGrammar | undefined> {
    let p = this.parsers.get(grammar);
    if (!p) {
      p = this.loadParser(grammar);
      this.parsers.set(grammar, p);
    }
    return p;
  }

  private async loadParser(grammar: Grammar): Promise<LoadedGrammar | undefined> {
    const file = findWasm(this.dirs, `tree-sitter-${grammar}.wasm`);
    if (!file) return undefined;
    await initRuntime(this.dirs);
    const language = await Language.load(file);
    const parser = new Parser();
    parser.setLanguage(language);
    const types = declarationTypes(language, grammar);
    const candidate = new Uint8Array(language.types.length + 1);
    const statementBlock = new Uint8Array(language.types.length + 1);
    const handled = new Set(types);
    language.types.forEach((name, id) => {
      if (handled.has(name)) candidate[id] = 1;
      if (name === 'statement_block') statementBlock[id] = 1;
    });
    return { parser, types, candidate, statementBlock, trigger: TRIGGERS[grammar] };
  }
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
function declarationTypes(language: Language, grammar: Grammar): string[] {
  return Object.keys(HANDLERS[grammar]).filter((type) => language.idForNodeType(type, true) !== null);
}

export function extractSymbols(root: Node, grammar: Grammar, types: readonly string[]): SymbolNode[] {
  // descendantsOfType walks the tree inside WASM: several times cheaper than a full JS cursor walk.
  return buildSymbols(root.descendantsOfType(types as string[]), grammar, 0);
}

/**
 * Text tokens that every declaration node of a grammar contains somewhere in its extent (keywords, `=>`, or the
 * `{` of a body): a subtree whose text has none holds no declaration node. Substring matches (in identifiers,
 * comments, strings) only make the walk descend more. JS/TS: functions, classes, interfaces, enums, type
 * aliases, namespaces/modules by keyword; methods, fields, signatures and pairs live in `{…}`; variables bind
 * a symbol below the top level only with a function (`=>`, `function`) or class value.
 */
const JS_TRIGGER = /\{|=>|function|class|interface|enum|type|namespace|module/g;
const TRIGGERS: Partial<Record<Grammar, RegExp>> = { typescript: JS_TRIGGER, tsx: JS_TRIGGER, javascript: JS_TRIGGER };
/** Declarations that need no trigger (top-level variables) sit at most this deep: never pruned above it. */
const UNPRUNED_DEPTH = 3;

/** Start offsets of the trigger matches in `text`, ascending. */
function triggerOffsets(text: string, trigger: RegExp): number[] {
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
function prunedCandidates(tree: TreeSitter.Tree, text: string, loaded: LoadedGrammar, triggers: readonly number[]): Node[] {
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
function buildSymbols(nodes: Node[], grammar: Grammar, lineOffset: number): SymbolNode[] {
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
