// Atomic file writes for everything the CLI and the extension write (baseline, report, intent.lock, agent
// files): a temp file in the same folder, fsync, then rename, so a full disk or a kill mid-write leaves the
// old file intact instead of a truncated one.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

/** Writes `data` to `path` atomically; throws (leaving any old file untouched) when the write fails. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = nodePath.dirname(path);
  const temp = nodePath.join(dir, `.${nodePath.basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o644);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/** Makes the rename durable; a folder that cannot be opened for fsync (some file systems) is not an error. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Expected on file systems that refuse fsync on folders: the data itself was already synced.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
