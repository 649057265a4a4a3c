// The workspace's tags, markers and file list, built once in the background and kept current by batched
// rescans of exactly the changed files. The code model (src/core/model) reads a snapshot of it; the caller of
// build/apply learns which files a batch touched from the returned change and rebuilds its model.
import type { WorkspaceHost } from '../host';
import type { MalformedTag, Marker, Tag, TagRef } from '../types';
import { DEFAULT_MARKERS } from '../tags/tagScanner';
import {
  CLEAN, DEFAULT_MAX_FILE_SIZE, SKIP_REASONS, scanFileBytes, skipByPath,
  type FileScanOptions, type FileScanOutcome, type SkipReason,
} from './fileScan';
import { isListingScanner, isScanExecutor, listInBatches, type ListingScanner } from './scanExecutor';

export type { SkipReason } from './fileScan';

export interface WorkspaceIndexOptions {
  /** Files larger than this are listed but not scanned (default 1 MB). */
  readonly maxFileSize?: number;
  /** TODO-style marker words (default TODO, FIXME, HACK). */
  readonly markers?: readonly string[];
  /** Extra excludes passed to the host's listFiles. */
  readonly exclude?: readonly string[];
  /** Record per file how many lines hold a raw tag/marker literal (benchmark cross-check against rg). */
  readonly countRawHits?: boolean;
  /** Files read at once when the host has no ScanExecutor (default 16). */
  readonly concurrency?: number;
}

/** What the index knows about a file that has at least one tag, malformed tag or marker. */
export interface FileEntry {
  readonly tags: readonly Tag[];
  readonly malformed: readonly MalformedTag[];
  readonly markers: readonly Marker[];
  /** Increases on every rescan of the file (cache key for symbol attribution). */
  readonly version: number;
}

export interface TagLocation {
  readonly file: string;
  readonly tag: Tag;
  readonly ref: TagRef;
}

export interface IndexChange {
  /** The files whose listing, entry or skip state may have changed in this batch (empty: nothing changed). */
  readonly files: readonly string[];
}

export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}

/** Paths handed to a ScanExecutor at once during a build, and batches in flight. */
const BUILD_BATCH = 256;
const MAX_IN_FLIGHT = 16;

interface State {
  listed: Set<string>;
  entries: Map<string, FileEntry>;
  skips: Map<string, SkipReason>;
  raw: Map<string, number>;
}

function emptyState(): State {
  return { listed: new Set(), entries: new Map(), skips: new Map(), raw: new Map() };
}

export class WorkspaceIndex {
  private state: State = emptyState();
  private byId: Map<string, TagLocation[]> | undefined;
  private sortedFiles: string[] | undefined;
  private readonly scanOptions: FileScanOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private versionCounter = 0;
  private generationCounter = 0;
  /** Files removed while a build was running (the build's snapshot may still hold them). */
  private removedDuringBuild: Set<string> | undefined;

  constructor(private readonly host: WorkspaceHost, private readonly options: WorkspaceIndexOptions = {}) {
    this.scanOptions = {
      markers: options.markers ?? DEFAULT_MARKERS,
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      countRawHits: options.countRawHits,
    };
  }

  /** Increases with every batch that changed something: a snapshot taken at one generation is current until the next. */
  get generation(): number {
    return this.generationCounter;
  }

  private changed(files: Iterable<string>): IndexChange {
    const list = files instanceof Set ? [...(files as ReadonlySet<string>)] : [...new Set(files)];
    if (list.length > 0) this.generationCounter++;
    return { files: list };
  }

  private serialize<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ------------------------------------------------------------------------------------------------ build

  /** List and scan the whole workspace; replaces the previous state at the end (kept when cancelled: no change). */
  build(token?: CancellationLike): Promise<IndexChange> {
    return this.serialize(async () => {
      this.removedDuringBuild = new Set();
      try {
        const next = isListingScanner(this.host) ? await this.listAndScan(this.host, token) : await this.listThenScan(token);
        if (!next || token?.isCancellationRequested) return { files: [] };
        for (const f of this.removedDuringBuild) this.forget(next, f);
        const previous = this.state.listed;
        this.state = next;
        this.invalidate();
        // A first build changes exactly what it listed (a Set already): no second pass to dedupe 90k paths.
        return this.changed(previous.size === 0 ? next.listed : concat(previous, next.listed));
      } finally {
        this.removedDuringBuild = undefined;
      }
    });
  }

