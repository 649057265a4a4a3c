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
import type { Position, SymbolNode } from '../core/types';
import { GRAMMAR_BY_EXTENSION, type Grammar } from './symbolTables';
import { buildSymbols, declarationTypes, prunedCandidates, triggerOffsets, TRIGGERS, type LoadedGrammar } from './symbolExtraction';

export function grammarForPath(filePath: string): Grammar | undefined {
  return GRAMMAR_BY_EXTENSION[extname(filePath)];
}

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
          symbols ??= this.parse(loaded, grammar, text.slice(start, end), w.startLine, request.wholeOnError);
          if (!symbols) return undefined;
          for (const s of symbols) out.push(s);
        }
        return out;
      }
    }
    return this.parse(loaded, grammar, text);
  }

  /** Symbols of `text`, their lines shifted by `lineOffset` (a window's first line); undefined on a syntax error if asked. */
  private parse(loaded: LoadedGrammar, grammar: Grammar, text: string, lineOffset = 0, wholeOnError = false): SymbolNode[] | undefined {
    const tree = loaded.parser.parse(text);
    if (!tree) return [];
    try {
      const root = tree.rootNode;
      if (wholeOnError && root.hasError) return undefined;
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

