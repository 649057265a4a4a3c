// The effective intent at a place in the code: tags on it and its enclosing symbols, file tags, matching
// scopes and constraints, each with where it came from. Shared by the CLI's `explain` and the editor.
import { attributeTags, type AttributedTag } from '../tags/attribution';
import { english, message, type Message } from '../l10n';
import type { IntentGraph, IntentItem, SymbolNode, TagScan } from '../types';
import { globsOf } from './globs';

export type Provenance =
  /** A tag bound to the symbol at the place (here) or to an enclosing symbol. */
  | { readonly kind: 'tag'; readonly line: number; readonly symbol?: string; readonly here: boolean }
  /** An `@intent-file` tag, or a tag that binds to the whole file. */
  | { readonly kind: 'file'; readonly line: number }
  | { readonly kind: 'scope'; readonly glob: string; readonly manifest: string }
  | { readonly kind: 'appliesTo'; readonly glob: string; readonly manifest: string }
  /** Implied by another link: the objective of a linked KR, the KRs a linked problem moves. */
  | { readonly kind: 'derived'; readonly from: string };

export interface IntentLink {
  readonly id: string;
  /** Undefined when the ID is unknown to the manifest (the link is still shown, with IL010 on it). */
  readonly item: IntentItem | undefined;
  readonly via: Provenance;
  readonly note?: string;
  /** True for `@debt` tags: the place is debt that hurts the item (or anchors the debt item). */
  readonly debt?: boolean;
}

export interface EffectiveIntent {
  readonly file: string;
  /** 0-based line, or undefined for the whole file. */
  readonly line?: number;
  /** Names of the symbols enclosing the line, outermost first. */
  readonly symbols: readonly string[];
  readonly links: readonly IntentLink[];
}

export interface PlaceInput {
  readonly graph: IntentGraph;
  readonly file: string;
  /** 0-based; undefined = the whole file (every tag in it counts). */
  readonly line?: number;
  readonly scan?: TagScan;
  readonly symbols?: readonly SymbolNode[];
  /** The file's text: makes binding exact (trailing comments, docstrings, code between tag and symbol). */
  readonly text?: string;
  /** The scan's tags already bound (the code model's cached binding); computed here from symbols + text otherwise. */
  readonly bound?: readonly AttributedTag[];
}

function contains(symbol: SymbolNode, line: number): boolean {
  return symbol.range.start.line <= line && line <= symbol.range.end.line;
}

/** The chain of symbols containing a line, outermost first. */
export function symbolChainAt(symbols: readonly SymbolNode[] | undefined, line: number): SymbolNode[] {
  const chain: SymbolNode[] = [];
  let level = symbols ?? [];
  for (;;) {
    const next = level.find((s) => contains(s, line));
    if (!next) return chain;
    chain.push(next);
    level = next.children;
  }
}

export function effectiveIntent(input: PlaceInput): EffectiveIntent {
  const { graph, file, line, scan, symbols, text, bound } = input;
  const links: IntentLink[] = [];
  const chain = line === undefined ? [] : symbolChainAt(symbols, line);
  const innermost = chain[chain.length - 1];

  if (scan && scan.tags.length > 0) {
    for (const { tag, target } of bound ?? attributeTags(scan.tags, symbols, text)) {
      const tagLine = tag.range.start.line;
      const debt = tag.kind === 'debt';
      let via: Provenance | undefined;
      if (target.kind === 'file') {
        via = { kind: 'file', line: tagLine };
      } else {
        const bound = target.path[target.path.length - 1];
        if (line === undefined) {
          via = { kind: 'tag', line: tagLine, symbol: bound?.name, here: true };
        } else if (bound && chain.includes(bound)) {
          via = { kind: 'tag', line: tagLine, symbol: bound.name, here: bound === innermost };
        }
      }
      if (!via) continue;
      for (const ref of tag.ids) links.push({ id: ref.id, item: graph.items.get(ref.id), via, note: tag.note, debt });
    }
  }

  const globs = globsOf(graph);
  for (const { set, pattern: glob } of globs.scopes.matching(file)) {
    const scope = graph.scopes[set];
    for (const id of scope.serves) links.push({ id, item: graph.items.get(id), via: { kind: 'scope', glob, manifest: scope.source.manifest } });
  }
  for (const { set, pattern: glob } of globs.constraintGlobs.matching(file)) {
    const item = globs.constraints[set];
    links.push({ id: item.id, item, via: { kind: 'appliesTo', glob, manifest: item.source.manifest } });
  }

  return { file, line, symbols: chain.map((s) => s.name), links: withDerived(graph, dedupe(links)) };
}

function dedupe(links: IntentLink[]): IntentLink[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.id}|${l.debt ? 'd' : 'i'}|${JSON.stringify(l.via)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Adds the objectives of linked KRs and the KRs moved by linked problems, once each. */
function withDerived(graph: IntentGraph, links: IntentLink[]): IntentLink[] {
  const present = new Set(links.filter((l) => !l.debt).map((l) => l.id));
  const out = [...links];
  const add = (id: string, from: string) => {
    if (present.has(id)) return;
    present.add(id);
    out.push({ id, item: graph.items.get(id), via: { kind: 'derived', from } });
  };
  for (const link of links) {
    if (link.debt) continue;
    const item = link.item;
    if (item?.kind === 'problem') for (const kr of item.keyResults) add(kr, item.id);
  }
  for (const link of [...out]) {
    if (link.debt) continue;
    const item = link.item;
    if (item?.kind === 'keyResult') add(item.objective, item.id);
  }
  return out;
}

/** One line a person reads: where a link comes from. Lines are shown 1-based. */
export function describeProvenance(via: Provenance): string {
  return english(provenanceMessage(via));
}

/** describeProvenance as a translatable message. */
export function provenanceMessage(via: Provenance): Message {
  switch (via.kind) {
    case 'tag':
      return via.here
        ? message('tagged here (line {0})', via.line + 1)
        : via.symbol === undefined
          ? message('via enclosing symbol (line {0})', via.line + 1)
          : message('via enclosing {0} (line {1})', via.symbol, via.line + 1);
    case 'file':
      return message('file tag (line {0})', via.line + 1);
    case 'scope':
      return message('via scope {0} ({1})', via.glob, via.manifest);
    case 'appliesTo':
      return message('applies via {0} ({1})', via.glob, via.manifest);
    case 'derived':
      return message('via {0}', via.from);
  }
}
