// Optional host capability (additive to WorkspaceHost): scan many files near the bytes — e.g. in worker
// threads that read and classify files in parallel — with the same pure scanFileBytes the index would run.
import type { WorkspaceHost } from '../host';
import type { FileScanOptions, FileScanOutcome } from './fileScan';

export interface ScanExecutor {
  /** One outcome per path, in order. A file that is gone or unreadable is `skipped: unreadable`. Never rejects. */
  scanFiles(paths: readonly string[], options: FileScanOptions): Promise<readonly FileScanOutcome[]>;
}

export function isScanExecutor(host: WorkspaceHost): host is WorkspaceHost & ScanExecutor {
  return typeof (host as Partial<ScanExecutor>).scanFiles === 'function';
}

/** One step of a ListingScanner: files it listed and the outcome of each of them that is not `clean`. */
export interface ListedScan {
  readonly paths: readonly string[];
  /** [index into paths, outcome] for the paths whose outcome is not `clean`, in index order. */
  readonly outcomes: readonly (readonly [number, FileScanOutcome])[];
}

/**
 * Optional host capability: list and scan in one pass near the files (e.g. worker threads that each walk
 * and scan part of the tree), same files and outcomes as listFiles + scanFiles. Steps come in no particular
 * order; a path may come twice (the index keeps the first). Stopping the iteration stops the walk.
 */
export interface ListingScanner {
  listAndScan(options: { readonly exclude?: readonly string[] } | undefined, scanOptions: FileScanOptions): AsyncIterable<ListedScan>;
}

export function isListingScanner(host: WorkspaceHost): host is WorkspaceHost & ListingScanner {
  return typeof (host as Partial<ListingScanner>).listAndScan === 'function';
}

/** Optional host capability: listFiles in batches (one async step per batch instead of per file). */
export interface BatchLister {
  listFileBatches(options?: { readonly exclude?: readonly string[] }): AsyncIterable<readonly string[]>;
}

export function isBatchLister(host: WorkspaceHost): host is WorkspaceHost & BatchLister {
  return typeof (host as Partial<BatchLister>).listFileBatches === 'function';
}

/** The host's files in batches, whichever way it lists them. */
export async function* listInBatches(host: WorkspaceHost, exclude?: readonly string[], size = 256): AsyncIterable<readonly string[]> {
  if (isBatchLister(host)) {
    yield* host.listFileBatches({ exclude });
    return;
  }
  let batch: string[] = [];
  for await (const p of host.listFiles({ exclude })) {
    batch.push(p);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
