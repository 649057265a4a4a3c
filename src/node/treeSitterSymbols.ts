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

type Grammar = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'java' | 'c-sharp' | 'rust';

const GRAMMAR_BY_EXTENSION: Record<string, Grammar> = {
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
  '.py': 'python', '.pyi': 'python',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'c-sharp',
  '.rs': 'rust',
};

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
// Tree → symbols. One table per language maps a node type to the declarations it introduces.

interface Builder {
  name: string;
  kind: string;
  range: Range;
  selectionRange: Range;
  children: Builder[];
}

interface Decl {
  readonly name: string;
  readonly kind: string;
  /** The node whose extent is the symbol's range (before decorators/attributes are added). */
  readonly rangeNode: Node;
  readonly nameNode?: Node | null;
}

type Handler = (node: Node, parent: Builder | undefined) => Decl | readonly Decl[] | undefined;

function nodeRange(start: Node, end: Node = start, lineOffset = 0): Range {
  const s = start.startPosition;
  const e = end.endPosition;
  return {
    start: { line: s.row + lineOffset, character: s.column },
    end: { line: e.row + lineOffset, character: e.column },
  };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
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
      ns.children.push(...rest);
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

function field(node: Node, name: string): Node | null {
  return node.childForFieldName(name);
}

function named(node: Node, kind: string, nameField = 'name', rangeNode: Node = node): Decl | undefined {
  const n = field(node, nameField);
  return n ? { name: oneLine(n.text), kind, rangeNode, nameNode: n } : undefined;
}

// --- JavaScript / TypeScript ------------------------------------------------------------------------------

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
const CLASS_VALUES = new Set(['class', 'class_expression']);

/** `export …` and `export default …` are part of the declaration's range, as in VS Code. */
function withExport(node: Node): Node {
  const p = node.parent;
  return p && p.type === 'export_statement' ? p : node;
}

/** The root, even when a broken file made it an ERROR node (a half-typed file still has top-level symbols). */
function isRoot(node: Node | null | undefined): boolean {
  return !!node && node.parent === null;
}

function isTopLevel(statement: Node): boolean {
  const p = statement.parent;
  if (!p) return false;
  if (isRoot(p)) return true;
  return p.type === 'export_statement' && isRoot(p.parent);
}

const jsFunction: Handler = (node) => {
  const n = field(node, 'name');
  if (n) return { name: n.text, kind: 'function', rangeNode: withExport(node), nameNode: n };
  if (node.parent?.type === 'export_statement') return { name: 'default', kind: 'function', rangeNode: node.parent };
  return undefined;
};

const jsClass: Handler = (node) => {
  const n = field(node, 'name');
  if (n) return { name: n.text, kind: 'class', rangeNode: withExport(node), nameNode: n };
  if (node.parent?.type === 'export_statement') return { name: 'default', kind: 'class', rangeNode: node.parent };
  return undefined;
};

const jsMethod: Handler = (node) => {
  const n = field(node, 'name');
  if (!n) return undefined;
  return { name: oneLine(n.text), kind: n.text === 'constructor' ? 'constructor' : 'method', rangeNode: node, nameNode: n };
};

const jsVariable: Handler = (node) => {
  // Cheapest rejections first: most declarators are locals inside bodies, which are no symbols.
  const value = field(node, 'value');
  const decl = node.parent;
  if (!decl) return undefined;
  const isFunction = !!value && FUNCTION_VALUES.has(value.type);
  const isClass = !!value && CLASS_VALUES.has(value.type);
  if (!isFunction && !isClass && !isTopLevel(decl)) return undefined;
  const n = field(node, 'name');
  if (!n || n.type !== 'identifier') return undefined;
  const single = decl.namedChildCount === 1 || decl.namedChildren.filter((c) => c?.type === 'variable_declarator').length === 1;
  const rangeNode = single ? withExport(decl) : node;
  if (isFunction) return { name: n.text, kind: 'function', rangeNode, nameNode: n };
  if (isClass) return { name: n.text, kind: 'class', rangeNode, nameNode: n };
  const isConst = decl.type === 'lexical_declaration' && decl.firstChild?.text === 'const';
  return { name: n.text, kind: isConst ? 'constant' : 'variable', rangeNode, nameNode: n };
};

const jsField: Handler = (node) => {
  const n = field(node, 'name') ?? field(node, 'property');
  if (!n) return undefined;
  const value = field(node, 'value');
  const kind = value && FUNCTION_VALUES.has(value.type) ? 'method' : 'property';
  return { name: oneLine(n.text), kind, rangeNode: node, nameNode: n };
};

/** Functions in an object literal held by a top-level variable (`export const api = { get() {} }`). */
const jsPair: Handler = (node, parent) => {
  const value = field(node, 'value');
  const key = field(node, 'key');
  if (!parent || (parent.kind !== 'constant' && parent.kind !== 'variable') || !key || !value || !FUNCTION_VALUES.has(value.type)) return undefined;
  return { name: oneLine(key.text), kind: 'method', rangeNode: node, nameNode: key };
};

const JS_HANDLERS: Record<string, Handler> = {
  function_declaration: jsFunction,
  generator_function_declaration: jsFunction,
  function_signature: jsFunction,
  function_expression: (node) => (node.parent?.type === 'export_statement' ? jsFunction(node, undefined) : undefined),
  class_declaration: jsClass,
  abstract_class_declaration: jsClass,
  class: (node) => (node.parent?.type === 'export_statement' ? jsClass(node, undefined) : undefined),
  interface_declaration: (node) => named(node, 'interface', 'name', withExport(node)),
  enum_declaration: (node) => named(node, 'enum', 'name', withExport(node)),
  type_alias_declaration: (node) => named(node, 'type', 'name', withExport(node)),
  internal_module: (node) => {
    const p = node.parent;
    return named(node, 'namespace', 'name', p && p.type === 'expression_statement' ? withExport(p) : withExport(node));
  },
  module: (node) => named(node, 'module', 'name', withExport(node)),
  method_definition: jsMethod,
  method_signature: jsMethod,
  abstract_method_signature: jsMethod,
  public_field_definition: jsField,
  field_definition: jsField,
  property_signature: jsField,
  variable_declarator: jsVariable,
  pair: jsPair,
};

// --- Python -----------------------------------------------------------------------------------------------

function pyRange(node: Node): Node {
  const p = node.parent;
  return p && p.type === 'decorated_definition' ? p : node;
}

const PY_HANDLERS: Record<string, Handler> = {
  function_definition: (node, parent) => named(node, parent?.kind === 'class' ? 'method' : 'function', 'name', pyRange(node)),
  class_definition: (node) => named(node, 'class', 'name', pyRange(node)),
  expression_statement: (node) => {
    const p = node.parent;
    const atModule = isRoot(p);
    const inClass = p?.type === 'block' && p.parent?.type === 'class_definition';
    if (!atModule && !inClass) return undefined;
    const assignment = node.firstNamedChild;
    if (!assignment || assignment.type !== 'assignment') return undefined;
    const left = field(assignment, 'left');
    if (!left || left.type !== 'identifier') return undefined;
    const kind = inClass ? 'property' : /^[A-Z][A-Z0-9_]*$/.test(left.text) ? 'constant' : 'variable';
    return { name: left.text, kind, rangeNode: node, nameNode: left };
  },
};

// --- Go ---------------------------------------------------------------------------------------------------

function goTypeKind(typeNode: Node | null): string {
  if (!typeNode) return 'type';
  if (typeNode.type === 'struct_type') return 'struct';
  if (typeNode.type === 'interface_type') return 'interface';
  return 'type';
}

function goTypeSpecs(declaration: Node): Node[] {
  return declaration.namedChildren.filter((c): c is Node => !!c && (c.type === 'type_spec' || c.type === 'type_alias'));
}

function goTypeDecl(spec: Node, rangeNode: Node): Decl | undefined {
  const n = field(spec, 'name');
  return n ? { name: n.text, kind: goTypeKind(field(spec, 'type')), rangeNode, nameNode: n } : undefined;
}

function goSpecs(node: Node, specType: string, kind: string): Decl[] {
  const specs = node.namedChildren.filter((c): c is Node => !!c && c.type === specType);
  const out: Decl[] = [];
  for (const spec of specs) {
    for (const n of spec.childrenForFieldName('name')) {
      if (n) out.push({ name: n.text, kind, rangeNode: specs.length === 1 ? node : spec, nameNode: n });
    }
  }
  return out;
}

const GO_HANDLERS: Record<string, Handler> = {
  function_declaration: (node) => named(node, 'function'),
  method_declaration: (node) => {
    const n = field(node, 'name');
    if (!n) return undefined;
    // gopls names methods `(*T).M`.
    const receiver = field(node, 'receiver')?.namedChildren.find((c) => c?.type === 'parameter_declaration');
    const recvType = receiver ? field(receiver, 'type') : null;
    const name = recvType ? `(${oneLine(recvType.text)}).${n.text}` : n.text;
    return { name, kind: 'method', rangeNode: node, nameNode: n };
  },
  // A lone `type T …` spans its `type` keyword; in a grouped `type ( … )` each spec is its own symbol.
  type_declaration: (node) => {
    const specs = goTypeSpecs(node);
    return specs.length === 1 ? goTypeDecl(specs[0], node) : undefined;
  },
  type_spec: (node) => (node.parent && goTypeSpecs(node.parent).length > 1 ? goTypeDecl(node, node) : undefined),
  type_alias: (node) => (node.parent && goTypeSpecs(node.parent).length > 1 ? goTypeDecl(node, node) : undefined),
  field_declaration: (node) =>
    node.childrenForFieldName('name').filter((n): n is Node => !!n).map((n) => ({ name: n.text, kind: 'field', rangeNode: node, nameNode: n })),
  method_elem: (node) => named(node, 'method'),
  method_spec: (node) => named(node, 'method'),
  const_declaration: (node) => (isRoot(node.parent) ? goSpecs(node, 'const_spec', 'constant') : undefined),
  var_declaration: (node) => (isRoot(node.parent) ? goSpecs(node, 'var_spec', 'variable') : undefined),
};

// --- Java -------------------------------------------------------------------------------------------------

function declarators(node: Node, kind: string, declaratorType: string): Decl[] {
  const out: Decl[] = [];
  const walk = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === declaratorType) {
        const name = field(c, 'name') ?? c.namedChildren.find((x) => x?.type === 'identifier') ?? null;
        if (name) out.push({ name: name.text, kind, rangeNode: node, nameNode: name });
      } else if (c.type === 'variable_declaration') {
        walk(c);
      }
    }
  };
  walk(node);
  return out;
}

