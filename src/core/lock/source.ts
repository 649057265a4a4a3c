// The one seam between the lock and the rest of the core: what the lock needs to know about the workspace
// (items, tags per file, a file's text and symbols). Built today over the graph, the index and a SymbolFinder;
// switchable to the shared code model when it lands without touching the lock's logic.
import type { WorkspaceHost } from '../host';
import type { CodeModel } from '../model/codeModel';
import type { SymbolFinder } from '../symbols/symbolFinder';
import type { IntentGraph, SymbolNode, Tag } from '../types';

export interface LockFile {
  readonly text: string;
  /** Declarations of the file, undefined for a language without a symbol finder (tags bind to the file). */
  readonly symbols: readonly SymbolNode[] | undefined;
}

export interface LockSource {
  readonly graph: IntentGraph;
  /** Code files (manifests excluded) and their tags, in any order. */
  taggedFiles(): Iterable<readonly [string, readonly Tag[]]>;
  /** A file's text (undefined when unreadable). */
  text(file: string): Promise<string | undefined>;
  /** A file's text and symbols (undefined when unreadable). */
  file(file: string): Promise<LockFile | undefined>;
  /**
   * Optional: a value that changes whenever the file's content does (the index's scan of the file, one object per
   * rescan). With it, a file's links are computed once per version and graph (the editor re-evaluates after every edit).
   */
  version?(file: string): unknown;
  /**
   * Optional: the symbols needed to attribute `lines` of `text` (a parse of the window around them). With it and a
   * LinkCache, an edit inside one linked function re-binds only that function's links.
   */
  windowSymbols?(file: string, text: string, lines: readonly number[]): Promise<readonly SymbolNode[] | undefined>;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** A LockSource over the code model's scans and a host (CLI: the NodeHost; editor: its host, open buffers first). */
export function indexLockSource(
  graph: IntentGraph,
  model: Pick<CodeModel, 'entries' | 'entry'>,
  host: WorkspaceHost,
  symbols: (file: string, text: string) => Promise<readonly SymbolNode[] | undefined>,
  options: { versioned?: boolean; windowSymbols?: LockSource['windowSymbols'] } = {},
): LockSource {
  const texts = new Map<string, Promise<string | undefined>>();
  const text = (file: string): Promise<string | undefined> => {
    let hit = texts.get(file);
    if (!hit) texts.set(file, (hit = host.read(file).then((b) => (b === undefined ? undefined : decoder.decode(b)))));
    return hit;
  };
  return {
    graph,
    ...(options.versioned ? { version: (file: string) => model.entry(file) } : {}),
    ...(options.windowSymbols ? { windowSymbols: options.windowSymbols } : {}),
    *taggedFiles() {
      // Code files only (the model's rule: manifests and other non-code files hold no links).
      for (const [file, entry] of model.entries()) {
        if (entry.tags.length > 0) yield [file, entry.tags] as const;
      }
    },
    text,
    async file(file) {
      const t = await text(file);
      if (t === undefined) return undefined;
      return { text: t, symbols: await symbols(file, t) };
    },
  };
}

/** Symbols through a SymbolFinder, for the CLI. */
export function finderSymbols(finder: SymbolFinder): (file: string, text: string) => Promise<readonly SymbolNode[] | undefined> {
  return (file, text) => finder.symbols(text, file);
}
