// "Add 'kr:x' to intent.yaml": where a stub entry for a missing ID goes in the root manifest and its text,
// inserted at the end of the right section (by the ID's prefix) so comments and formatting stay as written.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { LineIndex } from '../manifest/lineIndex';
import type { Range } from '../types';

export type StubSection = 'objectives' | 'keyResults' | 'problems' | 'constraints' | 'debt';

const PREFIXES: readonly [string, StubSection][] = [
  ['obj:', 'objectives'],
  ['kr:', 'keyResults'],
  ['problem:', 'problems'],
  ['constraint:', 'constraints'],
  ['debt:', 'debt'],
];

/** The section a new ID belongs to by its typed prefix, or undefined when it has none. */
export function sectionForId(id: string): StubSection | undefined {
  return PREFIXES.find(([p]) => id.startsWith(p))?.[1];
}

export interface StubEdit {
  /** Replace this range (empty: insert) of the manifest with `text`. */
  readonly range: Range;
  readonly text: string;
  readonly section: StubSection;
  /** For a key result, the objective it was added to. */
  readonly objective?: string;
}

/**
 * The edit that adds `- id: <id>` / `title: <title>` to the manifest, or undefined when the ID has no typed
 * prefix, the manifest does not parse, or a KR has no objective to go under.
 */
export function stubEntryEdit(text: string, id: string, title = 'TODO'): StubEdit | undefined {
  const section = sectionForId(id);
  if (!section) return undefined;
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) return undefined;
  const lines = new LineIndex(text);
  const root = doc.contents as Node | null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entry = (indent: string) => `${indent}- id: ${id}${eol}${indent}  title: ${title}`;

  if (root !== null && !isMap(root)) return undefined;
  if (section === 'keyResults') {
    const objectives = root ? root.get('objectives', true) : undefined;
    if (!isSeq(objectives)) return undefined;
    const maps = objectives.items.filter((o): o is YAMLMap => isMap(o));
    const status = (o: YAMLMap) => {
      const s = o.get('status');
      return typeof s === 'string' ? s : undefined;
    };
    const target = maps.find((o) => status(o) === 'active') ?? maps.find((o) => status(o) === undefined || status(o) === 'proposed');
    if (!target) return undefined;
    const objectiveId = target.get('id');
    const edit = appendToList(text, lines, target, 'keyResults', entry, eol);
    return edit && { ...edit, section, objective: typeof objectiveId === 'string' ? objectiveId : undefined };
  }
  if (!root) {
    const prefix = text.length === 0 || /\n$/.test(text) ? '' : eol;
    const at = lines.position(text.length);
    return { range: { start: at, end: at }, text: `${prefix}${section}:${eol}${entry('  ')}${eol}`, section };
  }
  const edit = appendToList(text, lines, root, section, entry, eol);
  return edit && { ...edit, section };
}

function appendToList(
  text: string,
  lines: LineIndex,
  map: YAMLMap,
  key: string,
  entry: (indent: string) => string,
  eol: string,
): Omit<StubEdit, 'section'> | undefined {
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  const keyIndent = columnOf(text, lines, (map.items[0]?.key as Node | undefined)?.range?.[0] ?? map.range?.[0] ?? 0);
  const value = pair?.value as Node | null | undefined;
  if (isSeq(value) && !value.flow && value.items.length > 0) {
    const items = value.items as Node[];
    const last = items[items.length - 1];
    const contentStart = last.range?.[0] ?? 0;
    const lineStart = contentStart - lines.position(contentStart).character;
    const dash = text.slice(lineStart, contentStart).indexOf('-');
    const indent = ' '.repeat(Math.max(0, dash));
    const end = lines.position(valueEnd(text, last));
    const at = lines.position(lines.lineEnd(end.line));
    const blank = items.length >= 2 && hasBlankLineBefore(text, lines, items[items.length - 1]) ? eol : '';
    return { range: { start: at, end: at }, text: `${eol}${blank}${entry(indent)}` };
  }
  const indent = ' '.repeat(keyIndent + 2);
  if (pair && isScalar(pair.key) && pair.key.range && (value === null || value === undefined || (isScalar(value) && value.value === null) || (isSeq(value) && value.flow && value.items.length === 0))) {
    // `key:` with nothing, or `key: []`: the list starts on the next line.
    const afterKey = pair.key.range[1];
    const colon = text.indexOf(':', afterKey);
    const valueRange = value && 'range' in value && value.range ? value.range : undefined;
    const from = colon + 1;
    const to = valueRange && valueRange[1] > valueRange[0] ? valueRange[1] : from;
    return { range: lines.range(from, to), text: `${eol}${entry(indent)}` };
  }
  if (pair) return undefined; // a scalar or a flow list with items: not ours to rewrite
  // No such key: add it after the mapping's last value.
  const lastPair = map.items[map.items.length - 1];
  const lastNode = (lastPair?.value ?? lastPair?.key) as Node | undefined;
  const endOffset = lastNode ? valueEnd(text, lastNode) : map.range?.[1] ?? text.length;
  const endPos = lines.position(endOffset);
  const at = lines.position(lines.lineEnd(endPos.line));
  const keyText = ' '.repeat(keyIndent) + key;
  return { range: { start: at, end: at }, text: `${eol}${keyText}:${eol}${entry(indent)}` };
}

function columnOf(text: string, lines: LineIndex, offset: number): number {
  return lines.position(offset).character;
}

/** The end of a node's last value (block collections' ranges run on over trailing comments). */
function valueEnd(text: string, node: Node, depth = 0): number {
  const r = node.range ?? [0, 0, 0];
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0 && depth < 100) {
    const last = node.items[node.items.length - 1] as unknown;
    const lastNode = (isPair(last) ? (last.value ?? last.key) : last) as Node | null;
    if (lastNode?.range) return Math.max(r[0], valueEnd(text, lastNode, depth + 1));
  }
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

function hasBlankLineBefore(text: string, lines: LineIndex, node: Node): boolean {
  const start = lines.position(node.range?.[0] ?? 0).line;
  const all = text.split(/\r\n|\r|\n/);
  for (let n = start - 1; n >= 0; n--) {
    const t = all[n];
    if (/^\s*$/.test(t)) return true;
    if (!/^\s*#/.test(t)) return false;
  }
  return false;
}