const JAVA_HANDLERS: Record<string, Handler> = {
  class_declaration: (node) => named(node, 'class'),
  interface_declaration: (node) => named(node, 'interface'),
  enum_declaration: (node) => named(node, 'enum'),
  record_declaration: (node) => named(node, 'class'),
  annotation_type_declaration: (node) => named(node, 'interface'),
  method_declaration: (node) => named(node, 'method'),
  constructor_declaration: (node) => named(node, 'constructor'),
  compact_constructor_declaration: (node) => named(node, 'constructor'),
  annotation_type_element_declaration: (node) => named(node, 'method'),
  field_declaration: (node) => declarators(node, 'field', 'variable_declarator'),
  constant_declaration: (node) => declarators(node, 'constant', 'variable_declarator'),
  enum_constant: (node) => named(node, 'enumMember'),
};

// --- C# ---------------------------------------------------------------------------------------------------

const CS_HANDLERS: Record<string, Handler> = {
  namespace_declaration: (node) => named(node, 'namespace'),
  file_scoped_namespace_declaration: (node) => named(node, 'namespace'),
  class_declaration: (node) => named(node, 'class'),
  struct_declaration: (node) => named(node, 'struct'),
  interface_declaration: (node) => named(node, 'interface'),
  enum_declaration: (node) => named(node, 'enum'),
  record_declaration: (node) => named(node, 'class'),
  record_struct_declaration: (node) => named(node, 'struct'),
  delegate_declaration: (node) => named(node, 'function'),
  method_declaration: (node) => named(node, 'method'),
  constructor_declaration: (node) => named(node, 'constructor'),
  destructor_declaration: (node) => {
    const d = named(node, 'method');
    return d && { ...d, name: '~' + d.name };
  },
  operator_declaration: (node) => {
    const op = field(node, 'operator');
    return { name: 'operator ' + (op ? op.text : ''), kind: 'operator', rangeNode: node, nameNode: op };
  },
  conversion_operator_declaration: (node) => ({ name: 'operator', kind: 'operator', rangeNode: node }),
  indexer_declaration: (node) => ({ name: 'this[]', kind: 'property', rangeNode: node }),
  property_declaration: (node) => named(node, 'property'),
  event_declaration: (node) => named(node, 'event'),
  event_field_declaration: (node) => declarators(node, 'event', 'variable_declarator'),
  field_declaration: (node) => declarators(node, 'field', 'variable_declarator'),
  local_function_statement: (node) => named(node, 'function'),
  enum_member_declaration: (node) => named(node, 'enumMember'),
};

