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

/** How long a language server may take before the tree-sitter answer is used (it refines it later). */
const PROVIDER_GRACE_MS = 150;
/** Retries of a provider that answered nothing yet (a language server still starting), after these delays. */
const PROVIDER_RETRIES_MS = [1000, 3000, 8000];

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Cached {
  readonly version: number;
  symbols: Promise<SymbolNode[] | undefined>;
}

export class EditorSymbols implements vscode.Disposable {
  private readonly cache = new Map<string, Cached>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** A document's symbols were refined by its language server after the tree-sitter answer was given. */
  readonly onDidRefine = this.emitter.event;

  constructor(
    private readonly fallback: SymbolFinder,
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  /**
   * The document's symbols, cached per version: the language server's when it answers at once, else the
   * tree-sitter finder's at once, replaced by the language server's when they arrive (onDidRefine fires).
   */
  symbols(document: vscode.TextDocument, relativePath: string): Promise<SymbolNode[] | undefined> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.symbols;
    const entry: Cached = { version: document.version, symbols: Promise.resolve(undefined) };
    const provided = this.fromProvider(document, entry);
    // Both at once: the language server's answer if it comes within the grace period, else tree-sitter's.
    const ours = this.fallback.symbols(document.getText(), relativePath).catch((error: unknown) => {
      this.log?.error(`tree-sitter symbols of ${relativePath} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    entry.symbols = Promise.race([provided, delay(PROVIDER_GRACE_MS).then(() => undefined)]).then((early) => {
      if (early) return early;
      void provided.then((late) => {
        if (late && this.cache.get(key) === entry) {
          entry.symbols = Promise.resolve(late);
          this.emitter.fire(document.uri);
        }
      });
      return ours;
    });
    this.cache.set(key, entry);
    if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value as string);
    return entry.symbols;
  }

  /** The provider's symbols, asked again a few times while it answers nothing and the entry is current. */
  private async fromProvider(document: vscode.TextDocument, entry: Cached): Promise<SymbolNode[] | undefined> {
    const key = document.uri.toString();
    for (let attempt = 0; attempt <= PROVIDER_RETRIES_MS.length; attempt++) {
      if (attempt > 0) {
        await delay(PROVIDER_RETRIES_MS[attempt - 1]);
        if (this.cache.get(key) !== entry || document.isClosed) return undefined;
      }
      try {
        const result = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
          'vscode.executeDocumentSymbolProvider',
          document.uri,
        );
        if (result && result.length > 0) {
          return 'children' in result[0] ? (result as vscode.DocumentSymbol[]).map(fromDocumentSymbol) : fromSymbolInformation(result as vscode.SymbolInformation[]);
        }
      } catch (error) {
        // Another extension's provider failed: ours answers instead; noted for whoever debugs symbols.
        this.log?.debug(`document symbols of ${document.uri.fsPath} failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }
    return undefined;
  }

  /** Symbols of a file that is not open in the editor (no document provider to ask): the fallback finder's. */
  fallbackSymbols(text: string, relativePath: string): Promise<SymbolNode[] | undefined> {
    return this.fallback.symbols(text, relativePath);
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  dispose(): void {
    this.cache.clear();
    this.emitter.dispose();
  }
}
