// The lock of each folder, evaluated against the session after every change: suspect and unreviewed links for
// the lens mark, the hover diff, the tree counts and the quick fix, and IL040–IL043 handed to the session's
// findings. Symbols come from tree-sitter (as in the CLI) so the editor and `intent-lens` write the same lock.
import * as vscode from 'vscode';
import { evaluateLock, indexLockSource, LinkCache, LOCK_NAME, readLock, type LinkStatus, type LockEvaluation, type ParsedLock } from '../../core/lock';
import { suspectSummary, type SuspectSummary } from '../../core/lock/summary';
import type { SymbolFinder } from '../../core/symbols/symbolFinder';
import type { SymbolNode } from '../../core/types';
import type { FolderSession } from '../session';
import type { SessionManager } from '../sessionManager';

export interface FolderLock {
  readonly lock: ParsedLock;
  readonly evaluation: LockEvaluation;
  readonly summary: SuspectSummary;
}

export class LockStates implements vscode.Disposable {
  private readonly states = new Map<FolderSession, FolderLock | undefined>();
  private readonly chains = new Map<FolderSession, Promise<void>>();
  private readonly symbolCache = new Map<string, { version: unknown; symbols: Promise<SymbolNode[] | undefined> }>();
  /**
   * Each folder's links per file version: an edit re-fingerprints only the links it touches (a windowed parse
   * around their tags), or the edited file when unsure.
   */
  private readonly linkCaches = new Map<FolderSession, LinkCache>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly sessions: SessionManager,
    private readonly finder: SymbolFinder,
    private readonly log: vscode.LogOutputChannel,
    /** Parses only the window around the requested lines, whatever the file's size: an edit re-binds one function. */
    private readonly windowFinder: SymbolFinder = finder,
  ) {
    // Events with no files are the lock's own (setLockFindings): nothing to re-evaluate.
    this.subscription = sessions.onDidChange((e) => {
      if (e.files.length > 0) this.schedule(e.session);
    });
    for (const session of sessions.all()) this.schedule(session);
  }

  get(session: FolderSession): FolderLock | undefined {
    return this.states.get(session);
  }

  /** Statuses of the links in one file. */
  statusesIn(session: FolderSession, file: string): LinkStatus[] {
    return this.get(session)?.evaluation.statuses.filter((s) => s.link.file === file) ?? [];
  }

  /** Resolves when every folder's lock is evaluated for the current state. */
  async settled(): Promise<void> {
    await this.sessions.settled();
    await Promise.all([...this.chains.values()]);
  }

  private schedule(session: FolderSession): void {
    const next = (this.chains.get(session) ?? Promise.resolve()).then(() => this.evaluate(session));
    this.chains.set(session, next);
  }

  private async evaluate(session: FolderSession): Promise<void> {
    try {
      await session.ready;
      const read = (await this.lockExists(session)) ? await readLock(session.host) : undefined;
      let state: FolderLock | undefined;
      if (read) {
        const source = indexLockSource(session.graph, session.model, session.host, (file, text) => this.symbols(session, file, text), {
          versioned: true,
          windowSymbols: (file, text, lines) => this.windowFinder.symbols(text, file, { lines, wholeOnError: true }),
        });
        let cache = this.linkCaches.get(session);
        if (!cache) this.linkCaches.set(session, (cache = new LinkCache()));
        const evaluation = await evaluateLock(source, read.lock, { cache });
        state = { lock: read.lock, evaluation, summary: suspectSummary(evaluation.statuses, session.graph) };
      }
      this.states.set(session, state);
      session.setLockFindings(state?.evaluation.findings ?? []);
    } catch (error) {
      this.log.error(`intent.lock evaluation failed in ${session.folder.name}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  /**
   * True when intent.lock is on disk or unsaved in an editor. A deleted lock's document can linger in VS Code
   * (closed editors keep their model for a while) and the host would still read its last text.
   */
  private async lockExists(session: FolderSession): Promise<boolean> {
    const uri = session.uri(LOCK_NAME);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) return true;
    try {
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch {
      return false; // no lock: adoption is opt-in
    }
  }

  /** Tree-sitter symbols, parsed again only when the file was rescanned (its scan is a new object). */
  private symbols(session: FolderSession, file: string, text: string): Promise<SymbolNode[] | undefined> {
    const key = `${session.folder.uri.toString()}\u0000${file}`;
    const version = session.scan(file);
    const hit = this.symbolCache.get(key);
    if (hit && hit.version === version) return hit.symbols;
    const symbols = this.finder.symbols(text, file);
    this.symbolCache.set(key, { version, symbols });
    return symbols;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
