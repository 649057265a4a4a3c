// What one aggregated CodeLens says about a symbol or a file, in words the tag above it does not already say:
// item titles (not IDs) with KR progress, debt by title and impact, constraints by title when they are all
// there is. Host-free so the wording is unit-tested; the host passes translated words.
import { isRetired } from '../analysis/codeFindings';
import type { IntentLink } from '../analysis/effectiveIntent';
import { krProgress } from '../manifest/progress';
import type { IntentGraph } from '../types';

/** The words a lens needs, translated by the host (English defaults below). */
export interface LensWords {
  constraints(count: number): string;
  debt(count: number): string;
  /** `{title} · {impact} impact` for a manifest debt item. */
  impact(impact: string): string;
  /** An inline `@debt <id>` tag: `slows {title}`. */
  slows(title: string): string;
  /** Suffix of an ID the manifest does not declare. */
  readonly unknown: string;
  /** Suffix of a retired item (achieved, dropped, superseded). */
  readonly retired: string;
  more(count: number): string;
  /** The marks before intent, constraints and debt (the editor uses its codicons: `$(flame)` renders as one). */
  readonly marks?: { readonly intent: string; readonly constraint: string; readonly debt: string };
}

const PLAIN_MARKS = { intent: '◎', constraint: '⚠', debt: '🔥' };

export const ENGLISH_LENS_WORDS: LensWords = {
  constraints: (n) => (n === 1 ? '1 constraint' : `${n} constraints`),
  debt: (n) => (n === 1 ? '1 debt' : `${n} debts`),
  impact: (i) => `${i} impact`,
  slows: (t) => `slows ${t}`,
  unknown: '(unknown)',
  retired: '(retired)',
  more: (n) => `+${n} more`,
};

/** How much one lens says: `full` names up to MAX_LENS_IDS items; `compact` names the first one only. */
export type LensDensity = 'full' | 'compact';

/** Items named in one lens before the rest is summed up as "+N more". */
export const MAX_LENS_IDS = 2;
/** A title longer than this is cut with an ellipsis (a lens is one line above code). */
export const MAX_LENS_TITLE = 40;

const KIND_ORDER = { objective: 0, keyResult: 1, problem: 2 } as const;

export function shortTitle(title: string, max = MAX_LENS_TITLE): string {
  const one = title.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

/**
 * `◎ Median casting cycle from 7 to 3 days 50% · Casting directors cannot filter… · ⚠ 2 constraints`, or
 * `⚠ <constraint title>` when constraints are all there is, `🔥 <debt title> · high impact` for debt; undefined
 * when the links say nothing. Unknown IDs are shown as written (there is no title to show).
 */
export function lensTitle(links: readonly IntentLink[], graph: IntentGraph, words: LensWords = ENGLISH_LENS_WORDS, density: LensDensity = 'full'): string | undefined {
  const named: { order: number; index: number; text: string }[] = [];
  const seen = new Set<string>();
  const constraints = new Map<string, string>();
  const debt = new Map<string, string>();
  links.forEach((link, index) => {
    const item = link.item;
    if (item?.kind === 'debt') {
      const text = item.impact ? `${shortTitle(item.title)} · ${words.impact(item.impact)}` : shortTitle(item.title);
      debt.set(item.id, text);
      return;
    }
    if (link.debt) {
      debt.set(`${link.id}@debt:${index}`, words.slows(item ? shortTitle(item.title, 32) : link.id));
      return;
    }
    if (item?.kind === 'constraint') {
      constraints.set(item.id, shortTitle(item.title));
      return;
    }
    if (seen.has(link.id)) return;
    seen.add(link.id);
    let text = item ? shortTitle(item.title) : `${link.id} ${words.unknown}`;
    if (item) {
      if (item.kind === 'keyResult') {
        const progress = krProgress(item);
        if (progress.percent !== undefined) text += ` ${progress.percent}%`;
      }
      if (isRetired(graph, item)) text += ` ${words.retired}`;
    }
    named.push({ order: item ? KIND_ORDER[item.kind] : 3, index, text });
  });
  named.sort((a, b) => a.order - b.order || a.index - b.index);
  const limit = density === 'compact' ? 1 : MAX_LENS_IDS;
  const parts = named.slice(0, limit).map((n) => n.text);
  if (named.length > limit) parts.push(words.more(named.length - limit));
  const mark = words.marks ?? PLAIN_MARKS;
  const out: string[] = [];
  if (parts.length) out.push(`${mark.intent} ${parts.join(' · ')}`);
  if (constraints.size > 0) {
    // Alone, a constraint is worth its title; beside intent, a count (the hover has the rest).
    const titles = [...constraints.values()];
    out.push(out.length === 0 ? `${mark.constraint} ${titles[0]}${titles.length > 1 ? ` · ${words.more(titles.length - 1)}` : ''}` : `${mark.constraint} ${words.constraints(constraints.size)}`);
  }
  if (debt.size > 0) out.push(debt.size === 1 && (out.length === 0 || density === 'full') ? `${mark.debt} ${[...debt.values()][0]}` : `${mark.debt} ${words.debt(debt.size)}`);
  return out.length > 0 ? out.join(' · ') : undefined;
}
