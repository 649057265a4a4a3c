// Text of the comments the tech-lead commands write: `@intent` / `@debt` tags in the file's comment syntax,
// indented like the code they describe, and the minimal edit (insert a line, extend a tag, rewrite a TODO).
import { languageForPath } from '../tags/languages';
import { scanTags } from '../tags/tagScanner';
import type { Range } from '../types';

/** A replacement of `range` by `text` (an insertion when the range is empty). */
export interface TextEdit {
  readonly range: Range;
  readonly text: string;
}

export interface CommentSyntax {
  readonly open: string;
  /** '' for a line comment. */
  readonly close: string;
}

/** The comment to write tags in: the language's line comment, else its block comment; undefined if none. */
export function commentSyntaxFor(path: string): CommentSyntax | undefined {
  const syntax = languageForPath(path);
  if (!syntax) return undefined;
  if (syntax.line.length > 0) return { open: syntax.line[0], close: '' };
  const block = syntax.block[0];
  return block ? { open: block.open, close: block.close } : undefined;
}

/** One line of note: newlines become spaces, and a block comment's closer cannot end the comment early. */
export function cleanNote(note: string, syntax?: CommentSyntax): string {
  let text = note.replace(/\s+/g, ' ').trim();
  if (syntax?.close) text = text.split(syntax.close).join(syntax.close.split('').join(' '));
  return text;
}

/** e.g. `// @intent kr:a, kr:b -- note` or `<!-- @debt kr:a -->`. */
export function tagComment(syntax: CommentSyntax, directive: '@intent' | '@debt', ids: readonly string[], note?: string): string {
  const clean = note ? cleanNote(note, syntax) : '';
  const body = `${directive} ${ids.join(', ')}${clean ? ` -- ${clean}` : ''}`;
  return syntax.close ? `${syntax.open} ${body} ${syntax.close}` : `${syntax.open} ${body}`;
}

export function lineAt(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

export function indentOf(lineText: string): string {
  return /^[ \t]*/.exec(lineText)![0];
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function insertAt(line: number, character: number, text: string): TextEdit {
  return { range: { start: { line, character }, end: { line, character } }, text };
}

export type LinkPlan =
  | { readonly kind: 'insert' | 'extend'; readonly edit: TextEdit; readonly added: readonly string[] }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'unsupported' };

/**
 * Link the declaration starting at `line` to `ids`: extend the `@intent` tag on the line directly above it
 * (adding only the IDs it lacks), or insert `<comment> @intent a, b` above it with its indentation.
 */
export function planIntentLink(text: string, path: string, line: number, ids: readonly string[]): LinkPlan {
  const syntax = commentSyntaxFor(path);
  if (!syntax) return { kind: 'unsupported' };
  const unique = [...new Set(ids)];
  if (line > 0) {
    const existing = scanTags(text, path, { markers: [] }).tags.find((t) => t.kind === 'intent' && t.range.start.line === line - 1);
    if (existing) {
      const have = new Set(existing.ids.map((r) => r.id));
      const added = unique.filter((id) => !have.has(id));
      if (added.length === 0) return { kind: 'unchanged' };
      const last = existing.ids[existing.ids.length - 1].range.end;
      return { kind: 'extend', edit: insertAt(last.line, last.character, `, ${added.join(', ')}`), added };
    }
  }
  if (unique.length === 0) return { kind: 'unchanged' };
  const indent = indentOf(lineAt(text, line));
  return { kind: 'insert', edit: insertAt(line, 0, `${indent}${tagComment(syntax, '@intent', unique)}${eolOf(text)}`), added: unique };
}

/** Insert `<comment> @debt ids -- note` above `line`, with that line's indentation. */
export function planDebtTag(text: string, path: string, line: number, ids: readonly string[], note: string): TextEdit | undefined {
  const syntax = commentSyntaxFor(path);
  if (!syntax || ids.length === 0) return undefined;
  const indent = indentOf(lineAt(text, line));
  return insertAt(line, 0, `${indent}${tagComment(syntax, '@debt', [...new Set(ids)], note)}${eolOf(text)}`);
}

/**
 * Turn a TODO-style marker into a debt tag: `// TODO: cache it` → `// @debt kr:a -- cache it`. Replaces the
 * marker word and what separates it from its text (`:`, `(who)`, dashes, spaces); nothing else on the line.
 * `character` is where the index saw the marker; the line is searched again when the buffer moved on.
 */
export function planTriage(lineText: string, line: number, character: number, marker: string, ids: readonly string[]): TextEdit | undefined {
  if (ids.length === 0) return undefined;
  let at = lineText.startsWith(marker, character) ? character : -1;
  if (at < 0) {
    const re = new RegExp(`(^|[^A-Za-z0-9_@])(${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![A-Za-z0-9_])`);
    const m = re.exec(lineText);
    if (!m) return undefined;
    at = m.index + m[1].length;
  }
  let end = at + marker.length;
  if (lineText[end] === '(') {
    const close = lineText.indexOf(')', end);
    if (close >= 0) end = close + 1;
  }
  while (end < lineText.length && /[\s:-]/.test(lineText[end])) end++;
  const rest = lineText.slice(end).trim();
  const tag = `@debt ${[...new Set(ids)].join(', ')}`;
  return { range: { start: { line, character: at }, end: { line, character: end } }, text: rest ? `${tag} -- ` : tag };
}
