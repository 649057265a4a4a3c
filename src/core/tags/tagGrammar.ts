// The tag grammar: reads @intent / @intent-file / @debt tags, their misspellings and TODO-style markers out of
// the comment text the lexer found (one line of a comment at a time).

import { msg } from '../l10n';
import { ID_PATTERN, ID_REST_CLASS } from '../manifest/idSyntax';
import type { MalformedTag, Marker, Position, Range, Tag, TagKind, TagRef } from '../types';
import { isSpaceCode, isWordCode } from './charCodes';
import { directiveKind, typoOf } from './directives';

/** ` -- ` or ` — ` between the IDs and the note (not global: exec keeps no state). */
const NOTE_SEPARATOR = /\s(?:--|\u2014)(?=\s|$)/;
const STARTS_WITH_LETTER = /^[A-Za-z]/;
/** An ID with a typed prefix (`kr:cycle-time`, `debt:n-plus-one`): what makes a near-miss directive a typo. */
const TYPED_ID = new RegExp(`^[A-Za-z][A-Za-z0-9_-]*:[A-Za-z0-9]${ID_REST_CLASS}*$`);
/** First characters of what follows a variable in code, never of an ID list or a ` -- ` note. */
const OPERATOR_START = new Set([...'=([{.<>+*/%|&^?!;'].map((s) => s.charCodeAt(0)));
const DECORATION = new Set(['*', '/', '!', '#', ';', '%', '-', '<', '>'].map((s) => s.charCodeAt(0)));

export class TagCollector {
  readonly tags: Tag[] = [];
  readonly malformed: MalformedTag[] = [];
  readonly markers: Marker[] = [];
  private lineStarts: number[] | undefined;
  private linesDone = false;
  /** The comment line being read, and the backtick state up to the last directive asked about (see quoted). */
  private seg = '';
  private segStart = 0;
  private tickNext = -1;
  private tickOdd = false;

  constructor(
    private readonly text: string,
    private readonly markerWords: readonly string[],
    private readonly lineBase = 0,
  ) {}

  comment(start: number, end: number): void {
    const body = this.text.slice(start, end);
    /** Inside a ``` or ~~~ fence of a block comment: a code example (JSDoc, docstrings), where tags are quoted. */
    let fenced = false;
    let ls = 0;
    for (;;) {
      let le = body.indexOf('\n', ls);
      if (le < 0) le = body.length;
      let segEnd = le;
      if (segEnd > ls && body.charCodeAt(segEnd - 1) === 0x0d) segEnd--;
      const fence = le < body.length || ls > 0 ? this.isFence(start + ls, start + segEnd) : false;
      if (fence) fenced = !fenced;
      this.line(start + ls, start + segEnd, fenced || fence);
      if (le >= body.length) break;
      ls = le + 1;
    }
  }

  /** True when the line, past its spaces and comment decoration (` * `), opens or closes a code fence. */
  private isFence(start: number, end: number): boolean {
    const text = this.text;
    let k = start;
    while (k < end && (isSpaceCode(text.charCodeAt(k)) || DECORATION.has(text.charCodeAt(k)))) k++;
    const c = text.charCodeAt(k);
    return (c === 0x60 || c === 0x7e) && k + 2 < end && text.charCodeAt(k + 1) === c && text.charCodeAt(k + 2) === c;
  }

  private line(start: number, end: number, quoted: boolean): void {
    // Search within the segment only: an unbounded indexOf on the whole text would make this quadratic.
    const seg = this.text.slice(start, end);
    this.seg = seg;
    this.segStart = start;
    this.tickNext = seg.indexOf('`');
    this.tickOdd = false;
    let k = quoted ? -1 : seg.indexOf('@');
    while (k >= 0) {
      const next = this.directive(start + k, start, end);
      k = seg.indexOf('@', next - start);
    }
    if (this.markerWords.length > 0) this.marker(seg, start, end);
  }

