// WorkspaceHost over a folder on disk for the CLI and the benchmark: git-style ignore rules, bounded reads,
// and a ScanExecutor that classifies files in worker threads so a full index runs near ripgrep's speed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Disposable, ListOptions, WorkspaceHost } from '../core/host';
import { normalizeRelative } from '../core/paths';
import type { FileScanOptions, FileScanOutcome } from '../core/index/fileScan';
import type { ScanExecutor } from '../core/index/scanExecutor';
import { CLEAN, scanPathsSync, type ScanReply, type ScanRequest } from './scanWorker';
import { newWalkStats, walkFiles, type WalkStats } from './walker';

export interface NodeHostOptions {
  /**
   * Worker threads for scanFiles: 0 scans in the calling thread (blocking it). Default: the CPU count capped
   * at 4, or 0 when no worker script can be found (e.g. a bundle built without it).
   */
  readonly workers?: number;
  /** Read .gitignore files and .git/info/exclude (default true). */
  readonly useGitignore?: boolean;
}

/** Where the worker entry lives: next to this module when bundled, or the .ts source under tsx. */
function workerScript(): { file: string; execArgv?: string[] } | undefined {
  const here = __filename;
  if (here.endsWith('.ts')) {
    const ts = nodePath.join(__dirname, 'scanWorker.ts');
    return fs.existsSync(ts) ? { file: ts, execArgv: ['--require', 'tsx/cjs'] } : undefined;
  }
  const js = nodePath.join(__dirname, 'scanWorker.js');
  return fs.existsSync(js) ? { file: js } : undefined;
}

/** Batches smaller than this are scanned in the calling thread. */
const IN_THREAD_MAX = 16;

interface Pending {
  resolve(results: readonly [number, FileScanOutcome][] | undefined): void;
  size: number;
}

class WorkerPool implements Disposable {
  private readonly workers: { worker: Worker; load: number; pending: Map<number, Pending> }[] = [];
  private nextId = 1;

  constructor(count: number, script: { file: string; execArgv?: string[] }) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script.file, { workerData: { intentLensScanWorker: true }, execArgv: script.execArgv });
      const slot = { worker, load: 0, pending: new Map<number, Pending>() };
      worker.on('message', (reply: ScanReply) => {
        const p = slot.pending.get(reply.id);
        if (!p) return;
        slot.pending.delete(reply.id);
        slot.load -= p.size;
        p.resolve(reply.results);
        if (slot.pending.size === 0) worker.unref();
      });
      worker.on('error', () => this.fail(slot));
      worker.on('exit', () => this.fail(slot));
      worker.unref();
      this.workers.push(slot);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Resolves with the sparse results, or undefined when the worker died (the caller rescans in-thread). */
  run(root: string, paths: readonly string[], options: FileScanOptions): Promise<readonly [number, FileScanOutcome][] | undefined> {
    const live = this.workers.filter((w) => w.load >= 0);
    if (live.length === 0) return Promise.resolve(undefined);
    let slot = live[0];
    for (const w of live) if (w.load < slot.load) slot = w;
    const id = this.nextId++;
    return new Promise((resolve) => {
      slot.pending.set(id, { resolve, size: paths.length });
      slot.load += paths.length;
      slot.worker.ref();
      slot.worker.postMessage({ id, root, paths, options } satisfies ScanRequest);
    });
  }

  private fail(slot: { load: number; pending: Map<number, Pending> }): void {
    slot.load = -1;
    for (const p of slot.pending.values()) p.resolve(undefined);
    slot.pending.clear();
  }

  dispose(): void {
    for (const w of this.workers) {
      this.fail(w);
      void w.worker.terminate();
    }
    this.workers.length = 0;
  }
}

export class NodeHost implements WorkspaceHost, ScanExecutor, Disposable {
  readonly root: string;
  /** Counters of the last listFiles walk (folders read, ignored, unreadable, skipped symlinks). */
  lastWalk: WalkStats = newWalkStats();
  private pool: WorkerPool | undefined;
  private readonly workerCount: number;

  constructor(root: string, private readonly options: NodeHostOptions = {}) {
    this.root = nodePath.resolve(root);
    const script = workerScript();
    const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    this.workerCount = script ? Math.max(0, options.workers ?? Math.min(4, cpus)) : 0;
  }

  async *listFiles(options?: ListOptions): AsyncIterable<string> {
    for await (const batch of this.listFileBatches(options)) yield* batch;
  }

  /** listFiles in batches (fewer async steps for big trees). */
  listFileBatches(options?: ListOptions): AsyncGenerator<string[]> {
    this.lastWalk = newWalkStats();
    return walkFiles(this.root, { exclude: options?.exclude, useGitignore: this.options.useGitignore }, this.lastWalk);
  }

  /** Absolute path of a root-relative one; undefined when it would escape the root. */
  private abs(path: string): string | undefined {
    const rel = normalizeRelative(path);
    if (rel === undefined || rel === '' || nodePath.isAbsolute(path)) return undefined;
    return nodePath.join(this.root, rel);
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const abs = this.abs(path);
    if (!abs) return undefined;
    try {
      return await fs.promises.readFile(abs);
    } catch {
      return undefined;
    }
  }

  async size(path: string): Promise<number | undefined> {
    const abs = this.abs(path);
    if (!abs) return undefined;
    try {
      const st = await fs.promises.stat(abs);
      return st.isFile() ? st.size : undefined;
    } catch {
      return undefined;
    }
  }

  async scanFiles(paths: readonly string[], options: FileScanOptions): Promise<readonly FileScanOutcome[]> {
    const safe = paths.map((p) => (this.abs(p) ? p : undefined));
    if (safe.some((p) => p === undefined)) {
      // Escaping paths are unreadable by definition; scan the rest.
      const ok = paths.filter((_, i) => safe[i] !== undefined);
      const scanned = await this.scanFiles(ok, options);
      let k = 0;
      return safe.map((p) => (p === undefined ? { kind: 'skipped', reason: 'unreadable' } as const : scanned[k++]));
    }
    // A handful of files (an editor save) is faster in-thread than a round trip to a worker.
    if (this.workerCount > 0 && paths.length >= IN_THREAD_MAX) {
      this.pool ??= new WorkerPool(this.workerCount, workerScript()!);
      const sparse = await this.pool.run(this.root, paths, options);
      if (sparse) {
        const out: FileScanOutcome[] = new Array(paths.length).fill(CLEAN);
        for (const [i, o] of sparse) out[i] = o;
        return out;
      }
    }
    return scanPathsSync(this.root, paths, options);
  }

  /** Stop the worker threads (they are unref'd and never keep the process alive). */
  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
  }
}
