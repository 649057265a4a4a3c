// One session per workspace folder: its index and manifest graph, kept current from file events and unsaved
// edits in one debounced batch, firing one change event per batch. Providers and views only read from it.
import * as vscode from 'vscode';
import { sortFindings } from '../core/analysis/codeFindings';
import type { EffectiveIntent } from '../core/analysis/effectiveIntent';
import { buildGraph } from '../core/manifest/buildGraph';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { BindingCache, type FileDocument } from '../core/model/binding';
import { CodeModel } from '../core/model/codeModel';
import { isManifestPath, loadGraph } from '../core/project';
import type { Finding, IntentGraph, TagScan } from '../core/types';
import type { Settings } from './settings';
import { EditorSymbols } from './symbols';
import { VscodeWorkspaceHost } from './workspaceHost';

export interface SessionChange {
  readonly session: FolderSession;
  readonly files: readonly string[];
  readonly graphChanged: boolean;
}

export class FolderSession implements vscode.Disposable {
  readonly host: VscodeWorkspaceHost;
  readonly index: WorkspaceIndex;
  private graphValue: IntentGraph = buildGraph([]);
  private modelValue: CodeModel | undefined;
  /** Tag bindings per file version, kept across the models of this folder. */
  private readonly bindings = new BindingCache();
  /** IL040–IL043 from the folder's intent.lock (LockStates evaluates it after each change). */
  private lockFindings: readonly Finding[] = [];
  /** Last text of each manifest that parsed, so a syntax error keeps the last good items working. */
  private readonly lastGood = new Map<string, string>();
  /** Queued paths: true when the file was deleted, false when created or changed. */
  private readonly pending = new Map<string, boolean>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly emitter = new vscode.EventEmitter<SessionChange>();
  readonly onDidChange = this.emitter.event;
  readonly ready: Promise<void>;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly symbolsSource: EditorSymbols,
    settings: Settings,
    private readonly log: vscode.LogOutputChannel,
    private readonly debounceMs = 150,
  ) {
    this.host = new VscodeWorkspaceHost(folder.uri);
    this.index = new WorkspaceIndex(this.host, { maxFileSize: settings['index.maxFileSize'], markers: settings['debt.markers'], exclude: settings['index.exclude'] });
    this.ready = this.initialBuild();
  }

  get graph(): IntentGraph {
    return this.graphValue;
  }

  private async initialBuild(): Promise<void> {
    const started = Date.now();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Intent Lens: indexing {0}…', this.folder.name) },
      async () => {
        await this.index.build();
        await this.reloadGraph();
      },
    );
    const skipped = Object.entries(this.index.skipped()).filter(([reason, n]) => n > 0 && reason !== 'unsupported');
    this.log.info(
      `indexed ${this.folder.name}: ${this.index.files().length} files in ${Date.now() - started} ms` +
        (skipped.length ? `; not scanned for tags: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')}` : ''),
    );
    this.emitter.fire({ session: this, files: this.index.files(), graphChanged: true });
  }

  /** Rebuilds the whole index and graph (the Refresh command). */
  async rebuild(): Promise<void> {
    await this.settled();
    await this.index.build();
    await this.reloadGraph();
    this.emitter.fire({ session: this, files: this.index.files(), graphChanged: true });
  }

  /** Root-relative path of a URI inside this folder, or undefined. */
  relativePath(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.folder.uri.scheme || uri.authority !== this.folder.uri.authority) return undefined;
    const base = this.folder.uri.path.replace(/\/$/, '');
    if (!uri.path.startsWith(base + '/')) return undefined;
    return decodeURIComponent(uri.path.slice(base.length + 1));
  }

  uri(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, path);
  }

  /** Queue files for one debounced rescan (file events and unsaved edits alike). */
  enqueue(files: Iterable<string>, deleted = false): void {
    for (const file of files) this.pending.set(file, deleted);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, this.debounceMs);
  }

  /** Resolves when queued work is done (tests and commands that need a current index). */
  async settled(): Promise<void> {
    await this.ready;
    while (this.timer || this.pending.size) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.flushing = this.flushing.then(() => this.flush());
      }
      await this.flushing;
    }
    await this.flushing;
  }

  private async flush(): Promise<void> {
    await this.ready;
    const files = [...this.pending.keys()];
    const deleted = files.filter((f) => this.pending.get(f));
    this.pending.clear();
    if (files.length === 0) return;
    try {
      await this.index.apply({ changed: files.filter((f) => !deleted.includes(f)), deleted });
      const graphChanged = files.some(isManifestPath);
      if (graphChanged) await this.reloadGraph();
      this.modelValue = undefined;
      this.emitter.fire({ session: this, files, graphChanged });
    } catch (error) {
      this.log.error(`rescan failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  private async reloadGraph(): Promise<void> {
    this.graphValue = await loadGraph(this.host, this.index.files(), this.lastGood);
    this.modelValue = undefined;
  }

  /**
   * The folder's code model, built as a whole once per change batch (bindings of untouched files are reused).
   * Every provider and view reads it; documents come from the editor (open buffer, document symbols).
   */
  get model(): CodeModel {
    return (this.modelValue ??= new CodeModel(this.graphValue, this.index, {
      documents: (file) => this.document(file),
      bindingCache: this.bindings,
      onError: (file, error) => this.log.warn(`cannot read ${file} to bind its tags: ${error instanceof Error ? error.message : String(error)}`),
    }));
  }

  /**
   * A file's text and symbols for the model: an open buffer with its document symbols (what the user sees), else
   * the file as the host reads it with the fallback finder — never opening documents the user did not open.
   */
  private async document(file: string): Promise<FileDocument | undefined> {
    const uri = this.uri(file).toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (open) return { text: open.getText(), symbols: await this.symbolsSource.symbols(open, file) };
    const bytes = await this.host.read(file);
    if (!bytes) return undefined;
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    return { text, symbols: await this.symbolsSource.fallbackSymbols(text, file) };
  }

  /** Every finding of the folder (manifests and code), computed once per change. */
  findings(): readonly Finding[] {
    const base = this.model.findings();
    return this.lockFindings.length ? sortFindings([...base, ...this.lockFindings]) : base;
  }

  /** Replaces the lock's findings; fires a change (with no files) when they differ. */
  setLockFindings(findings: readonly Finding[]): void {
    if (JSON.stringify(findings) === JSON.stringify(this.lockFindings)) return;
    this.lockFindings = findings;
    this.emitter.fire({ session: this, files: [], graphChanged: false });
  }

  /** A code file's tags and markers, from the model (manifests and other non-code files have none). */
  scan(path: string): TagScan | undefined {
    return this.model.entry(path);
  }

  /** Effective intent at a line (or the whole file) of an open document, from the model, with the buffer's text. */
  async effectiveAt(document: vscode.TextDocument, line?: number): Promise<EffectiveIntent | undefined> {
    const path = this.relativePath(document.uri);
    if (path === undefined) return undefined;
    const model = this.model;
    const symbols = model.entry(path)?.tags.length ? await this.symbolsSource.symbols(document, path) : undefined;
    return model.effectiveAt(path, line, { text: document.getText(), symbols });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
  }
}

/** Owns one FolderSession per workspace folder and routes file events and edits to the right one. */
export class SessionManager implements vscode.Disposable {
  private readonly sessions = new Map<string, FolderSession>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<SessionChange>();
  /** One event per batch of any folder. */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly settings: () => Settings,
    private readonly symbols: EditorSymbols,
    private readonly log: vscode.LogOutputChannel,
  ) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.open(folder);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const onFile = (uri: vscode.Uri) => this.route(uri);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onFile),
      watcher.onDidChange(onFile),
      watcher.onDidDelete((uri) => this.route(uri, true)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.route(e.document.uri);
      }),
      // Closing an unsaved buffer reverts to disk: rescan it.
      vscode.workspace.onDidCloseTextDocument((d) => this.route(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) this.close(f);
        for (const f of e.added) this.open(f);
      }),
    );
  }

  private open(folder: vscode.WorkspaceFolder): void {
    const session = new FolderSession(folder, this.symbols, this.settings(), this.log);
    this.sessions.set(folder.uri.toString(), session);
    session.onDidChange((e) => this.emitter.fire(e));
  }

  private close(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    this.sessions.get(key)?.dispose();
    this.sessions.delete(key);
  }

  private route(uri: vscode.Uri, deleted = false): void {
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return;
    const session = this.forUri(uri);
    const path = session?.relativePath(uri);
    if (session && path !== undefined && !path.startsWith('.git/') && !path.includes('/node_modules/') && !path.startsWith('node_modules/')) {
      session.enqueue([path], deleted);
    }
  }

  all(): FolderSession[] {
    return [...this.sessions.values()];
  }

  forUri(uri: vscode.Uri): FolderSession | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.sessions.get(folder.uri.toString()) : undefined;
  }

  async settled(): Promise<void> {
    await Promise.all(this.all().map((s) => s.settled()));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    this.emitter.dispose();
  }
}
