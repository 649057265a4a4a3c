// One session per workspace folder: its index and manifest graph, kept current from file events and unsaved
// edits in one debounced batch, firing one change event per batch. Providers and views only read from it.
// Open files come first: until the full index is built, an open document is scanned on its own and the
// manifests are found by a quick search, so its lenses, hovers and diagnostics do not wait for the index.
import * as vscode from 'vscode';
import { sortFindings, tagFindings } from '../core/analysis/codeFindings';
import type { EffectiveIntent } from '../core/analysis/effectiveIntent';
import { pushAll } from '../core/arrays';
import { buildGraph } from '../core/manifest/buildGraph';
import { WorkspaceIndex, type WorkspaceIndexOptions } from '../core/index/workspaceIndex';
import { BindingCache, type FileDocument } from '../core/model/binding';
import { CodeModel, type ModelIndex } from '../core/model/codeModel';
import { isManifestPath, loadGraph, MANIFEST_NAME } from '../core/project';
import { scanTags } from '../core/tags/tagScanner';
import type { Finding, IntentGraph, TagScan } from '../core/types';
import { indexOptionsChanged, type Settings } from './settings';
import { EditorSymbols } from './symbols';
import { VscodeWorkspaceHost } from './workspaceHost';

export interface SessionChange {
  readonly session: FolderSession;
  readonly files: readonly string[];
  readonly graphChanged: boolean;
}

/** Test-only knobs (the integration suite slows the full index to see open files come first). */
export interface SessionHooks {
  indexDelayMs?: number;
}

function indexOptions(settings: Settings): WorkspaceIndexOptions {
  return { maxFileSize: settings['index.maxFileSize'], markers: settings['debt.markers'], exclude: settings['index.exclude'] };
}

/** Paths the file watcher never queues: git's own files and installed dependencies. */
/** A batch is flushed at the latest this long after its first event, however busy the stream. */
const MAX_BATCH_DELAY_MS = 1000;

export function watched(path: string): boolean {
  return !path.startsWith('.git/') && !path.includes('/node_modules/') && !path.startsWith('node_modules/');
}

