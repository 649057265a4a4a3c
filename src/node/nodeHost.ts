// WorkspaceHost over a folder on disk for the CLI and the benchmark: git-style ignore rules, bounded reads,
// and a ScanExecutor that classifies files in worker threads so a full index runs near ripgrep's speed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ListingProblem } from '../core/findings/notEvaluated';
import type { Disposable, ListOptions, WorkspaceHost } from '../core/host';
import { normalizeRelative } from '../core/paths';
import { CLEAN, skipByPath, skippedOutcome, type FileScanOptions, type FileScanOutcome } from '../core/index/fileScan';
import type { ListedScan, ListingScanner, ScanExecutor } from '../core/index/scanExecutor';
import { readBounded } from './boundedRead';
import { scanPathsSync, sparse, walkAndScanSync, type ScanReply, type ScanRequest, type WalkEnd, type WalkReply, type WalkRequest } from './scanWorker';
import type { IgnoreFile } from '../core/ignore/gitignore';
import { newWalkStats, TreeWalker, walkFiles, walkSlice, type DirTask, type WalkDir, type WalkStats } from './walker';

export interface NodeHostOptions {
  /**
   * Worker threads for scanFiles: 0 scans in the calling thread (blocking it). Default: the CPU count capped
   * at 4, less one when the calling thread scans too (`callerScans`), or 0 when no worker script can be found
   * (e.g. a bundle built without it).
   */
  readonly workers?: number;
  /** Read .gitignore files and .git/info/exclude (default true). */
  readonly useGitignore?: boolean;
  /**
   * The calling thread lists and scans alone, in slices that let its event loop in, until it has listed this
   * many files (default 8192); workers start only past it. Below it, a worker's own Node start-up and its
   * second copy of cold code cost more than it saves (typescript-eslint's 7.5k files: 0.22 s alone, 0.28 s with
   * a worker).
   */
  readonly inThreadMaxFiles?: number;
  /**
   * Once workers run, the calling thread keeps listing the tree for them, and scans too once all is listed
   * (default true: the command line has nothing else to do). The editor sets false: its extension host has other
   * work, and the workers walk the tree themselves.
   */
  readonly callerScans?: boolean;
}

/**
 * What the extension host asks for (and the benchmark's editor row): a small tree in slices on its own thread,
 * each a few milliseconds with its event loop let in between; a big one's rest to the workers alone.
 */
export const EDITOR_HOST_OPTIONS: NodeHostOptions = { callerScans: false };

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
/** Folders per slice of a worker (one request), and of the calling thread (between two looks at the replies). */
const WORKER_SLICE_DIRS = 256;
const CALLER_SLICE_DIRS = 32;
/** Most subtrees in one worker request. */
const WORKER_TASKS = 64;
/** Files of one slice of the calling thread are scanned in batches of this size. */
const OWN_BATCH = 256;
/** Files listed by the calling thread go to be read in batches of this size (256 and 1024 were 2 % slower on netbeans). */
const READ_BATCH = 512;
/** Numbers the listings, so a worker knows which ignore files it already parsed belong to this one. */
let nextListing = 1;
/**
 * A worker's young generation: its garbage is short-lived (paths, read buffers' views), and V8's default lets
 * each worker's young space grow to tens of MB; 8 MB keeps netbeans' CPU time with ~35 MB less peak RSS.
 */
