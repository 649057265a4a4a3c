// Reads and classifies files synchronously with one reusable buffer (no stat: a read of maxFileSize + 1
// bytes tells "too large"); runs inside worker threads started by NodeHost, or in-thread as a fallback.
// A worker can also walk a subtree and scan each file as it lists it (no path crosses threads twice).
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_MAX_FILE_SIZE, scanReadBytes, skipByPath, skippedOutcome, type FileScanOptions, type FileScanOutcome } from '../core/index/fileScan';
import type { IgnoreFile } from '../core/ignore/gitignore';
import { TreeWalker, walkSlice, type DirTask, type WalkDir, type WalkOptions, type WalkStats } from './walker';

const UNREADABLE = skippedOutcome('unreadable');
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

let shared: Buffer | undefined;

/** Read at most `limit` bytes of a file into the shared buffer; undefined when it cannot be read. */
function readHead(abs: string, limit: number): Buffer | undefined {
  if (!shared || shared.length < limit) shared = Buffer.allocUnsafe(limit);
  let fd: number;
  try {
    fd = fs.openSync(abs, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    // One read: a regular file returns everything up to EOF (or the limit) at once — no fstat needed.
    const n = fs.readSync(fd, shared, 0, limit, 0);
    return shared.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
}

/** Scan root-relative paths under `root`; one outcome per path, in order. Never throws. */
export function scanPathsSync(root: string, paths: readonly string[], options: FileScanOptions): FileScanOutcome[] {
  const limit = (options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) + 1;
  const out: FileScanOutcome[] = new Array(paths.length);
  // Listed paths are normalised and relative: concatenation instead of path.join (its normalize was ~10% of a scan).
  const prefix = root.endsWith(nodePath.sep) ? root : root + nodePath.sep;
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    const reason = skipByPath(p);
    if (reason) {
      out[i] = skippedOutcome(reason);
      continue;
    }
    const bytes = readHead(prefix + p, limit);
    out[i] = bytes ? scanReadBytes(p, bytes, options) : UNREADABLE;
  }
  return out;
}

export interface ScanRequest {
  readonly kind?: 'scan';
  readonly id: number;
  readonly root: string;
  readonly paths: readonly string[];
  readonly options: FileScanOptions;
}

export interface ScanReply {
  readonly id: number;
  /** Non-clean outcomes only: [index into paths, outcome]. */
  readonly results: readonly [number, FileScanOutcome][];
}

/** Walk folders' subtrees with the walker's ignore rules and scan every file listed. */
export interface WalkRequest {
  readonly kind: 'walk';
  readonly id: number;
  readonly root: string;
  /** Subtrees to walk, in order. */
  readonly tasks: readonly DirTask[];
  readonly walk: Pick<WalkOptions, 'exclude' | 'useGitignore'>;
  readonly options: FileScanOptions;
  /** List only the files with this name, scanning nothing (the editor's quick search for manifests). */
  readonly match?: string;
  /** Read at most this many folders, then hand the unread subtrees back in the last reply's `rest`. */
  readonly maxDirs?: number;
  /** The listing this request belongs to: a worker reuses the ignore files it parsed for the same listing. */
  readonly listing?: number;
}

/** Files listed so far and their non-clean outcomes; `stats` on the last reply of a walk. */
export interface WalkReply {
  readonly id: number;
  readonly paths: readonly string[];
  readonly results: readonly [number, FileScanOutcome][];
  readonly stats?: WalkStats;
  /** On the last reply of a walk cut short by `maxDirs`: the subtrees still to walk. */
  readonly rest?: readonly DirTask[];
}

/** Files per WalkReply: bounded messages, and the index fills in as the walk goes. */
const WALK_REPLY_FILES = 2048;

export function sparse(outcomes: readonly FileScanOutcome[]): [number, FileScanOutcome][] {
  const r: [number, FileScanOutcome][] = [];
  for (let i = 0; i < outcomes.length; i++) if (outcomes[i].kind !== 'clean') r.push([i, outcomes[i]]);
  return r;
}

/** How a walk ended: its counters, and the subtrees it left unread when cut short by `maxDirs`. */
export interface WalkEnd {
  readonly stats: WalkStats;
  readonly rest: readonly DirTask[];
}

/**
 * Walk the tasks' subtrees (at most `maxDirs` folders in all) and scan what it lists, calling `reply` per chunk of files;
 * the last call has how the walk ended. `parsed` caches the ignore files of one listing across calls.
 */
export function walkAndScanSync(
  req: Omit<WalkRequest, 'kind' | 'id'>,
  reply: (paths: string[], results: [number, FileScanOutcome][], end?: WalkEnd) => void,
  parsed?: Map<string, IgnoreFile>,
): void {
  const walker = new TreeWalker(req.root, req.walk, undefined, parsed);
  const stack: WalkDir[] = [];
  for (let i = req.tasks.length - 1; i >= 0; i--) stack.push(walker.fromTask(req.tasks[i]));
  const flush = (paths: string[]): void => {
    if (paths.length === 0) return;
    if (req.match === undefined) reply(paths, sparse(scanPathsSync(req.root, paths, req.options)));
    else {
      const named = paths.filter((p) => p === req.match || p.endsWith('/' + req.match));
      if (named.length > 0) reply(named, []);
    }
  };
  try {
    let files: string[] = [];
    for (let read = 0, max = req.maxDirs ?? Infinity; stack.length > 0 && read < max; read++) {
      walkSlice(walker, stack, 1, files);
      if (files.length >= WALK_REPLY_FILES) {
        flush(files);
        files = [];
      }
    }
    flush(files);
  } finally {
    reply([], [], { stats: walker.stats, rest: stack.map((d) => TreeWalker.task(d)) });
  }
}

/** Ignore files parsed for the listing in progress (one listing at a time per worker). */
let listingCache: { listing: number; parsed: Map<string, IgnoreFile> } | undefined;

function parsedFor(listing: number | undefined): Map<string, IgnoreFile> {
  if (listing === undefined) return new Map();
  if (listingCache?.listing !== listing) listingCache = { listing, parsed: new Map() };
  return listingCache.parsed;
}

if (!isMainThread && parentPort && (workerData as { intentLensScanWorker?: boolean } | undefined)?.intentLensScanWorker) {
  const port = parentPort;
  port.on('message', (req: ScanRequest | WalkRequest) => {
    if (req.kind === 'walk') {
      try {
        walkAndScanSync(req, (paths, results, end) => port.postMessage({ id: req.id, paths, results, stats: end?.stats, rest: end?.rest } satisfies WalkReply), parsedFor(req.listing));
      } catch {
        // Unexpected (walkAndScanSync sent its last reply on the way out): the files listed so far stand.
      }
      return;
    }
    let results: [number, FileScanOutcome][];
    try {
      results = sparse(scanPathsSync(req.root, req.paths, req.options));
    } catch {
      results = req.paths.map((_, i) => [i, UNREADABLE]);
    }
    port.postMessage({ id: req.id, results } satisfies ScanReply);
  });
}
