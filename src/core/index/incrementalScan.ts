// Incremental tag scan for files rescanned again and again (an editor saving the same file): for the few most
// recently rescanned files it keeps the previous bytes, the previous TagScan and the line starts where the lexer
// was in plain code. A new version is then decoded and lexed only from the last such line start before its first
// changed byte; everything the previous scan found above that line is reused as is. Exact: the result is always
// what scanTags gives for the whole decoded file.
import type { TagScan } from '../types';
import { canResumeAtLineStarts, scanTags, scanTagsFromLine } from '../tags/tagScanner';

export const INCREMENTAL_MAX_FILES = 8;
export const INCREMENTAL_MAX_BYTES = 16 * 1024 * 1024;
/** Paths remembered as "scanned once": a path scanned again while remembered gets a cache entry. */
const SEEN_MAX = 64;
/** Checkpoints kept at least this many characters apart (the last one is always kept). */
const CHECKPOINT_SPACING = 4096;

const decoder = new TextDecoder('utf-8', { fatal: false });
/** Decodes from a line start inside a file: a BOM there is text, not a byte order mark. */
const resumeDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

interface Entry {
  /** Holds the previous version's bytes in [0, length); may be larger (room to grow in place). */
  buf: Uint8Array;
  length: number;
  scan: TagScan;
  /** Line starts where the lexer was in plain code, ascending: line numbers and byte offsets. */
  cpLine: number[];
  cpByte: number[];
}

export interface IncrementalStats {
  readonly files: number;
  readonly bytes: number;
  /** Rescans that decoded and lexed only from a checkpoint after the file's start. */
  readonly resumed: number;
}

/** Length of the common prefix of a[0, aLen) and b. */
export function commonPrefix(a: Uint8Array, aLen: number, b: Uint8Array): number {
  const n = Math.min(aLen, b.length);
  let i = 0;
  // Whole 32-bit words when both arrays can be viewed at the same alignment.
  const shift = (4 - (a.byteOffset & 3)) & 3;
  if ((a.byteOffset & 3) === (b.byteOffset & 3) && n >= shift + 64) {
    while (i < shift) {
      if (a[i] !== b[i]) return i;
      i++;
    }
    const words = (n - shift) >>> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset + shift, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset + shift, words);
    let w = 0;
    while (w < words && wa[w] === wb[w]) w++;
    i = shift + w * 4;
  }
  while (i < n && a[i] === b[i]) i++;
  return i;
}

export class IncrementalScanner {
  private readonly entries = new Map<string, Entry>();
  private readonly seen = new Map<string, true>();
  private totalBytes = 0;
  private resumed = 0;

  constructor(
    private readonly maxFiles = INCREMENTAL_MAX_FILES,
    private readonly maxBytes = INCREMENTAL_MAX_BYTES,
    private readonly spacing = CHECKPOINT_SPACING,
  ) {}