export class FolderSession implements vscode.Disposable {
  readonly host: VscodeWorkspaceHost;
  private indexValue: WorkspaceIndex;
  private settingsValue: Settings;
  private graphValue: IntentGraph = buildGraph([]);
  private modelValue: CodeModel | undefined;
  /** Tag bindings per file version, kept across the models of this folder. */
  private readonly bindings = new BindingCache();
  /** True once the first full index is in; before, open documents are scanned on their own. */
  private built = false;
  /** Before the index: true once every manifest is loaded (until then an unknown ID may be declared elsewhere). */
  private manifestsComplete = false;
  private builds = 0;
  /** The settings rebuild in progress, and whether another one is queued. */
  private rebuilding: { isCancellationRequested: boolean } | undefined;
  private rebuildQueued = false;
  private readonly earlyScans = new Map<string, { version: number; scan: TagScan }>();
  /** IL040–IL043 from the folder's intent.lock (LockStates evaluates it after each change). */
  private lockFindings: readonly Finding[] = [];
  /** Last text of each manifest that parsed, so a syntax error keeps the last good items working. */
  private readonly lastGood = new Map<string, string>();
  /** Queued paths: true when the file was deleted, false when created or changed. */
  private readonly pending = new Map<string, boolean>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest queued event of the current batch came. */
  private pendingSince = 0;
  private flushing: Promise<void> = Promise.resolve();
  private disposed = false;
  /** Timers of the test hook's delay. */
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<SessionChange>();
  readonly onDidChange = this.emitter.event;
  readonly ready: Promise<void>;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly symbolsSource: EditorSymbols,
    settings: Settings,
    private readonly log: vscode.LogOutputChannel,
    hooks: SessionHooks = {},
    private readonly debounceMs = 150,
  ) {
    this.host = new VscodeWorkspaceHost(folder.uri);
    this.settingsValue = settings;
    this.indexValue = new WorkspaceIndex(this.host, indexOptions(settings));
    void this.loadEarlyGraph();
    this.ready = this.initialBuild(hooks.indexDelayMs ?? 0);
  }

  get graph(): IntentGraph {
    return this.graphValue;
  }

  get index(): WorkspaceIndex {
    return this.indexValue;
  }

  /** Full index builds so far (the first, Refresh, settings changes). */
  get indexBuilds(): number {
    return this.builds;
  }

  /** True once the first full index is built. */
  get indexed(): boolean {
    return this.built;
  }

  /**
   * Before the index: first the manifests at the root and above each open file (a few reads), then every
   * manifest from a quick walk off this thread, so open files get their intent while the index builds.
   */
  private async loadEarlyGraph(): Promise<void> {
    const started = Date.now();
    const still = () => !this.built && !this.disposed;
    try {
      const candidates = new Set([MANIFEST_NAME]);
      for (const path of this.openPaths()) {
        const parts = path.split('/');
        for (let i = parts.length - 1; i > 0; i--) candidates.add([...parts.slice(0, i), MANIFEST_NAME].join('/'));
      }
      const present: string[] = [];
      for (const path of candidates) if ((await this.host.size(path)) !== undefined) present.push(path);
      // Each graph is assigned only if the full index has not come in meanwhile (its graph wins).
      if (present.length > 0) {
        const near = await loadGraph(this.host, present, this.lastGood);
        if (!still()) return;
        this.graphValue = near;
        this.emitter.fire({ session: this, files: [], graphChanged: true });
      }
      const paths = await this.host.findNamed(MANIFEST_NAME, { exclude: this.settingsValue['index.exclude'] });
      const all = await loadGraph(this.host, paths, this.lastGood);
      if (!still()) return;
      this.graphValue = all;
      this.manifestsComplete = true;
      this.modelValue = undefined;
      this.log.info(`${this.folder.name}: ${paths.length} manifest(s) loaded in ${Date.now() - started} ms, before the full index`);
      this.emitter.fire({ session: this, files: [], graphChanged: true });
    } catch (error) {
      this.log.warn(`${this.folder.name}: could not look for manifests before indexing: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async initialBuild(delayMs: number): Promise<void> {
    const started = Date.now();
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Intent Lens: indexing {0}…', this.folder.name) },
        async () => {
          if (delayMs > 0) await new Promise<void>((resolve) => this.disposables.push(new vscode.Disposable(clearTimeout.bind(undefined, setTimeout(resolve, delayMs))), { dispose: resolve }));
          if (this.disposed) return;
          await this.indexValue.build();
          this.builds++;
          await this.reloadGraph();
        },
      );
    } catch (error) {
      this.log.error(`${this.folder.name}: indexing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    this.built = true;
    this.earlyScans.clear();
    this.modelValue = undefined;
    if (this.disposed) return;
    this.logIndexed(started);
    this.emitter.fire({ session: this, files: this.indexValue.files(), graphChanged: true });
  }

  private logIndexed(started: number): void {
    const skipped = Object.entries(this.indexValue.skipped()).filter(([reason, n]) => n > 0 && reason !== 'unsupported');
    this.log.info(
      `indexed ${this.folder.name}: ${this.indexValue.files().length} files in ${Date.now() - started} ms` +
        (skipped.length ? `; not scanned for tags: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')}` : ''),
    );
  }

  /** Rebuilds the whole index and graph (the Refresh command). */
  async rebuild(): Promise<void> {
    await this.settled();
    await this.indexValue.build();
    this.builds++;
    await this.reloadGraph();
    this.modelValue = undefined;
    this.emitter.fire({ session: this, files: this.indexValue.files(), graphChanged: true });
  }

  /**
   * New settings for this folder: when an index option changed, one rebuild with the new options (the old
   * index keeps answering until the new one is complete). Returns true when a rebuild was queued.
   */
  applySettings(settings: Settings, listingChanged = false): boolean {
    const previous = this.settingsValue;
    this.settingsValue = settings;
    if (!listingChanged && !indexOptionsChanged(previous, settings)) return false;
    // A rebuild still running with the old options stops; at most one more is queued, and it reads the latest.
    if (this.rebuilding) this.rebuilding.isCancellationRequested = true;
    if (!this.rebuildQueued) {
      this.rebuildQueued = true;
      this.flushing = this.flushing.then(() => this.replaceIndex());
    }
    return true;
  }

  private async replaceIndex(): Promise<void> {
    this.rebuildQueued = false;
    await this.ready;
    if (this.disposed) return;
    const started = Date.now();
    const token: { isCancellationRequested: boolean } = { isCancellationRequested: false };
    this.rebuilding = token;
    const next = new WorkspaceIndex(this.host, indexOptions(this.settingsValue));
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Intent Lens: indexing {0}…', this.folder.name) },
        () => next.build(token),
      );
    } catch (error) {
      this.log.error(`${this.folder.name}: re-indexing after a settings change failed: ${error instanceof Error ? error.message : String(error)}`);
      token.isCancellationRequested = true;
    } finally {
      if (this.rebuilding === token) this.rebuilding = undefined;
    }
    // A cancelled or unused index holds no resource of its own (the host's worker threads are shared).
    if (this.disposed || token.isCancellationRequested) return;
    const previous = this.indexValue;
    this.indexValue = next;
    this.builds++;
    await this.reloadGraph();
    this.logIndexed(started);
    this.emitter.fire({ session: this, files: [...new Set([...previous.files(), ...next.files()])], graphChanged: true });
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
    // A steady stream of events (a checkout, a generated tree) must not postpone the flush forever.
    if (this.timer && Date.now() - this.pendingSince < MAX_BATCH_DELAY_MS) clearTimeout(this.timer);
    else if (this.timer) return;
    else this.pendingSince = Date.now();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, this.debounceMs);
  }

  /** A document was opened or edited: before the index is built, its own scan is shown at once. */
  documentChanged(path: string): void {
    if (this.built) return;
    this.modelValue = undefined;
    this.emitter.fire({ session: this, files: [path], graphChanged: false });
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
    if (files.length === 0 || this.disposed) return;
    try {
      await this.indexValue.apply({ changed: files.filter((f) => !deleted.includes(f)), deleted });
      const graphChanged = files.some(isManifestPath);
      if (graphChanged) await this.reloadGraph();
      this.modelValue = undefined;
      this.emitter.fire({ session: this, files, graphChanged });
    } catch (error) {
      this.log.error(`${this.folder.name}: rescan of ${files.length} file(s) (${files.slice(0, 3).join(', ')}…) failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  private async reloadGraph(): Promise<void> {
    this.graphValue = await loadGraph(this.host, this.indexValue.filesNamed(MANIFEST_NAME), this.lastGood);
    this.modelValue = undefined;
  }

  /**
   * The folder's code model, built as a whole once per change batch (bindings of untouched files are reused).
   * Every provider and view reads it; documents come from the editor (open buffer, document symbols). Before
   * the full index is in, it is the model of the open documents (their own scans) with the manifests found so far.
   */
  get model(): CodeModel {
    return (this.modelValue ??= new CodeModel(this.graphValue, this.built ? this.indexValue : this.openDocumentsIndex(), {
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

  private openPaths(): string[] {
    const out: string[] = [];
    for (const d of vscode.workspace.textDocuments) {
      const path = d.isClosed ? undefined : this.relativePath(d.uri);
      if (path !== undefined) out.push(path);
    }
    return out;
  }

  /** Before the index: the open documents as the model's index, each scanned on its own (cached per version). */
  private openDocumentsIndex(): ModelIndex {
    const entries = new Map<string, TagScan>();
    for (const document of vscode.workspace.textDocuments) {
      const path = document.isClosed ? undefined : this.relativePath(document.uri);
      if (path === undefined || isManifestPath(path)) continue;
      let hit = this.earlyScans.get(path);
      if (!hit || hit.version !== document.version) {
        hit = { version: document.version, scan: scanTags(document.getText(), path, { markers: this.settingsValue['debt.markers'] }) };
        this.earlyScans.set(path, hit);
      }
      entries.set(path, hit.scan);
    }
    const files = [...entries.keys()].sort();
    return { files: () => files, allEntries: () => entries };
  }

  /** Every finding of the folder (manifests and code), computed once per change. */
  findings(): readonly Finding[] {
    const base = this.built ? this.model.findings() : this.earlyFindings();
    return this.lockFindings.length ? sortFindings([...base, ...this.lockFindings]) : base;
  }

  /** Before the index: the manifests' own findings and the open documents' tags (nothing that needs the file list). */
  private earlyFindings(): readonly Finding[] {
    const early = [...this.graphValue.findings];
    if (this.manifestsComplete) for (const [path, scan] of this.model.entries()) pushAll(early, tagFindings(this.graphValue, path, scan));
    return sortFindings(early);
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
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.host.dispose();
    this.emitter.dispose();
  }
}
