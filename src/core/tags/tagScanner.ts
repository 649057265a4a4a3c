// Finds @intent / @intent-file / @debt tags and TODO-style markers inside comments, in one linear pass: the
// entry points that join the comment lexer (where comments are) and the tag grammar (what they say).

import type { TagScan } from '../types';
import { canResumeAtLineStartsWith, lexUntil } from './commentLexer';
import { mayStartDirective } from './directives';
import { languageForPath, type LanguageSyntax } from './languages';
import { TagCollector } from './tagGrammar';

export const DEFAULT_MARKERS: readonly string[] = ['TODO', 'FIXME', 'HACK'];

export interface ScanOptions {
  readonly markers?: readonly string[];
}

const EMPTY_SCAN: TagScan = { tags: [], malformed: [], markers: [] };

/** Scan a file's text; files of unknown type yield an empty scan. Never throws on any input. */
export function scanTags(text: string, path: string, options?: ScanOptions): TagScan {
  const syntax = languageForPath(path);
  if (!syntax) return EMPTY_SCAN;
  return scanWithSyntax(text, syntax, options);
}

/** Scan text with an explicit syntax (tests, embedded documents). */
export function scanWithSyntax(text: string, syntax: LanguageSyntax, options?: ScanOptions): TagScan {
  return scanText(text, syntax, options?.markers ?? DEFAULT_MARKERS, 0, undefined);
}

/**
 * True when the lexer of this file's language can resume exactly at any line start where it was in plain code:
 * no decision it makes before a line start looks past that line start (no code escapes, char literal
 * heuristics, Rust raw strings or embedded regions).
 */
export function canResumeAtLineStarts(path: string): boolean {
  const syntax = languageForPath(path);
  return syntax !== undefined && canResumeAtLineStartsWith(syntax);
}

/**
 * scanTags for `text` that starts at line `lineBase` of a file, at a line start where the lexer is in plain code
 * (see canResumeAtLineStarts): positions come out in file lines. `onLineStart` receives, in ascending order,
 * offsets in `text` of line starts where the lexer was in plain code — places a later scan may resume from;
 * when it returns true the scan stops there (the result then holds only what lies before that offset).
 * With `reach` (a line start in `text`), the lexer goes at least that far, and reports `reach` to
 * `onLineStart` if and only if it is in plain code there.
 */
export function scanTagsFromLine(
  text: string,
  path: string,
  options: ScanOptions | undefined,
  lineBase: number,
  onLineStart: (offset: number) => boolean | void,
  reach?: number,
): TagScan {
  const syntax = languageForPath(path);
  if (!syntax) return EMPTY_SCAN;
  return scanText(text, syntax, options?.markers ?? DEFAULT_MARKERS, lineBase, onLineStart, reach);
}

function scanText(
  text: string,
  syntax: LanguageSyntax,
  markerWords: readonly string[],
  lineBase: number,
  onLineStart: ((offset: number) => boolean | void) | undefined,
  reach?: number,
): TagScan {
  // Only a comment holding a directive-like `@word` or a marker word can yield anything, so find those first
  // (native indexOf), lex no further than the last of them, and hand the collector only the comments that hold
  // one. An `@` whose word cannot be within one edit of a directive (Javadoc's `@param`, `@Override`) is no hit.
  const needles = ['@', ...markerWords.filter((w) => w !== '')];
  let last = -1;
  const hits: number[] = [];
  for (const w of needles) {
    // Forward indexOf is native and fast; V8's lastIndexOf is a naive backward loop.
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      if (w === '@' && !mayStartDirective(text.charCodeAt(at + 1), text.charCodeAt(at + 2))) continue;
      hits.push(at);
      if (at > last) last = at;
    }
  }
  if (reach !== undefined && reach > 0 && reach < text.length) {
    // A target on the line break before `reach`: the lexer goes that far, and skips plain code at most to `reach`.
    hits.push(reach - 1);
    if (reach > last) last = reach;
  }
  if (last < 0) return { tags: [], malformed: [], markers: [] };
  if (hits.length > 1) hits.sort((a, b) => a - b);
  const collector = new TagCollector(text, markerWords, lineBase);
  // Comments come in text order: one pointer into the sorted hits says whether a comment holds one.
  let h = 0;
  const onComment = (start: number, end: number): void => {
    while (h < hits.length && hits[h] < start) h++;
    if (h < hits.length && hits[h] < end) collector.comment(start, end);
  };
  lexUntil(text, syntax, onComment, undefined, last, hits, onLineStart, reach);
  return { tags: collector.tags, malformed: collector.malformed, markers: collector.markers };
}

/**
 * Tags, malformed tags and markers inside the comments that `forEachComment` reports (content ranges, in
 * text order) — what scanWithSyntax finds when given the comments of a lexer (e.g. the reference lexer).
 */
export function scanCommentRanges(
  text: string,
  forEachComment: (onComment: (start: number, end: number) => void) => void,
  options?: ScanOptions,
): TagScan {
  const collector = new TagCollector(text, options?.markers ?? DEFAULT_MARKERS);
  forEachComment((start, end) => collector.comment(start, end));
  return { tags: collector.tags, malformed: collector.malformed, markers: collector.markers };
}
