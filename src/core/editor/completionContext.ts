// Where an ID may be typed: after `@intent `, `@intent-file ` or `@debt ` (and after `, ` in their list) inside
// a comment of code, or in a manifest's reference lists (keyResults, hurts, serves, objectives, supersededBy).
import type { ItemKind, Range } from '../types';
import { languageForPath } from '../tags/languages';
import { lexComments } from '../tags/commentLexer';
import { TAG_DIRECTIVES } from '../tags/directives';
import { ID_REST_CLASS } from '../manifest/idSyntax';
import { LineIndex } from '../manifest/lineIndex';

export interface IdCompletionContext {
  /** The partial ID already typed, replaced by the completion. */
  readonly range: Range;
  readonly prefix: string;
  /** Kinds that fit here; undefined: every kind. */
  readonly kinds?: readonly ItemKind[];
}

const ID_CHARS = new RegExp(`${ID_REST_CLASS}*$`);
/** Text of the line before the cursor that ends a tag's ID list: `@intent a, b, ` + partial. */
const TAG_BEFORE = new RegExp(
  `(?:^|[^\\w@-])(?:${TAG_DIRECTIVES.join('|')})[ \\t]+(?:[A-Za-z]${ID_REST_CLASS}*[ \\t]*,[ \\t]*)*${ID_REST_CLASS}*$`,
);

/** Files longer than this are not lexed for completion (a comment check would cost too much per keystroke). */
const MAX_LEX = 2_000_000;

/** The ID completion context in a code file at `offset`, or undefined when no ID goes there. */
export function tagCompletionContext(text: string, offset: number, path: string): IdCompletionContext | undefined {
  const lines = new LineIndex(text);
  const pos = lines.position(offset);
  const lineStart = offset - pos.character;
  const before = text.slice(lineStart, offset);
  if (!TAG_BEFORE.test(before)) return undefined;
  const syntax = languageForPath(path);
  if (!syntax || text.length > MAX_LEX) return undefined;
  let inComment = false;
  lexComments(text.slice(0, Math.min(text.length, lines.lineEnd(pos.line))), syntax, (start, end) => {
    if (start <= offset && offset <= end) inComment = true;
  });
  if (!inComment) return undefined;
  const prefix = ID_CHARS.exec(before)![0];
  return { prefix, range: { start: { line: pos.line, character: pos.character - prefix.length }, end: pos } };
}

type Field = 'keyResults' | 'hurts' | 'serves' | 'objectives' | 'supersededBy';
const FIELD_KINDS: Record<Field, readonly ItemKind[] | undefined> = {
  keyResults: ['keyResult'],
  objectives: ['objective'],
  serves: ['objective', 'keyResult', 'problem'],
  hurts: undefined,
  supersededBy: undefined,
};
const FIELD_LINE = /^(\s*)(?:-\s+)?(keyResults|hurts|serves|objectives|supersededBy)\s*:\s*(.*)$/;

/** The ID completion context in a manifest at `offset`, or undefined outside its reference lists. */
export function manifestCompletionContext(text: string, offset: number): IdCompletionContext | undefined {
  const pos = new LineIndex(text).position(offset);
  const all = text.split(/\r\n|\r|\n/);
  const before = all[pos.line].slice(0, pos.character);
  if (/#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined; // in a comment
  const partial = ID_CHARS.exec(before)![0];
  const range: Range = { start: { line: pos.line, character: pos.character - partial.length }, end: pos };
  const head = FIELD_LINE.exec(before);
  if (head) {
    const [, indent, key, rest] = head;
    const field = key as Field;
    if (field === 'keyResults' && sectionAt(all, pos.line) === 'objectives') return undefined;
    if (field === 'objectives' && indent.length === 0) return undefined; // the top-level section itself
    // `key: partial` (a scalar, supersededBy) or `key: [a, b, partial` (a flow list).
    const scalarOk = field === 'supersededBy' && /^["']?[A-Za-z0-9._:/-]*$/.test(rest);
    const flowOk = /^\[(?:[^\]]*,)?\s*["']?[A-Za-z0-9._:/-]*$/.test(rest);
    if (!scalarOk && !flowOk) return undefined;
    return { prefix: partial, range, kinds: FIELD_KINDS[field] };
  }
  // A block list entry `  - partial` under `key:` on an earlier, less indented line.
  const item = /^(\s*)-\s+["']?[A-Za-z0-9._:/-]*$/.exec(before);
  if (!item) return undefined;
  const indent = item[1].length;
  for (let n = pos.line - 1; n >= 0 && n >= pos.line - 500; n--) {
    const t = all[n];
    if (/^\s*(#.*)?$/.test(t)) continue;
    const lead = /^\s*/.exec(t)![0].length;
    if (lead > indent || (lead === indent && /^\s*-\s/.test(t))) continue;
    const m = /^(\s*)(?:-\s+)?([A-Za-z]+)\s*:\s*(#.*)?$/.exec(t);
    if (!m || !Object.prototype.hasOwnProperty.call(FIELD_KINDS, m[2])) return undefined;
    const field = m[2] as Field;
    if (field === 'keyResults' && sectionAt(all, n) === 'objectives') return undefined;
    if (field === 'objectives' && lead === 0) return undefined;
    return { prefix: partial, range, kinds: FIELD_KINDS[field] };
  }
  return undefined;
}

/** The top-level section (`objectives`, `problems`, …) a line belongs to. */
function sectionAt(lines: readonly string[], line: number): string | undefined {
  for (let n = line; n >= 0; n--) {
    const m = /^([A-Za-z]+)\s*:/.exec(lines[n]);
    if (m) return m[1];
  }
  return undefined;
}