  /** Handle a possible directive at `at`; returns where to continue searching. */
  private directive(at: number, segStart: number, segEnd: number): number {
    const text = this.text;
    if (at > segStart) {
      const prev = text.charCodeAt(at - 1);
      if (!isSpaceCode(prev)) {
        for (let k = segStart; k < at; k++) if (!DECORATION.has(text.charCodeAt(k))) return at + 1;
      }
    }
    let j = at + 1;
    while (j < segEnd) {
      const c = text.charCodeAt(j);
      if (!(isWordCode(c) || c === 0x2d) || c > 0x7f) break;
      j++;
    }
    const word = text.slice(at + 1, j);
    if (word === '' || !STARTS_WITH_LETTER.test(word)) return j > at + 1 ? j : at + 1;
    const kind = directiveKind(word);
    if (j < segEnd && !isSpaceCode(text.charCodeAt(j))) {
      if (kind && text.charCodeAt(j) === 0x3a && (j + 1 >= segEnd || isSpaceCode(text.charCodeAt(j + 1))) && !this.quoted(at)) {
        this.malformed.push({
          ...msg("Write '@{0} ID' without a colon after '@{0}'", word),
          range: this.range(at, j + 1),
        });
        return j + 1;
      }
      return j;
    }
    if (kind) return this.quoted(at) || this.codeFollows(j, segEnd) ? j : this.tag(kind, at, j, segEnd);
    // A near miss is reported only when an ID of the typed `prefix:name` shape follows: `@intnet kr:x`, not
    // `@Inject Foo`, `@insert WebServiceRef` or `@Intent` at the end of a sentence.
    const suggestion = typoOf(word);
    if (suggestion && this.typedIdAt(j, segEnd) && !this.quoted(at)) {
      this.malformed.push({
        ...msg("Unknown tag '@{0}': did you mean '{1}'?", word, suggestion),
        range: this.range(at, j),
      });
    }
    return j;
  }

  /**
   * True when the `@` at `at` lies inside a `code span` of its comment line: prose showing the syntax
   * (`` `// @intent kr:x` above a function ``), not a tag. Directives are asked for in ascending order within a
   * line, so the backticks before `at` are counted once per line (never rescanned: linear on any line).
   */
  private quoted(at: number): boolean {
    const rel = at - this.segStart;
    while (this.tickNext >= 0 && this.tickNext < rel) {
      this.tickOdd = !this.tickOdd;
      this.tickNext = this.seg.indexOf('`', this.tickNext + 1);
    }
    // Inside an open span, and a backtick after the directive word closes it on this line.
    return this.tickOdd && this.tickNext >= 0;
  }

  /**
   * True when an operator follows the directive word (`@intent = Intent.find(id)`, `@debt ||= x`): commented-out
   * code using a variable of that name (Ruby, Perl), not a tag.
   */
  private codeFollows(from: number, segEnd: number): boolean {
    const text = this.text;
    let j = from;
    while (j < segEnd && isSpaceCode(text.charCodeAt(j))) j++;
    return j < segEnd && OPERATOR_START.has(text.charCodeAt(j));
  }

  /** True when the first token after the spaces at `from` is an ID of the typed shape `kr:cycle-time`. */
  private typedIdAt(from: number, segEnd: number): boolean {
    const text = this.text;
    let j = from;
    while (j < segEnd && isSpaceCode(text.charCodeAt(j))) j++;
    if (j === from) return false;
    let k = j;
    while (k < segEnd && !isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== 0x2c) k++;
    while (k > j && text.charCodeAt(k - 1) === 0x2e) k--;
    return TYPED_ID.test(text.slice(j, k));
  }

  /** The first `@` after `from` that starts a token (after a space or comma, before a character), or segEnd. */
  private nextTokenAt(from: number, segEnd: number): number {
    const seg = this.seg;
    for (let k = seg.indexOf('@', from - this.segStart); k >= 0; k = seg.indexOf('@', k + 1)) {
      const a = this.segStart + k;
      if (a >= segEnd) break;
      const prev = this.text.charCodeAt(a - 1);
      const next = a + 1 < segEnd ? this.text.charCodeAt(a + 1) : 0x20;
      if ((isSpaceCode(prev) || prev === 0x2c) && !isSpaceCode(next) && next !== 0x2c) return a;
    }
    return segEnd;
  }

