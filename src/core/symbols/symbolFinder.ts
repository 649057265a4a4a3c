// The seam through which the core gets declarations: VS Code's document symbols in the editor,
// tree-sitter in the CLI. Both produce the same SymbolNode shape (types.ts).

import type { Position, SymbolNode } from '../types';

export interface SymbolRequest {
  /**
   * The 0-based lines the caller will attribute (its tag lines). A finder may then return only the
   * declarations that attribution of those lines needs instead of the whole tree; omitted = everything.
   */
  readonly lines?: readonly number[];
  /**
   * With `lines`: answer undefined rather than symbols from a partial parse that has a syntax error (error
   * recovery inside a window can differ from the whole file's); the caller then asks for the whole file.
   */
  readonly wholeOnError?: boolean;
}

export interface SymbolFinder {
  /**
   * The declarations of a file as a tree (outermost first, in source order), or undefined when the
   * language is not supported. Costly (a parse): call it only for files that contain tags.
   */
  symbols(text: string, path: string, request?: SymbolRequest): Promise<SymbolNode[] | undefined>;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Every symbol with its chain of ancestors (outermost→innermost, the symbol last), in pre-order. */
export function flattenSymbols(symbols: readonly SymbolNode[]): SymbolNode[][] {
  const out: SymbolNode[][] = [];
  const visit = (nodes: readonly SymbolNode[], chain: SymbolNode[]): void => {
    for (const s of nodes) {
      const path = [...chain, s];
      out.push(path);
      visit(s.children, path);
    }
  };
  visit(symbols, []);
  return out;
}
