// Incremental tag scan for files rescanned again and again (an editor saving the same file): for the few most
// recently rescanned files it keeps the previous bytes, the previous TagScan and the line starts where the lexer
// was in plain code. A new version is then decoded and lexed only from the last such line start before its first
// changed byte; everything the previous scan found above that line is reused as is. It re-syncs after the
// change: the old checkpoint at or after the end of the changed bytes (common suffix) maps to a line start of the
// new text; if the lexer is in plain code there too, its state and every byte after it are those of the old
// version, so it stops and the old results below are reused, moved by the line delta. Exact: the result is
// always what scanTags gives for the whole decoded file.
import type { Range, Tag, TagScan } from '../types';
import { canResumeAtLineStarts, scanTags, scanTagsFromLine } from '../tags/tagScanner';

export const INCREMENTAL_MAX_FILES = 8;
export const INCREMENTAL_MAX_BYTES = 16 * 1024 * 1024;
/** Paths remembered as "scanned once": a path scanned again while remembered gets a cache entry. */
const SEEN_MAX = 64;
/** Checkpoints kept at least this many characters apart (the last one is always kept). */
const CHECKPOINT_SPACING = 4096;

const decoder = new TextDecoder('utf-8', { fatal: false });
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
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
  /** Rescans that stopped lexing at a re-sync point before the end of the file. */
  readonly resynced: number;
  /** Bytes decoded and lexed by rescans of cached files (instrumentation). */
  readonly lexedBytes: number;
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

/** Length of the common suffix of a[0, aLen) and b, at most `max`. */
export function commonSuffix(a: Uint8Array, aLen: number, b: Uint8Array, max: number): number {
  const n = Math.min(aLen, b.length, max);
  let i = 0;
  let ia = aLen - 1;
  let ib = b.length - 1;
  // Byte by byte up to a word boundary of `a`, then 32-bit words (unaligned reads of `b` through a DataView).
  while (i < n && ((a.byteOffset + ia + 1) & 3) !== 0) {
    if (a[ia] !== b[ib]) return i;
    i++;
    ia--;
    ib--;
  }
  if (n - i >= 64) {
    const wa = new Uint32Array(a.buffer, 0, (a.byteOffset + ia + 1) >>> 2);
    let w = wa.length - 1;
    let wi = ib - 3 + b.byteOffset;
    const words = (n - i) >>> 2;
    let k = 0;
    if (((b.byteOffset + ib + 1) & 3) === 0) {
      const wb = new Uint32Array(b.buffer, 0, (b.byteOffset + ib + 1) >>> 2);
      let v = wb.length - 1;
      while (k < words && wa[w] === wb[v]) {
        k++;
        w--;
        v--;
      }
    } else {
      const view = new DataView(b.buffer);
      while (k < words && wa[w] === view.getUint32(wi, LITTLE_ENDIAN)) {
        k++;
        w--;
        wi -= 4;
      }
    }
    i += k * 4;
    ia -= k * 4;
    ib -= k * 4;
  }
  while (i < n && a[ia] === b[ib]) {
    i++;
    ia--;
    ib--;
  }
  return i;
}

