// WorkspaceHost over a folder on disk for the CLI and the benchmark: git-style ignore rules, bounded reads,
// and a ScanExecutor that classifies files in worker threads so a full index runs near ripgrep's speed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ListingProblem } from '../core/findings/notEvaluated';
import type { Disposable, ListOptions, WorkspaceHost } from '../core/host';
import { normalizeRelative } from '../core/paths';
import type { FileScanOptions, FileScanOutcome } from '../core/index/fileScan';
import type { ListedScan, ListingScanner, ScanExecutor } from '../core/index/scanExecutor';
import { readBounded } from './boundedRead';
import { CLEAN, scanPathsSync, sparse, walkAndScanSync, type ScanReply, type ScanRequest, type WalkReply, type WalkRequest } from './scanWorker';
import { newWalkStats, TreeWalker, walkFiles, type DirTask, type WalkDir, type WalkStats } from './walker';

export interface NodeHostOptions {
  /**
   * Worker threads for scanFiles: 0 scans in the calling thread (blocking it). Default: the CPU count capped
   * at 4, or 0 when no worker script can be found (e.g. a bundle built without it).
   */
  readonly workers?: number;
  /** Read .gitignore files and .git/info/exclude (default true). */
  readonly useGitignore?: boolean;
  /**
   * A tree listed whole while splitting it, with at most this many files, is scanned on the calling thread
   * without starting workers (they cost more than they save there). Default 4096; the editor asks for less.
   */
  readonly inThreadMaxFiles?: number;
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
/** listAndScan splits the tree into at least this many subtrees per worker (dynamic share-out evens them). */
const SUBTREES_PER_WORKER = 24;
/** …reading at most this many folders on the calling thread to find them. */
const SPLIT_MAX_DIRS = 512;
/** Files found while splitting are scanned by the pool in batches of this size. */
const OWN_BATCH = 256;
/**
 * A worker's young generation: its garbage is short-lived (paths, read buffers' views), and V8's default lets
 * each worker's young space grow to tens of MB; 8 MB keeps netbeans' CPU time with ~35 MB less peak RSS.
 */
const WORKER_YOUNG_GENERATION_MB = 8;
/** Default of NodeHostOptions.inThreadMaxFiles. */
const IN_THREAD_TREE_FILES = 4096;
/** Pool load of one walk in progress (scan batches count their paths). */
const WALK_LOAD = 1024;

interface Pending {
  readonly size: number;
  /** Handle one reply; true when it ends the request. */
  reply(message: ScanReply & WalkReply): boolean;
  fail(): void;
}

interface Slot {
  readonly worker: Worker;
  load: number;
  readonly pending: Map<number, Pending>;
}

class WorkerPool implements Disposable {
  private readonly workers: Slot[] = [];
  private nextId = 1;

