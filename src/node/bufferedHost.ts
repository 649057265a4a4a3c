// The editor's WorkspaceHost without `vscode`: NodeHost's worker-thread listing and scanning (the path the CLI
// and `npm run bench` take) with the editor's open buffers winning over disk, so the benchmark can time it.
import type { Disposable, ListOptions, WorkspaceHost } from '../core/host';
import { scanFileBytes, type FileScanOptions, type FileScanOutcome } from '../core/index/fileScan';
import type { BatchLister, ListedScan, ListingScanner, ScanExecutor } from '../core/index/scanExecutor';
import type { NodeHost } from './nodeHost';

export interface BufferSource {
  /** Root-relative path → text of every open buffer under the root (unsaved edits included). */
  buffers(): ReadonlyMap<string, string>;
  /** Globs the editor excludes on top of the caller's (files.exclude, search.exclude). */
  excludes(): readonly string[];
}

const encoder = new TextEncoder();

export class BufferedHost implements WorkspaceHost, ScanExecutor, ListingScanner, BatchLister, Disposable {
  constructor(
    readonly disk: NodeHost,
    private readonly source: BufferSource,
  ) {}

  private options(options?: ListOptions): ListOptions {
    const extra = this.source.excludes();
    return extra.length === 0 ? options ?? {} : { exclude: [...extra, ...(options?.exclude ?? [])] };
  }

  listFiles(options?: ListOptions): AsyncIterable<string> {
    return this.disk.listFiles(this.options(options));
  }

  listFileBatches(options?: ListOptions): AsyncIterable<readonly string[]> {
    return this.disk.listFileBatches(this.options(options));
  }

  /** Files named `name` (NodeHost.findNamed: one walk off this thread), with the editor's excludes too. */
  findNamed(name: string, options?: ListOptions): Promise<string[]> {
    return this.disk.findNamed(name, this.options(options));
  }

  /** The disk's listing and worker-thread scan; the outcome of a file open in a buffer is the buffer's. */
  async *listAndScan(options: ListOptions | undefined, scanOptions: FileScanOptions): AsyncGenerator<ListedScan> {
    // One snapshot per build: a buffer edited meanwhile is queued for a rescan by the editor anyway.
    const buffers = this.source.buffers();
    for await (const step of this.disk.listAndScan(this.options(options), scanOptions)) {
      if (buffers.size === 0) {
        yield step;
        continue;
      }
      const byIndex = new Map<number, FileScanOutcome>(step.outcomes);
      let touched = false;
      step.paths.forEach((path, i) => {
        const text = buffers.get(path);
        if (text === undefined) return;
        touched = true;
        const o = scanFileBytes(path, encoder.encode(text), scanOptions);
        if (o.kind === 'clean') byIndex.delete(i);
        else byIndex.set(i, o);
      });
      yield touched ? { paths: step.paths, outcomes: [...byIndex].sort((a, b) => a[0] - b[0]) } : step;
    }
  }

  async scanFiles(paths: readonly string[], options: FileScanOptions): Promise<readonly FileScanOutcome[]> {
    const buffers = this.source.buffers();
    const fromDisk = paths.filter((p) => !buffers.has(p));
    const scanned = fromDisk.length > 0 ? await this.disk.scanFiles(fromDisk, options) : [];
    let k = 0;
    return paths.map((p) => {
      const text = buffers.get(p);
      return text === undefined ? scanned[k++] : scanFileBytes(p, encoder.encode(text), options);
    });
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const text = this.source.buffers().get(path);
    return text === undefined ? this.disk.read(path) : encoder.encode(text);
  }

  async size(path: string): Promise<number | undefined> {
    const text = this.source.buffers().get(path);
    return text === undefined ? this.disk.size(path) : encoder.encode(text).length;
  }

  dispose(): void {
    this.disk.dispose();
  }
}