  /** Build with a host that lists and scans in one pass (worker threads walking the tree). */
  private async listAndScan(host: ListingScanner, token?: CancellationLike): Promise<State | undefined> {
    const next = emptyState();
    try {
      for await (const step of host.listAndScan({ exclude: this.options.exclude }, this.scanOptions)) {
        if (token?.isCancellationRequested) return undefined;
        const { paths, outcomes } = step;
        let k = 0;
        for (let i = 0; i < paths.length; i++) {
          while (k < outcomes.length && outcomes[k][0] < i) k++;
          const path = paths[i];
          // One hash lookup per path, not two (has, then add): this loop sees every listed file.
          const before = next.listed.size;
          if (next.listed.add(path).size === before) continue;
          this.record(next, path, k < outcomes.length && outcomes[k][0] === i ? outcomes[k][1] : CLEAN);
        }
      }
    } catch {
      // A listing that fails midway keeps what it listed.
    }
    // Steps arrive in whatever order the workers finish: keep the entries in path order, run after run.
    next.entries = new Map([...next.entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    return next;
  }

  /** Build by listing, then scanning batches of listed files (through the host's ScanExecutor if it has one). */
  private async listThenScan(token?: CancellationLike): Promise<State | undefined> {
    const next = emptyState();
    const inFlight: Promise<void>[] = [];
    let batch: string[] = [];
    const flush = async () => {
      const paths = batch;
      batch = [];
      inFlight.push(this.scanInto(next, paths));
      if (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
    };
    // A ScanExecutor classifies by path itself (off this thread); otherwise skip unreadable types here.
    const classifyHere = !isScanExecutor(this.host);
    try {
      outer: for await (const paths of listInBatches(this.host, this.options.exclude, BUILD_BATCH)) {
        for (const path of paths) {
          if (token?.isCancellationRequested) break outer;
          if (next.listed.has(path)) continue;
          next.listed.add(path);
          const reason = classifyHere ? skipByPath(path) : undefined;
          if (reason) {
            next.skips.set(path, reason);
            continue;
          }
          batch.push(path);
          if (batch.length >= BUILD_BATCH) await flush();
        }
      }
    } catch {
      // A listing that fails midway keeps what it listed.
    }
    if (batch.length > 0) await flush();
    await Promise.all(inFlight);
    return next;
  }

  // ------------------------------------------------------------------------------------------------ updates

  /** Rescan exactly these files (new or changed). */
  update(files: readonly string[]): Promise<IndexChange> {
    return this.apply({ changed: files, deleted: [] });
  }

  /** Apply one batch of deletions and changes; the change names every file of the batch. */
  apply(batch: { readonly changed: readonly string[]; readonly deleted: readonly string[] }): Promise<IndexChange> {
    const deleted = [...new Set(batch.deleted)];
    const changed = [...new Set(batch.changed)].filter((f) => !deleted.includes(f));
    return this.serialize(async () => {
      // files() keeps its identity while only contents change, so glob results computed on it can be reused.
      const listingChanged = deleted.some((f) => this.state.listed.has(f)) || changed.some((f) => !this.state.listed.has(f));
      for (const f of deleted) {
        this.removedDuringBuild?.add(f);
        this.forget(this.state, f);
      }
      const fresh = emptyState();
      const toScan: string[] = [];
      for (const f of changed) {
        fresh.listed.add(f);
        const reason = skipByPath(f);
        if (reason) fresh.skips.set(f, reason);
        else toScan.push(f);
      }
      if (toScan.length > 0) await this.scanInto(fresh, toScan);
      for (const f of changed) {
        this.forget(this.state, f);
        this.state.listed.add(f);
        const e = fresh.entries.get(f);
        if (e) this.state.entries.set(f, e);
        const s = fresh.skips.get(f);
        if (s) this.state.skips.set(f, s);
        const r = fresh.raw.get(f);
        if (r !== undefined) this.state.raw.set(f, r);
      }
      this.invalidate(listingChanged);
      return this.changed([...deleted, ...changed]);
    });
  }

  private forget(state: State, file: string): void {
    state.listed.delete(file);
    state.entries.delete(file);
    state.skips.delete(file);
    state.raw.delete(file);
  }

  private invalidate(listingChanged = true): void {
    this.byId = undefined;
    if (listingChanged) this.sortedFiles = undefined;
  }

  // ------------------------------------------------------------------------------------------------ scanning

  private async scanInto(state: State, paths: string[]): Promise<void> {
    let outcomes: readonly FileScanOutcome[];
    try {
      outcomes = isScanExecutor(this.host)
        ? await this.host.scanFiles(paths, this.scanOptions)
        : await this.scanWithReads(paths);
    } catch {
      outcomes = paths.map(() => ({ kind: 'skipped', reason: 'unreadable' }) as const);
    }
    for (let i = 0; i < paths.length; i++) this.record(state, paths[i], outcomes[i] ?? { kind: 'skipped', reason: 'unreadable' });
  }

  private record(state: State, path: string, o: FileScanOutcome): void {
    if (o.kind === 'skipped') {
      state.skips.set(path, o.reason);
    } else if (o.kind === 'hit') {
      if (o.rawHitLines !== undefined) state.raw.set(path, o.rawHitLines);
      const { tags, malformed, markers } = o.scan;
      if (tags.length > 0 || malformed.length > 0 || markers.length > 0) {
        state.entries.set(path, { tags, malformed, markers, version: ++this.versionCounter });
      }
    } else if (this.options.countRawHits) {
      state.raw.set(path, 0);
    }
  }

  /** Generic hosts: size when cheap, read, scan — a bounded number of files at once. */
  private async scanWithReads(paths: readonly string[]): Promise<FileScanOutcome[]> {
    const out: FileScanOutcome[] = new Array(paths.length);
    const max = this.scanOptions.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const i = next++;
        out[i] = await this.scanOne(paths[i], max);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 16, paths.length) }, worker));
    return out;
  }

  private async scanOne(path: string, max: number): Promise<FileScanOutcome> {
    try {
      if (this.host.size) {
        const size = await this.host.size(path);
        if (size !== undefined && size > max) return { kind: 'skipped', reason: 'tooLarge' };
      }
      const bytes = await this.host.read(path);
      if (!(bytes instanceof Uint8Array)) return { kind: 'skipped', reason: 'unreadable' };
      return scanFileBytes(path, bytes, this.scanOptions);
    } catch {
      return { kind: 'skipped', reason: 'unreadable' };
    }
  }

  // ------------------------------------------------------------------------------------------------ queries

  /** Every listed file, sorted. The same array until a file is added or removed (contents do not matter). */
  files(): readonly string[] {
    return (this.sortedFiles ??= [...this.state.listed].sort());
  }

  /** The listed files with this base name, sorted: one pass over the listing, without sorting all of it. */
  filesNamed(name: string): string[] {
    const suffix = '/' + name;
    const out: string[] = [];
    for (const file of this.state.listed) if (file === name || file.endsWith(suffix)) out.push(file);
    return out.sort();
  }

  has(file: string): boolean {
    return this.state.listed.has(file);
  }

  /** Tags, malformed tags and markers of a file; undefined when it has none (or is not indexed). */
  entry(file: string): FileEntry | undefined {
    return this.state.entries.get(file);
  }

  /** Files with at least one tag, malformed tag or marker. */
  allEntries(): ReadonlyMap<string, FileEntry> {
    return this.state.entries;
  }

  /** Every place an ID is referenced by a tag, in file order. */
  tagsById(id: string): readonly TagLocation[] {
    this.byId ??= locationsById([...this.state.entries.keys()].sort().map((file) => [file, this.state.entries.get(file)!]));
    return this.byId.get(id) ?? [];
  }

  /** How many listed files were not scanned, by reason. */
  skipped(): Record<SkipReason, number> {
    const counts = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
    for (const r of this.state.skips.values()) counts[r]++;
    return counts;
  }

  skipReason(file: string): SkipReason | undefined {
    return this.state.skips.get(file);
  }

  /** The listed files skipped for `reason`, sorted (a pass over the skips, not over every listed file). */
  filesSkippedAs(reason: SkipReason): string[] {
    const out: string[] = [];
    for (const [file, r] of this.state.skips) if (r === reason) out.push(file);
    return out.sort();
  }

  /**
   * With `countRawHits`: lines of a scanned file that hold a raw literal (@intent, @debt or a marker word, in
   * code, strings or comments alike) — what `rg -c` counts. Undefined for skipped files or without the option.
   */
  rawHitLines(file: string): number | undefined {
    return this.state.raw.get(file);
  }

}

/** Every tag reference of `entries` (in their order) grouped by the ID it names. */
export function locationsById(entries: Iterable<readonly [string, { readonly tags: readonly Tag[] }]>): Map<string, TagLocation[]> {
  const m = new Map<string, TagLocation[]>();
  for (const [file, scan] of entries) {
    for (const tag of scan.tags) {
      for (const ref of tag.ids) {
        let list = m.get(ref.id);
        if (!list) m.set(ref.id, (list = []));
        list.push({ file, tag, ref });
      }
    }
  }
  return m;
}

function* concat<T>(a: Iterable<T>, b: Iterable<T>): Iterable<T> {
  yield* a;
  yield* b;
}