export class IncrementalScanner {
  private readonly entries = new Map<string, Entry>();
  private readonly seen = new Map<string, true>();
  private totalBytes = 0;
  private resumed = 0;
  private resynced = 0;
  private lexedBytes = 0;

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
    return { files: this.entries.size, bytes: this.totalBytes, resumed: this.resumed, resynced: this.resynced, lexedBytes: this.lexedBytes };
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
    const scan = this.scanFrom(text, path, markers, bytes, 0, 0, cpLine, cpByte).scan;
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
    const oldLen = e.length;
    const d = commonPrefix(e.buf, oldLen, bytes);
    if (d === oldLen && d === bytes.length) return e.scan;
    // Last checkpoint at or before the first changed byte (everything before it is unchanged).
    let lo = 0;
    let hi = e.cpByte.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (e.cpByte[mid] <= d) lo = mid;
      else hi = mid - 1;
    }
    const startByte = e.cpByte[lo];
    const scan = this.resync(e, path, bytes, markers, d, lo) ?? this.toEnd(key, e, path, bytes, markers, lo);
    if (!scan) return this.fresh(key, path, bytes, markers);
    if (startByte > 0) this.resumed++;
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

  /** Lex from checkpoint `lo` to the end of the file (undefined: lex the whole file instead). */
  private toEnd(key: string, e: Entry, path: string, bytes: Uint8Array, markers: readonly string[], lo: number): TagScan | undefined {
    const startByte = e.cpByte[lo];
    if (startByte === 0) return undefined;
    const startLine = e.cpLine[lo];
    e.cpLine.length = lo + 1;
    e.cpByte.length = lo + 1;
    const text = resumeDecoder.decode(bytes.subarray(startByte));
    this.lexedBytes += bytes.length - startByte;
    const tail = this.scanFrom(text, path, markers, bytes, startLine, startByte, e.cpLine, e.cpByte).scan;
    const prev = e.scan;
    return {
      tags: joinAt(prev.tags, tail.tags, startLine),
      malformed: joinAt(prev.malformed, tail.malformed, startLine),
      markers: joinAt(prev.markers, tail.markers, startLine),
    };
  }

  /**
   * Lex from checkpoint `lo` only to the first old checkpoint at or after the end of the changed bytes, moved to
   * the new text; if the lexer is in plain code at that line start, reuse the old results after it. Undefined
   * (nothing changed in `e`) when there is no such checkpoint or the lexer is not in plain code there.
   */
  private resync(e: Entry, path: string, bytes: Uint8Array, markers: readonly string[], d: number, lo: number): TagScan | undefined {
    const oldLen = e.length;
    const s = commonSuffix(e.buf, oldLen, bytes, Math.min(oldLen, bytes.length) - d);
    const oldEnd = oldLen - s;
    const delta = bytes.length - oldLen;
    const cpByte = e.cpByte;
    let j = lo;
    let hi = cpByte.length;
    while (j < hi) {
      const mid = (j + hi) >> 1;
      if (cpByte[mid] < oldEnd) j = mid + 1;
      else hi = mid;
    }
    if (j >= cpByte.length) return undefined;
    const at = cpByte[j] + delta;
    if (at >= bytes.length) return undefined;
    const startByte = cpByte[lo];
    const startLine = e.cpLine[lo];
    const cpLine: number[] = e.cpLine.slice(0, lo + 1);
    const cpB: number[] = cpByte.slice(0, lo + 1);
    let window: TagScan = { tags: [], malformed: [], markers: [] };
    let line = startLine;
    if (at > startByte) {
      const nl = bytes.indexOf(0x0a, at);
      const end = nl < 0 ? bytes.length : nl + 1;
      const head = (startByte === 0 ? decoder : resumeDecoder).decode(bytes.subarray(startByte, at));
      const text = head + resumeDecoder.decode(bytes.subarray(at, end));
      this.lexedBytes += end - startByte;
      const r = this.scanFrom(text, path, markers, bytes, startLine, startByte, cpLine, cpB, head.length);
      if (!r.reached) return undefined;
      window = r.scan;
      for (let c = head.indexOf('\n'); c >= 0; c = head.indexOf('\n', c + 1)) line++;
    } else if (startByte > 0 && bytes[at - 1] !== 0x0a) {
      return undefined;
    }
    // Re-synced at new byte `at`, line `line` (old checkpoint j).
    this.resynced++;
    const lineDelta = line - e.cpLine[j];
    if (cpB[cpB.length - 1] !== at) {
      cpLine.push(line);
      cpB.push(at);
    }
    for (let k = j + 1; k < cpByte.length; k++) {
      cpLine.push(e.cpLine[k] + lineDelta);
      cpB.push(cpByte[k] + delta);
    }
    const prev = e.scan;
    const oldLine = e.cpLine[j];
    e.cpLine = cpLine;
    e.cpByte = cpB;
    return {
      tags: splice(prev.tags, window.tags, startLine, oldLine, lineDelta, shiftTag),
      malformed: splice(prev.malformed, window.malformed, startLine, oldLine, lineDelta, shiftItem),
      markers: splice(prev.markers, window.markers, startLine, oldLine, lineDelta, shiftItem),
    };
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
    reach?: number,
  ): { scan: TagScan; reached: boolean } {
    const kept: number[] = [];
    let lastKept = 0;
    let pending = -1;
    let reached = false;
    const scan = scanTagsFromLine(text, path, { markers }, startLine, (p) => {
      if (reach !== undefined && p >= reach) {
        reached = p === reach;
        return true;
      }
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
    return { scan, reached };
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

/** The items of `prev` on lines before `from`, then `mid`, then those of `prev` from line `resume` on, moved by `delta` lines. */
function splice<T extends { readonly range: Range }>(
  prev: readonly T[],
  mid: readonly T[],
  from: number,
  resume: number,
  delta: number,
  shift: (item: T, delta: number) => T,
): T[] {
  const a = lowerBound(prev, from);
  const b = lowerBound(prev, resume);
  const out = prev.slice(0, a);
  for (const x of mid) out.push(x);
  if (delta === 0) for (let k = b; k < prev.length; k++) out.push(prev[k]);
  else for (let k = b; k < prev.length; k++) out.push(shift(prev[k], delta));
  return out;
}

/** Index of the first item of `items` starting on line `line` or later. */
function lowerBound(items: readonly { readonly range: Range }[], line: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].range.start.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shiftRange(r: Range, delta: number): Range {
  return {
    start: { line: r.start.line + delta, character: r.start.character },
    end: { line: r.end.line + delta, character: r.end.character },
  };
}

function shiftItem<T extends { readonly range: Range }>(item: T, delta: number): T {
  return { ...item, range: shiftRange(item.range, delta) };
}

function shiftTag(tag: Tag, delta: number): Tag {
  return { ...tag, ids: tag.ids.map((id) => ({ ...id, range: shiftRange(id.range, delta) })), range: shiftRange(tag.range, delta) };
}
