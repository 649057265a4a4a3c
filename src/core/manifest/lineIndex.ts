// Offsets in a manifest's text ↔ 0-based line/character positions (UTF-16, like vscode.Position).
import type { Position, Range } from '../types';

/** A line-start table over one text; `\n`, `\r\n` and a lone `\r` each end a line (as in YAML and VS Code). */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset, clamped to the text. */
  position(offset: number): Position {
    const off = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a line break (the `\n` of `\r\n`) is the end of its line.
    return { line: lo, character: Math.min(off, this.lineEnd(lo)) - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    const s = this.position(start);
    const e = this.position(Math.max(start, end));
    return { start: s, end: e };
  }

  /** Offset just past the last character of `line` (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 < this.starts.length) {
      let end = this.starts[line + 1] - 1;
      if (end > this.starts[line] && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
      return end;
    }
    return this.text.length;
  }
}