  /** Parse the IDs and note of a tag whose directive spans [at, dirEnd); returns where to continue. */
  private tag(kind: TagKind, at: number, dirEnd: number, segEnd: number): number {
    const text = this.text;
    const directive = text.slice(at, dirEnd);
    // The IDs run up to the note separator, or up to another directive on the same line.
    let idsEnd = segEnd;
    let noteStart = -1;
    // A separator past the next directive token never counts (the IDs stop at that token), so search only up
    // to it: a line of many tags is read in linear time, not one rest-of-line search per tag.
    const body = text.slice(dirEnd, this.nextTokenAt(dirEnd, segEnd));
    const sep = NOTE_SEPARATOR.exec(body);
    if (sep) {
      idsEnd = dirEnd + sep.index;
      noteStart = dirEnd + sep.index + sep[0].length;
    }
    const ids: TagRef[] = [];
    let invalid = 0;
    let lastComma = -1;
    let tokenAfterComma = true;
    let j = dirEnd;
    let continueAt = segEnd;
    while (j < idsEnd) {
      const c = text.charCodeAt(j);
      if (isSpaceCode(c)) {
        j++;
        continue;
      }
      if (c === 0x2c) {
        lastComma = j;
        tokenAfterComma = false;
        j++;
        continue;
      }
      let k = j;
      while (k < idsEnd && !isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== 0x2c) k++;
      if (c === 0x40 && k > j + 1) {
        // Another directive: this tag ends here.
        idsEnd = j;
        noteStart = -1;
        continueAt = j;
        break;
      }
      tokenAfterComma = true;
      let tokEnd = k;
      while (tokEnd > j + 1 && text.charCodeAt(tokEnd - 1) === 0x2e) tokEnd--;
      const token = text.slice(j, tokEnd);
      if (ID_PATTERN.test(token)) {
        ids.push({ id: token, range: this.range(j, tokEnd) });
      } else {
        invalid++;
        this.malformed.push({
          ...msg("Invalid ID '{0}' in {1}: an ID starts with a letter and contains only letters, digits and . _ : / - (put free text after ' -- ')", clip(text.slice(j, k)), directive),
          range: this.range(j, k),
        });
      }
      j = k;
    }
    if (lastComma >= 0 && !tokenAfterComma) {
      this.malformed.push({ ...msg('Dangling comma after the last ID in {0}', directive), range: this.range(lastComma, lastComma + 1) });
    }
    let tagEnd = noteStart >= 0 ? segEnd : idsEnd;
    if (continueAt < segEnd) tagEnd = continueAt;
    while (tagEnd > dirEnd && isSpaceCode(text.charCodeAt(tagEnd - 1))) tagEnd--;
    if (ids.length === 0) {
      if (invalid === 0) {
        this.malformed.push({
          ...msg("{0} needs at least one ID, e.g. '{0} kr:cycle-time'", directive),
          range: this.range(at, dirEnd),
        });
      }
      return continueAt;
    }
    const note = noteStart >= 0 && continueAt >= segEnd ? text.slice(noteStart, segEnd).trim() : '';
    const tag: Tag = note
      ? { kind, ids, note, range: this.range(at, tagEnd) }
      : { kind, ids, range: this.range(at, tagEnd) };
    this.tags.push(tag);
    return continueAt;
  }

  private marker(seg: string, start: number, end: number): void {
    const text = this.text;
    let best = -1;
    let bestWord = '';
    for (const word of this.markerWords) {
      if (!word) continue;
      let k = seg.indexOf(word);
      while (k >= 0) {
        if (best >= 0 && start + k >= best) break;
        if (this.isMarkerAt(start + k, word, start, end)) {
          best = start + k;
          bestWord = word;
          break;
        }
        k = seg.indexOf(word, k + 1);
      }
    }
    if (best < 0) return;
    let j = best + bestWord.length;
    if (text.charCodeAt(j) === 0x28) {
      const close = seg.indexOf(')', j - start);
      if (close >= 0) j = start + close + 1;
    }
    while (j < end && (isSpaceCode(text.charCodeAt(j)) || text.charCodeAt(j) === 0x3a || text.charCodeAt(j) === 0x2d)) j++;
    let e = end;
    while (e > j && isSpaceCode(text.charCodeAt(e - 1))) e--;
    let rangeEnd = e > best + bestWord.length ? e : best + bestWord.length;
    if (rangeEnd > end) rangeEnd = end;
    this.markers.push({ marker: bestWord, text: text.slice(j, e), range: this.range(best, rangeEnd) });
  }

  /** A marker is a whole word that starts the comment text or is followed by `:` or `(`. */
  private isMarkerAt(k: number, word: string, start: number, end: number): boolean {
    const text = this.text;
    const prev = k > start ? text.charCodeAt(k - 1) : -1;
    if (prev >= 0 && (isWordCode(prev) || prev === 0x40)) return false;
    const after = k + word.length;
    const next = after < end ? text.charCodeAt(after) : -1;
    if (next >= 0 && isWordCode(next)) return false;
    if (next === 0x3a || next === 0x28) return true;
    for (let p = start; p < k; p++) {
      const c = text.charCodeAt(p);
      if (!isSpaceCode(c) && !DECORATION.has(c)) return false;
    }
    return true;
  }

  private range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  private position(offset: number): Position {
    // Line starts are found lazily, only as far as the offsets asked for (past the last one, never).
    const starts = (this.lineStarts ??= [0]);
    while (!this.linesDone && starts[starts.length - 1] <= offset) {
      const k = this.text.indexOf('\n', starts[starts.length - 1]);
      if (k < 0) this.linesDone = true;
      else starts.push(k + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + this.lineBase, character: offset - starts[lo] };
  }
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}
