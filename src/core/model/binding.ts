// The one binding rule's inputs and cache: a file's tags are bound to symbols WITH the file's text (trailing
// comments, docstrings and code between a tag and a declaration change the answer), once per file version.
import type { WorkspaceHost } from '../host';
import type { SymbolFinder } from '../symbols/symbolFinder';
import { attributeTags, type AttributedTag } from '../tags/attribution';
import type { SymbolNode, TagScan } from '../types';

/** What binding needs of a file besides its tags: the text, and the declarations when the language has any. */
export interface FileDocument {
  readonly text: string;
  readonly symbols?: readonly SymbolNode[];
}

/**
 * Gives a file's document at the version the model was built from: the editor's open buffer and document
 * symbols, the CLI's file on disk and tree-sitter. `lines` are the 0-based lines the caller will look at (a
 * finder may parse only windows around them). Undefined when the file cannot be read.
 */
export type DocumentSource = (file: string, lines: readonly number[]) => Promise<FileDocument | undefined>;

/** Above this, a file is bound without symbols (every tag to the file), like an unsupported language. */
export const MAX_BOUND_FILE_BYTES = 4_000_000;

const BODY_KINDS = new Set(['function', 'method', 'constructor']);
const LOCAL_KINDS = new Set(['variable', 'constant']);
const pruned = new WeakMap<readonly SymbolNode[], readonly SymbolNode[]>();

/**
 * The declarations a tag can describe: the symbol tree without the local variables and constants of function
 * and method bodies. VS Code's TypeScript provider lists them, the CLI's finder does not; a tag inside a body
 * binds to the enclosing function in both, whatever the symbol source. Memoised per symbol array.
 */
export function declarations(symbols: readonly SymbolNode[] | undefined): readonly SymbolNode[] | undefined {
  if (!symbols) return undefined;
  let hit = pruned.get(symbols);
  if (!hit) {
    const prune = (nodes: readonly SymbolNode[], inBody: boolean): SymbolNode[] =>
      nodes
        .filter((n) => !(inBody && LOCAL_KINDS.has(n.kind)))
        .map((n) => {
          const children = prune(n.children, BODY_KINDS.has(n.kind));
          return children.length === n.children.length && children.every((c, i) => c === n.children[i]) ? n : { ...n, children };
        });
    pruned.set(symbols, (hit = prune(symbols, false)));
  }
  return hit;
}

/** A document with its symbols reduced to `declarations`: what binding and the enclosing-symbol chain read. */
export function asDeclared(document: FileDocument | undefined): FileDocument | undefined {
  if (!document?.symbols) return document;
  const symbols = declarations(document.symbols);
  return symbols === document.symbols ? document : { text: document.text, symbols };
}

/** Binds a scan's tags with its document (the one rule; `attributeTags` documents the cases). */
export function bindTags(scan: TagScan, document: FileDocument | undefined): AttributedTag[] {
  return attributeTags(scan.tags, declarations(document?.symbols) as SymbolNode[] | undefined, document?.text);
}

/**
 * Bindings remembered per scan (a scan is one version of a file) and document: a model rebuilt after a change
 * batch reuses the bindings of every file the batch did not touch.
 */
export class BindingCache {
  private readonly byScan = new WeakMap<TagScan, { document: FileDocument | undefined; text?: string; bound: AttributedTag[] }>();

  bind(scan: TagScan, document: FileDocument | undefined): AttributedTag[] {
    const hit = this.byScan.get(scan);
    if (hit && declarations(hit.document?.symbols) === declarations(document?.symbols) && hit.text === document?.text) return hit.bound;
    const bound = bindTags(scan, document);
    this.byScan.set(scan, { document, text: document?.text, bound });
    return bound;
  }
}

/** Documents read through a host and a symbol finder (the CLI, the review's sides, the tests), each read once. */
export function hostDocuments(host: WorkspaceHost, finder: SymbolFinder | undefined): DocumentSource {
  const cache = new Map<string, Promise<FileDocument | undefined>>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return (file, lines) => {
    let hit = cache.get(file);
    if (!hit) {
      hit = (async (): Promise<FileDocument | undefined> => {
        const bytes = await host.read(file);
        if (!bytes) return undefined;
        const text = decoder.decode(bytes);
        if (!finder || bytes.length > MAX_BOUND_FILE_BYTES) return { text };
        return { text, symbols: await finder.symbols(text, file, { lines }) };
      })();
      cache.set(file, hit);
    }
    return hit;
  };
}
