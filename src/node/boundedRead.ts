// Reads a file a repository controls without trusting it: never blocks on a FIFO or device swapped in after a
// listing (O_NONBLOCK, then fstat must say "regular file"), never reads more than a cap (a 200 MB file, or one
// that keeps growing, costs at most the cap), optionally never follows a symlink at the last component.
import * as fs from 'node:fs';

/** The most any single read through NodeHost (manifests, source files, baselines) takes into memory. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export type BoundedRead =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'missing' | 'notFile' | 'tooLarge' | 'unreadable'; readonly size?: number; readonly code?: string };

export interface BoundedReadOptions {
  /** Bytes above which the file is refused (default MAX_READ_BYTES). */
  readonly maxBytes?: number;
  /** Refuse a symlink at the last path component (O_NOFOLLOW). */
  readonly noFollow?: boolean;
}

const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** Reads a regular file of at most `maxBytes` bytes; says why not otherwise. Never throws. */
export function readBounded(abs: string, options: BoundedReadOptions = {}): BoundedRead {
  const max = options.maxBytes ?? MAX_READ_BYTES;
  let fd: number;
  try {
    fd = fs.openSync(abs, FLAGS | (options.noFollow ? (fs.constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'ELOOP' ? 'notFile' : 'unreadable', code };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'notFile' };
    if (stat.size > max) return { ok: false, reason: 'tooLarge', size: stat.size };
    // Read up to one byte past the cap: a file that grows while read is refused, never read without end.
    let buffer = Buffer.allocUnsafe(Math.min(max + 1, stat.size + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > max) return { ok: false, reason: 'tooLarge', size: total };
        const grown = Buffer.allocUnsafe(Math.min(max + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const n = fs.readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
    }
    return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, total) };
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: (error as NodeJS.ErrnoException).code };
  } finally {
    fs.closeSync(fd);
  }
}