  /** What scanTags(decode(bytes), path, { markers }) returns. `bytes` is not kept (copied when cached). */
  scan(path: string, bytes: Uint8Array, markers: readonly string[]): TagScan {
    const key = markers.join('\0') + '\0\0' + path;
    const entry = this.entries.get(key);
    if (!entry) {
      if (this.maxFiles <= 0 || bytes.length > this.maxBytes / 4 || !canResumeAtLineStarts(path)) {
        return scanTags(decoder.decode(bytes), path, { markers });
      }
      if (!this.seen.delete(key)) {
        // First scan of this path (a build scans every file once): only remember the path.
        this.seen.set(key, true);
        if (this.seen.size > SEEN_MAX) this.seen.delete(this.seen.keys().next().value!);
        return scanTags(decoder.decode(bytes), path, { markers });
      }
      return this.guarded(key, () => this.fresh(key, path, bytes, markers), path, bytes, markers);
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return this.guarded(key, () => this.resume(key, entry, path, bytes, markers), path, bytes, markers);
  }

  /** Any failure forgets the file and falls back to a full scan. */
  private guarded(key: string, op: () => TagScan, path: string, bytes: Uint8Array, markers: readonly string[]): TagScan {
    try {
      return op();
    } catch {
      this.drop(key);
      return scanTags(decoder.decode(bytes), path, { markers });
    }
  }

  stats(): IncrementalStats {
    return { files: this.entries.size, bytes: this.totalBytes, resumed: this.resumed };
  }

  clear(): void {
    this.entries.clear();
    this.seen.clear();
    this.totalBytes = 0;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.totalBytes -= e.buf.length;
  }

  /** Full scan that records checkpoints and caches the file. */
  private fresh(key: string, path: string, bytes: Uint8Array, markers: readonly string[]): TagScan {
    const text = decoder.decode(bytes);
    const cpLine = [0];
    const cpByte = [0];
    const scan = this.scanFrom(text, path, markers, bytes, 0, 0, cpLine, cpByte);
    this.drop(key);
    const buf = new Uint8Array(bytes.length + 4096);
    buf.set(bytes);
    this.entries.set(key, { buf, length: bytes.length, scan, cpLine, cpByte });
    this.totalBytes += buf.length;
    this.evict();
    return scan;
  }

  private evict(): void {
    while (this.entries.size > this.maxFiles || (this.totalBytes > this.maxBytes && this.entries.size > 0)) {
      this.drop(this.entries.keys().next().value!);
    }
  }

  private resume(key: string, e: Entry, path: string, bytes: Uint8Array, markers: readonly string[]): TagScan {
    const d = commonPrefix(e.buf, e.length, bytes);
    if (d === e.length && d === bytes.length) return e.scan;
    // Last checkpoint at or before the first changed byte (everything before it is unchanged).
    let lo = 0;
    let hi = e.cpByte.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (e.cpByte[mid] <= d) lo = mid;
      else hi = mid - 1;
    }
    const startByte = e.cpByte[lo];
    if (startByte === 0) return this.fresh(key, path, bytes, markers);
    const startLine = e.cpLine[lo];
    this.resumed++;
    e.cpLine.length = lo + 1;
    e.cpByte.length = lo + 1;
    const text = resumeDecoder.decode(bytes.subarray(startByte));
    const tail = this.scanFrom(text, path, markers, bytes, startLine, startByte, e.cpLine, e.cpByte);
    const prev = e.scan;
    const scan: TagScan = {
      tags: joinAt(prev.tags, tail.tags, startLine),
      malformed: joinAt(prev.malformed, tail.malformed, startLine),
      markers: joinAt(prev.markers, tail.markers, startLine),
    };
    // Keep the new bytes: in place from the first change when they fit, else in a bigger buffer.
    if (bytes.length <= e.buf.length) {
      e.buf.set(bytes.subarray(d), d);
    } else {
      const buf = new Uint8Array(bytes.length + (bytes.length >> 3) + 4096);
      buf.set(bytes);
      this.totalBytes += buf.length - e.buf.length;
      e.buf = buf;
    }
    e.length = bytes.length;
    e.scan = scan;
    this.evict();
    return scan;
  }

  /**
   * Scan `text` (bytes[startByte…] decoded, at line `startLine`) and append its checkpoints, thinned, to
   * cpLine/cpByte (whose last entry is the start itself).
   */
  private scanFrom(
    text: string,
    path: string,
    markers: readonly string[],
    bytes: Uint8Array,
    startLine: number,
    startByte: number,
    cpLine: number[],
    cpByte: number[],
  ): TagScan {
    const kept: number[] = [];
    let lastKept = 0;
    let pending = -1;
    const scan = scanTagsFromLine(text, path, { markers }, startLine, (p) => {
      if (p <= lastKept) return;
      if (p - lastKept >= this.spacing) {
        kept.push(p);
        lastKept = p;
        pending = -1;
      } else {
        pending = p;
      }
    });
    if (pending > lastKept) kept.push(pending);
    // Line number and byte offset of each kept line start: walk both line by line (a '\n' is one byte).
    let c = 0;
    let line = startLine;
    let b = startByte;
    for (const p of kept) {
      while (c < p) {
        c = text.indexOf('\n', c) + 1;
        b = bytes.indexOf(0x0a, b) + 1;
        if (c === 0 || b === 0) throw new Error('checkpoint is not a line start');
        line++;
      }
      cpLine.push(line);
      cpByte.push(b);
    }
    return scan;
  }
}

/** The items of `prev` on lines before `line`, then `tail` (both in text order). */
function joinAt<T extends { readonly range: { readonly start: { readonly line: number } } }>(
  prev: readonly T[],
  tail: readonly T[],
  line: number,
): T[] {
  let lo = 0;
  let hi = prev.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prev[mid].range.start.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? tail.slice() : prev.slice(0, lo).concat(tail);
}
