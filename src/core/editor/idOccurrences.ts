// Every place an ID is written: its declaration(s) and references in the manifests, and the code tags naming
// it. Find-references and rename both read this list, so they always agree.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { LineIndex } from '../manifest/lineIndex';
import { parseManifest, type ParsedManifest } from '../manifest/parseManifest';
import type { Range } from '../types';
import { isHttpUrl } from '../untrusted/uri';

export type OccurrenceKind = 'declaration' | 'reference' | 'tag';

export interface IdOccurrence {
  readonly file: string;
  /** The ID itself, without surrounding quotes. */
  readonly range: Range;
  readonly kind: OccurrenceKind;
}

/** The range of an ID written at `range` in `text`, without the quotes of a quoted scalar. */
export function unquotedRange(lines: readonly string[], range: Range): Range {
  if (range.start.line !== range.end.line) return range;
  const line = lines[range.start.line] ?? '';
  const first = line[range.start.character];
  const last = line[range.end.character - 1];
  if ((first === '"' || first === "'") && last === first && range.end.character - range.start.character >= 2) {
    return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
  }
  return range;
}

/** Declarations and references of `id` in one manifest's text (parsed here; undefined when it does not parse). */
export function manifestOccurrences(path: string, text: string, id: string, parsed?: ParsedManifest): IdOccurrence[] {
  const manifest = parsed ?? parseManifest(text, path).manifest;
  if (!manifest) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const out: IdOccurrence[] = [];
  for (const item of manifest.items) {
    if (item.id === id) out.push({ file: path, range: unquotedRange(lines, item.source.idRange), kind: 'declaration' });
  }
  for (const ref of manifest.references) {
    if (ref.id === id) out.push({ file: path, range: unquotedRange(lines, ref.range), kind: 'reference' });
  }
  return sortOccurrences(out);
}

export function sortOccurrences(list: readonly IdOccurrence[]): IdOccurrence[] {
  return [...list].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** What sits at a position of a manifest: an item's ID (declaration) or a reference to one. */
export function manifestIdAt(path: string, text: string, line: number, character: number, parsed?: ParsedManifest): { id: string; range: Range; kind: 'declaration' | 'reference' } | undefined {
  const manifest = parsed ?? parseManifest(text, path).manifest;
  if (!manifest) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const inside = (r: Range) =>
    (r.start.line < line || (r.start.line === line && r.start.character <= character)) &&
    (r.end.line > line || (r.end.line === line && character <= r.end.character));
  for (const item of manifest.items) {
    if (inside(item.source.idRange)) return { id: item.id, range: unquotedRange(lines, item.source.idRange), kind: 'declaration' };
  }
  for (const ref of manifest.references) {
    if (inside(ref.range)) return { id: ref.id, range: unquotedRange(lines, ref.range), kind: 'reference' };
  }
  return undefined;
}

export interface ManifestLink {
  readonly range: Range;
  readonly url: string;
}

/** The http(s) URLs written as problem evidence or debt trackers, with their ranges (quotes excluded). */
export function manifestLinks(text: string): ManifestLink[] {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const index = new LineIndex(text);
  const lines = text.split(/\r\n|\r|\n/);
  const out: ManifestLink[] = [];
  const add = (node: unknown) => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    const url = node.value.trim();
    // The one link rule (no lone surrogate either: the editor's Uri.parse would throw on it).
    if (!isHttpUrl(url)) return;
    out.push({ range: unquotedRange(lines, index.range(node.range[0], node.range[1])), url });
  };
  const section = (name: string) => {
    const seq = doc.contents && isMap(doc.contents) ? doc.contents.get(name, true) : undefined;
    return isSeq(seq) ? (seq.items as Node[]).filter(isMap) : [];
  };
  for (const problem of section('problems')) {
    const evidence = problem.get('evidence', true);
    if (isSeq(evidence)) for (const e of evidence.items) add(e);
    else add(evidence);
  }
  for (const debt of section('debt')) {
    const pair = debt.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'tracker');
    if (pair) add(pair.value);
  }
  return out;
}