// --- Rust -------------------------------------------------------------------------------------------------

const RUST_HANDLERS: Record<string, Handler> = {
  function_item: (node, parent) =>
    named(node, parent && (parent.kind === 'impl' || parent.kind === 'trait') ? 'method' : 'function'),
  function_signature_item: (node) => named(node, 'method'),
  struct_item: (node) => named(node, 'struct'),
  union_item: (node) => named(node, 'struct'),
  enum_item: (node) => named(node, 'enum'),
  trait_item: (node) => named(node, 'trait'),
  mod_item: (node) => named(node, 'module'),
  const_item: (node) => named(node, 'constant'),
  static_item: (node) => named(node, 'constant'),
  type_item: (node) => named(node, 'type'),
  macro_definition: (node) => named(node, 'macro'),
  enum_variant: (node) => named(node, 'enumMember'),
  field_declaration: (node) => named(node, 'field'),
  impl_item: (node) => {
    const type = field(node, 'type');
    if (!type) return undefined;
    const trait = field(node, 'trait');
    // rust-analyzer's outline names impl blocks `impl Trait for Type` / `impl Type`.
    const name = trait ? `impl ${oneLine(trait.text)} for ${oneLine(type.text)}` : `impl ${oneLine(type.text)}`;
    return { name, kind: 'impl', rangeNode: node, nameNode: type };
  },
};

const HANDLERS: Record<Grammar, Record<string, Handler>> = {
  typescript: JS_HANDLERS,
  tsx: JS_HANDLERS,
  javascript: JS_HANDLERS,
  python: PY_HANDLERS,
  go: GO_HANDLERS,
  java: JAVA_HANDLERS,
  'c-sharp': CS_HANDLERS,
  rust: RUST_HANDLERS,
};
