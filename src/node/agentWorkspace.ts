// The agent tools' workspace on disk (for `intent-lens mcp`): a NodeHost index and manifest graph kept current
// by watching the indexed folders, tree-sitter symbols, and reviews through the safe git path in git.ts. A manifest
// that stops parsing keeps its last good items (loadGraph's rule), so a long agent session never loses them.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { AgentIndex, AgentWorkspace, ChangeReview } from '../core/agent/workspace';
import { AgentToolError } from '../core/agent/workspace';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { evaluateLock, finderSymbols, indexLockSource, readLock } from '../core/lock';
import { suspectLinksOf } from '../core/lock/summary';
import { hostDocuments } from '../core/model/binding';
import { MANIFEST_NAME } from '../core/model/codeFile';
import { CodeModel } from '../core/model/codeModel';
import { isManifestPath, loadGraph } from '../core/project';
import { dirname } from '../core/paths';
import type { IntentGraph, SymbolNode } from '../core/types';
import { FolderWatcher } from './folderWatcher';
import { GitError } from './git';
import { NodeHost } from './nodeHost';
import { TreeSitterSymbolFinder } from './treeSitterSymbols';
import { reviewWorkingTree } from './workingTreeReview';

export interface NodeAgentWorkspaceOptions {
  /** Watch the folder and re-index changed files (default true). */
  readonly watch?: boolean;
  /** Where watcher and reload problems go (the MCP server's stderr). */
  readonly log?: (line: string) => void;
  readonly debounceMs?: number;
}

export class NodeAgentWorkspace implements AgentWorkspace {
  private graphValue!: IntentGraph;
  private readonly lastGood = new Map<string, string>();
  private readonly finder = new TreeSitterSymbolFinder();
  private watcher: FolderWatcher | undefined;
  /** File events waiting for the quiet period: path → deleted. */
  private readonly pending = new Map<string, boolean>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private modelValue: CodeModel | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  private constructor(
    readonly root: string,
    private readonly host: NodeHost,
    private readonly workspaceIndex: WorkspaceIndex,
    private readonly options: NodeAgentWorkspaceOptions,
  ) {
  }

  static async open(root: string, options: NodeAgentWorkspaceOptions = {}): Promise<NodeAgentWorkspace> {
    const host = new NodeHost(root);
    const index = new WorkspaceIndex(host);
    await index.build();
    const ws = new NodeAgentWorkspace(nodePath.resolve(root), host, index, options);
    ws.graphValue = await loadGraph(host, index.filesNamed(MANIFEST_NAME), ws.lastGood);
    ws.startWatching();
    return ws;
  }

  get graph(): IntentGraph {
    return this.graphValue;
  }

  get index(): AgentIndex {
    return this.workspaceIndex;
  }

  async read(file: string): Promise<string | undefined> {
    const bytes = await this.host.read(file);
    return bytes ? this.decoder.decode(bytes) : undefined;
  }

  /** The code model of the current snapshot, rebuilt after each applied batch of file events. */
  get model(): CodeModel {
    return (this.modelValue ??= new CodeModel(this.graphValue, this.workspaceIndex, { documents: hostDocuments(this.host, this.finder) }));
  }

  async symbols(file: string, text: string, lines: readonly number[]): Promise<readonly SymbolNode[] | undefined> {
    return this.finder.symbols(text, file, { lines });
  }

  /** The item's suspect and unreviewed links against intent.lock, as `check` sees them; undefined without a lock. */
  async suspectLinks(id: string): Promise<ReturnType<typeof suspectLinksOf> | undefined> {
    const read = await readLock(this.host);
    if (!read) return undefined;
    const source = indexLockSource(this.graphValue, this.model, this.host, finderSymbols(this.finder));
    return suspectLinksOf((await evaluateLock(source, read.lock, { fast: true })).statuses, id, this.graphValue);
  }

  async review(base: string | undefined): Promise<ChangeReview> {
    const head = { graph: this.graph, index: this.workspaceIndex, model: this.model };
    try {
      const { review, base: resolved } = await reviewWorkingTree(this.root, { base, finder: this.finder, head, disk: this.host });
      return { review, base: { ref: resolved.ref, sha: resolved.sha } };
    } catch (error) {
      if (error instanceof GitError) throw new AgentToolError(error.message);
      throw error;
    }
  }

  /** Resolves once every file event seen so far is applied. */
  async settled(): Promise<void> {
    this.flush();
    await this.flushing;
  }

  private startWatching(): void {
    if (this.options.watch === false) return;
    this.watcher = new FolderWatcher(this.root, {
      changed: (path, deleted) => {
        this.pending.set(path, deleted);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.flush(), this.options.debounceMs ?? 100);
      },
      problem: (message) => this.options.log?.(`intent-lens mcp: ${message}`),
    });
    // Folders of indexed files only: .gitignore'd trees (node_modules, build output) are never watched.
    void this.watcher.watchAll(new Set(this.workspaceIndex.files().map(dirname)));
  }

  /** Applies the waiting file events now, as one batch. */
  private flush(): void {
    clearTimeout(this.timer);
    if (this.pending.size === 0) return;
    const batch = { changed: [...this.pending].filter(([, d]) => !d).map(([f]) => f), deleted: [...this.pending].filter(([, d]) => d).map(([f]) => f) };
    this.pending.clear();
    void this.apply(batch);
  }

  private apply(batch: { readonly changed: readonly string[]; readonly deleted: readonly string[] }): Promise<void> {
    const run = async () => {
      const changed = batch.changed.filter((f) => isFile(nodePath.join(this.root, f)));
      // A deleted folder takes its indexed files with it.
      const gone = new Set(batch.deleted);
      const deleted = batch.deleted.some((d) => !this.workspaceIndex.has(d))
        ? [...batch.deleted, ...this.workspaceIndex.files().filter((f) => [...gone].some((d) => f.startsWith(d + '/')))]
        : batch.deleted;
      await this.workspaceIndex.apply({ changed, deleted });
      this.modelValue = undefined;
      if ([...changed, ...deleted].some(isManifestPath)) {
        this.graphValue = await loadGraph(this.host, this.workspaceIndex.filesNamed(MANIFEST_NAME), this.lastGood);
        this.modelValue = undefined;
        const broken = this.graphValue.findings.filter((f) => f.code === 'IL001');
        for (const f of broken) this.options.log?.(`intent-lens mcp: ${f.file}:${f.range.start.line + 1}: ${f.message} (keeping its last good items)`);
      }
    };
    this.flushing = this.flushing.then(run).catch((error: unknown) => this.options.log?.(`intent-lens mcp: re-indexing failed: ${error instanceof Error ? error.message : String(error)}`));
    return this.flushing;
  }

  dispose(): void {
    this.watcher?.dispose();
    clearTimeout(this.timer);
    this.pending.clear();
    this.finder.dispose();
    this.host.dispose();
  }
}

function isFile(path: string): boolean {
  try {
    return fs.statSync(path).isFile();
  } catch {
    return false; // gone between the event and now: the next event deletes it
  }
}