const WORKER_YOUNG_GENERATION_MB = 8;
/** Default of NodeHostOptions.inThreadMaxFiles. */
const IN_THREAD_TREE_FILES = 8192;
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
  walk(request: Omit<WalkRequest, 'kind' | 'id'>, onFiles: (chunk: ListedScan) => void): Promise<WalkEnd | undefined> {
    return new Promise((resolve) => {
      const pending: Pending = {
        size: WALK_LOAD,
        reply: (m) => {
          if (m.paths.length > 0) onFiles({ paths: m.paths, outcomes: m.results });
          if (!m.stats) return false;
          resolve({ stats: m.stats, rest: m.rest ?? [] });
          return true;
        },
        fail: () => resolve(undefined),
      };
      if (!this.post({ kind: 'walk', id: this.nextId++, ...request }, pending)) resolve(undefined);
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

/**
 * The files whose outcome the path alone decides (never opened: no comment syntax, minified by name), as a step
 * of the listing; the others go on `toRead`.
 */
function splitByPath(files: readonly string[], toRead: string[]): ListedScan | undefined {
  const decided: string[] = [];
  const outcomes: [number, FileScanOutcome][] = [];
  for (const file of files) {
    const reason = skipByPath(file);
    if (reason) outcomes.push([decided.push(file) - 1, skippedOutcome(reason)]);
    else toRead.push(file);
  }
  return decided.length > 0 ? { paths: decided, outcomes } : undefined;
}

/** Lets the event loop in (worker replies, the consumer of the listing, the extension host's other work). */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
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
    this.workerCount = script ? Math.max(0, options.workers ?? Math.min(4, options.callerScans === false ? cpus : cpus - 1)) : 0;
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
   * List and scan in one pass, in slices of the tree shared out as threads come free. This thread walks first,
   * in slices (the editor's scanning as it goes, the command line's reading only after); a tree that ends below
   * `inThreadMaxFiles` never starts a worker. Past it, the unread subtrees go in a queue. With `callerScans`, this
   * thread goes on listing them depth-first and the workers read and scan what it lists, in batches, beginning
   * with what it listed alone: each thread compiles only its own half of the hot code (two copies of all
   * of it cost netbeans ~400 ms of CPU), and only paths cross threads, never a file's verdict twice. A worker
   * starved of listed files (more workers than this thread can feed) walks subtrees itself, as it does when this
   * thread has other work (the editor): half the queue at a time, the shallowest first, at most WORKER_SLICE_DIRS
   * folders, scanning every file as it lists it and handing back the subtrees it left unread.
   */
  async *listAndScan(options: ListOptions | undefined, scanOptions: FileScanOptions): AsyncGenerator<ListedScan> {
    const walk = { exclude: options?.exclude, useGitignore: this.options.useGitignore };
    const stats = (this.lastWalk = newWalkStats());
    if (this.workerCount === 0) {
      for await (const paths of walkFiles(this.root, walk, stats)) yield { paths, outcomes: sparse(scanPathsSync(this.root, paths, scanOptions)) };
      return;
    }
    const parsed = new Map<string, IgnoreFile>();
    const walker = new TreeWalker(this.root, walk, stats, parsed);
    const callerScans = this.options.callerScans !== false;
    const inThreadMax = this.options.inThreadMaxFiles ?? IN_THREAD_TREE_FILES;
    // Alone first: workers cost a Node start-up each and cold code twice; they only pay off on a big tree. In
    // slices, with the event loop let in between two (the extension host keeps answering while it lists).
    // The command line lists first and reads after: on a big tree the files listed so far become the worker's
    // first batches instead of this thread's, and the second core starts sooner (netbeans and spring-framework
    // 3-6 % faster); on a small one the same reads come after the listing.
    let stack: WalkDir[] = [walker.rootDir()];
    const readable: string[] = [];
    for (let listed = 0; stack.length > 0 && listed <= inThreadMax; ) {
      const files: string[] = [];
      stack = walkSlice(walker, stack, CALLER_SLICE_DIRS, files);
      listed += files.length;
      if (callerScans) {
        const decided = splitByPath(files, readable);
        if (decided) yield decided;
        await nextTurn();
        continue;
      }
      // The event loop is let in after each batch (even inside one huge folder) and after a slice of folders only.
      for (let i = 0; i < files.length; i += OWN_BATCH) {
        const paths = files.slice(i, i + OWN_BATCH);
        yield { paths, outcomes: sparse(scanPathsSync(this.root, paths, scanOptions)) };
        await nextTurn();
      }
      if (files.length === 0 && stack.length > 0) await nextTurn();
    }
    // Files this thread listed, waiting to be read and scanned: here on a small tree, else by whichever thread comes free.
    const toScan: string[][] = [];
    for (let i = 0; i < readable.length; i += READ_BATCH) toScan.push(readable.slice(i, i + READ_BATCH));
    if (stack.length === 0) {
      for (const paths of toScan) {
        yield { paths, outcomes: sparse(scanPathsSync(this.root, paths, scanOptions)) };
        await nextTurn();
      }
      return;
    }
    const queue: { dir?: WalkDir; task: DirTask }[] = stack.map((dir) => ({ dir, task: TreeWalker.task(dir) }));
    const pool = (this.pool ??= new WorkerPool(this.workerCount, workerScript()!));
    const listing = nextListing++;
    const ready: ListedScan[] = [];
    let wake: (() => void) | undefined;
    let stopped = false;
    const emit = (step: ListedScan): void => {
      ready.push(step);
      wake?.();
    };
    // Lanes wait here for work while another lane, still running, may produce some (listed files, subtrees handed back).
    let running = 0;
    let idle: (() => void)[] = [];
    const wakeIdle = (): void => {
      const waiting = idle;
      idle = [];
      for (const w of waiting) w();
    };
    const waitForWork = (): Promise<void> => new Promise<void>((resolve) => idle.push(resolve));
    const finish = (rest: readonly { dir?: WalkDir; task: DirTask }[]): void => {
      for (const r of rest) queue.push(r);
      running--;
      wakeIdle();
    };
    const jobs: Promise<unknown>[] = [];
    // This thread is listing (workers then walk only when starved); worker reads in flight.
    let callerListing = callerScans;
    let scanning = 0;
    /**
     * A worker reads and scans what this thread listed; only when nothing listed is waiting does it walk subtrees
     * itself (the shallowest, half the queue at a time, so a request is never a lone leaf folder). Reading only,
     * it compiles only the scanner: a second copy of the lister's cold code would cost it more than it saves.
     */
    const workerLane = async (): Promise<void> => {
      let waited = false;
      while (!stopped) {
        const paths = toScan.shift();
        if (paths) {
          running++;
          scanning++;
          const results = await pool.run(this.root, paths, scanOptions);
          scanning--;
          emit({ paths, outcomes: results ?? sparse(scanPathsSync(this.root, paths, scanOptions)) });
          finish([]);
          waited = false;
          continue;
        }
        // While this thread lists, a worker with reads in flight, or not yet starved for one slice, waits for it.
        if (queue.length === 0 || (callerListing && (scanning > 0 || !waited))) {
          // Done only when nothing is left to list or read and no one running can add any.
          if (queue.length === 0 && running === 0) return;
          waited = true;
          await waitForWork();
          continue;
        }
        waited = false;
        running++;
        const tasks = queue.splice(0, Math.min(WORKER_TASKS, Math.ceil(queue.length / 2))).map((n) => n.task);
        const done = await pool.walk({ root: this.root, tasks, walk, options: scanOptions, maxDirs: WORKER_SLICE_DIRS, listing }, emit);
        if (done) {
          addStats(stats, done.stats);
          finish(done.rest.map((task) => ({ task })));
          continue;
        }
        // The worker died: walk that subtree here (files it already reported come again; the index keeps the first).
        walkAndScanSync({ root: this.root, tasks, walk, options: scanOptions }, (paths, outcomes, end) => (end ? addStats(stats, end.stats) : emit({ paths, outcomes })), parsed);
        finish([]);
      }
    };
    /**
     * This thread lists depth-first from the back of the queue, a slice at a time, and queues what must be read
     * for the workers (what the path alone decides is recorded here); once nothing is left to list, it scans
     * from the back of what is still waiting.
     */
    const callerLane = async (): Promise<void> => {
      let batch: string[] = [];
      while (!stopped) {
        const next = queue.pop();
        callerListing = next !== undefined;
        if (next) {
          running++;
          const files: string[] = [];
          const rest = walkSlice(walker, [next.dir ?? walker.fromTask(next.task)], CALLER_SLICE_DIRS, files);
          const toRead: string[] = [];
          const decided = splitByPath(files, toRead);
          for (const file of toRead) {
            if (batch.push(file) >= READ_BATCH) {
              toScan.push(batch);
              batch = [];
            }
          }
          // Workers with nothing waiting get what is listed so far rather than wait for a full batch.
          if (batch.length > 0 && toScan.length === 0) {
            toScan.push(batch);
            batch = [];
          }
          if (decided) emit(decided);
          finish(rest.map((dir) => ({ dir, task: TreeWalker.task(dir) })));
          // Let the workers' replies in (and the consumer run) between two slices.
          await nextTurn();
          continue;
        }
        if (batch.length > 0) {
          toScan.push(batch);
          batch = [];
          wakeIdle();
        }
        const mine = toScan.pop();
        if (mine) {
          emit({ paths: mine, outcomes: sparse(scanPathsSync(this.root, mine, scanOptions)) });
          await nextTurn();
          continue;
        }
        if (running === 0) return;
        await waitForWork();
      }
    };
    // This thread lists its first slice before the workers look for work; two requests in flight per worker, so
    // none waits for this thread between two.
    if (callerScans) jobs.push(callerLane());
    for (let k = 0; k < pool.size * 2; k++) jobs.push(workerLane());
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
      wakeIdle();
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
    const tasks = [TreeWalker.task(new TreeWalker(this.root, walk).rootDir())];
    if (this.workerCount > 0) this.pool ??= new WorkerPool(this.workerCount, workerScript()!);
    const done = this.pool && (await this.pool.walk({ root: this.root, tasks, walk, options: {}, match: name }, (chunk) => collect(chunk.paths)));
    if (!done) {
      found.length = 0;
      walkAndScanSync({ root: this.root, tasks, walk, options: {}, match: name }, (paths) => collect(paths));
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
