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