  constructor(count: number, script: { file: string; execArgv?: string[] }) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script.file, { workerData: { intentLensScanWorker: true }, execArgv: script.execArgv, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, load: 0, pending: new Map() };
      worker.on('message', (reply: ScanReply & WalkReply) => {
        const p = slot.pending.get(reply.id);
        if (!p || !p.reply(reply)) return;
        slot.pending.delete(reply.id);
        slot.load -= p.size;
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

  /** Send to the least loaded live worker; false when none is alive. */
  private post(message: ScanRequest | WalkRequest, pending: Pending): boolean {
    let slot: Slot | undefined;
    for (const w of this.workers) if (w.load >= 0 && (!slot || w.load < slot.load)) slot = w;
    if (!slot) return false;
    slot.pending.set(message.id, pending);
    slot.load += pending.size;
    slot.worker.ref();
    slot.worker.postMessage(message);
    return true;
  }

  /** Resolves with the sparse results, or undefined when the worker died (the caller rescans in-thread). */
  run(root: string, paths: readonly string[], options: FileScanOptions): Promise<readonly [number, FileScanOutcome][] | undefined> {
    return new Promise((resolve) => {
      const pending: Pending = {
        size: paths.length,
        reply: (m) => (resolve(m.results), true),
        fail: () => resolve(undefined),
      };
      if (!this.post({ id: this.nextId++, root, paths, options }, pending)) resolve(undefined);
    });
  }

  /**
   * Walk and scan a subtree in a worker; `onFiles` gets each chunk of listed files as it comes. Resolves with
   * the walk's counters, or undefined when the worker died first (chunks already delivered stand).
   */
  walk(root: string, task: DirTask, walk: WalkRequest['walk'], options: FileScanOptions, onFiles: (chunk: ListedScan) => void, match?: string): Promise<WalkStats | undefined> {
    return new Promise((resolve) => {
      const pending: Pending = {
        size: WALK_LOAD,
        reply: (m) => {
          if (m.paths.length > 0) onFiles({ paths: m.paths, outcomes: m.results });
          if (!m.stats) return false;
          resolve(m.stats);
          return true;
        },
        fail: () => resolve(undefined),
      };
      if (!this.post({ kind: 'walk', id: this.nextId++, root, task, walk, options, match }, pending)) resolve(undefined);
    });
  }

  private fail(slot: Slot): void {
    slot.load = -1;
    for (const p of slot.pending.values()) p.fail();
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

function addStats(into: WalkStats, add: WalkStats): void {
  into.dirs += add.dirs;
  into.files += add.files;
  into.ignoredDirs += add.ignoredDirs;
  into.ignoredFiles += add.ignoredFiles;
  into.unreadableDirs += add.unreadableDirs;
  into.skippedSymlinks += add.skippedSymlinks;
  for (const p of add.problems) into.problems.push(p);
}

export class NodeHost implements WorkspaceHost, ScanExecutor, ListingScanner, Disposable {
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

  listingProblems(): readonly ListingProblem[] {
    return this.lastWalk.problems;
  }

  async *listFiles(options?: ListOptions): AsyncIterable<string> {
    for await (const batch of this.listFileBatches(options)) yield* batch;
  }

  /** listFiles in batches (fewer async steps for big trees). */
  listFileBatches(options?: ListOptions): AsyncGenerator<string[]> {
    this.lastWalk = newWalkStats();
    return walkFiles(this.root, { exclude: options?.exclude, useGitignore: this.options.useGitignore }, this.lastWalk);
  }

  /**
   * List and scan in one pass: this thread reads the top folders until the tree splits into enough subtrees,
   * then each worker walks whole subtrees and scans every file as it lists it, taking the next subtree when
   * done — the walk runs in parallel and no path crosses threads twice. Without workers: walk, then scan.
   */
  async *listAndScan(options: ListOptions | undefined, scanOptions: FileScanOptions): AsyncGenerator<ListedScan> {
    const walk = { exclude: options?.exclude, useGitignore: this.options.useGitignore };
    const stats = (this.lastWalk = newWalkStats());
    if (this.workerCount === 0) {
      for await (const paths of walkFiles(this.root, walk, stats)) yield { paths, outcomes: sparse(scanPathsSync(this.root, paths, scanOptions)) };
      return;
    }
    const walker = new TreeWalker(this.root, walk, stats);
    const subtrees: WalkDir[] = [walker.rootDir()];
    const own: string[] = [];
    for (let read = 0; subtrees.length > 0 && subtrees.length < this.workerCount * SUBTREES_PER_WORKER && read < SPLIT_MAX_DIRS; read++) {
      for (const sub of walker.readDir(subtrees.shift()!, own)) subtrees.push(sub);
    }
    if (subtrees.length === 0 && own.length <= (this.options.inThreadMaxFiles ?? IN_THREAD_TREE_FILES)) {
      for (let i = 0; i < own.length; i += OWN_BATCH) {
        const paths = own.slice(i, i + OWN_BATCH);
        yield { paths, outcomes: sparse(scanPathsSync(this.root, paths, scanOptions)) };
      }
      return;
    }
    const pool = (this.pool ??= new WorkerPool(this.workerCount, workerScript()!));
    const ready: ListedScan[] = [];
    let wake: (() => void) | undefined;
    let stopped = false;
    const emit = (step: ListedScan): void => {
      ready.push(step);
      wake?.();
    };
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < own.length; i += OWN_BATCH) {
      const paths = own.slice(i, i + OWN_BATCH);
      jobs.push(this.scanFiles(paths, scanOptions).then((outcomes) => emit({ paths, outcomes: sparse(outcomes) })));
    }
    const tasks: DirTask[] = subtrees.map((d) => TreeWalker.task(d));
    const lane = async (): Promise<void> => {
      for (let task = tasks.shift(); task && !stopped; task = tasks.shift()) {
        const done = await pool.walk(this.root, task, walk, scanOptions, emit);
        if (done) addStats(stats, done);
        // The worker died: walk it here (files it already reported come again; the index keeps the first).
        else walkAndScanSync({ root: this.root, task, walk, options: scanOptions }, (paths, outcomes, s) => (s ? addStats(stats, s) : emit({ paths, outcomes })));
      }
    };
    // Two subtrees in flight per worker, so none waits for this thread between two.
    for (let k = 0; k < pool.size * 2; k++) jobs.push(lane());
    let finished = false;
    void Promise.allSettled(jobs).then(() => {
      finished = true;
      wake?.();
    });
    try {
      for (;;) {
        const step = ready.shift();
        if (step) yield step;
        else if (finished) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      stopped = true;
    }
  }

  /**
   * Root-relative paths of the files named `name`, with listFiles' ignore rules, sorted: one walk in a worker
   * thread that reads folders only (the editor finds the manifests this way while the full index builds).
   */
  async findNamed(name: string, options?: ListOptions): Promise<string[]> {
    const walk = { exclude: options?.exclude, useGitignore: this.options.useGitignore };
    const found: string[] = [];
    const collect = (paths: readonly string[]) => {
      for (const p of paths) if (p === name || p.endsWith('/' + name)) found.push(p);
    };
    const task = TreeWalker.task(new TreeWalker(this.root, walk).rootDir());
    if (this.workerCount > 0) this.pool ??= new WorkerPool(this.workerCount, workerScript()!);
    const done = this.pool && (await this.pool.walk(this.root, task, walk, {}, (chunk) => collect(chunk.paths), name));
    if (!done) {
      found.length = 0;
      walkAndScanSync({ root: this.root, task, walk, options: {}, match: name }, (paths) => collect(paths));
    }
    return found.sort();
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
    // Bounded and non-blocking: a FIFO or a huge file swapped in after the listing reads as absent.
    const r = readBounded(abs);
    return r.ok ? r.bytes : undefined;
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
