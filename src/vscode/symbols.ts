// Symbols for tag attribution in the editor: VS Code's document symbol providers first, the project's own
// tree-sitter finder where no provider answers (Python without the Python extension, for one).
import * as vscode from 'vscode';
import type { SymbolFinder } from '../core/symbols/symbolFinder';
import type { Range, SymbolNode } from '../core/types';

export function toCoreRange(range: vscode.Range): Range {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function kindName(kind: vscode.SymbolKind): string {
  return (vscode.SymbolKind[kind] ?? 'symbol').toLowerCase();
}

function fromDocumentSymbol(s: vscode.DocumentSymbol): SymbolNode {
  return {
    name: s.name,
    kind: kindName(s.kind),
    range: toCoreRange(s.range),
    selectionRange: toCoreRange(s.selectionRange),
    children: s.children.map(fromDocumentSymbol),
  };
}

/** Builds a tree from flat SymbolInformation (older providers) by range containment. */
function fromSymbolInformation(list: vscode.SymbolInformation[]): SymbolNode[] {
  const sorted = [...list].sort((a, b) => a.location.range.start.compareTo(b.location.range.start) || b.location.range.end.compareTo(a.location.range.end));
  const roots: { node: SymbolNode & { children: SymbolNode[] }; range: vscode.Range }[] = [];
  const stack: typeof roots = [];
  for (const info of sorted) {
    const entry = { node: { name: info.name, kind: kindName(info.kind), range: toCoreRange(info.location.range), selectionRange: toCoreRange(info.location.range), children: [] as SymbolNode[] }, range: info.location.range };
    while (stack.length && !stack[stack.length - 1].range.contains(info.location.range)) stack.pop();
    if (stack.length) stack[stack.length - 1].node.children.push(entry.node);
    else roots.push(entry);
    stack.push(entry);
  }
  return roots.map((r) => r.node);
}

export class EditorSymbols {
  private readonly cache = new Map<string, { version: number; symbols: Promise<SymbolNode[] | undefined> }>();

  constructor(private readonly fallback: SymbolFinder) {}

  /** The document's symbols, cached per version. Empty provider answers fall back to tree-sitter. */
  symbols(document: vscode.TextDocument, relativePath: string): Promise<SymbolNode[] | undefined> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.symbols;
    const symbols = this.compute(document, relativePath);
    this.cache.set(key, { version: document.version, symbols });
    if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value as string);
    return symbols;
  }

  private async compute(document: vscode.TextDocument, relativePath: string): Promise<SymbolNode[] | undefined> {
    try {
      const result = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
      );
      if (result && result.length > 0) {
        return 'children' in result[0] ? (result as vscode.DocumentSymbol[]).map(fromDocumentSymbol) : fromSymbolInformation(result as vscode.SymbolInformation[]);
      }
    } catch {
      // A failing provider is not ours to report: fall back to our own finder.
    }
    return this.fallback.symbols(document.getText(), relativePath);
  }

  /** Symbols of a file that is not open in the editor (no document provider to ask): the fallback finder's. */
  fallbackSymbols(text: string, relativePath: string): Promise<SymbolNode[] | undefined> {
    return this.fallback.symbols(text, relativePath);
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}
