// What one aggregated CodeLens says about a symbol or a file: its objectives, KRs (with progress) and problems
// by ID, constraints and debt counted, never more than a few IDs. Host-free so the wording is unit-tested.
import { isRetired } from '../analysis/codeFindings';
import type { IntentLink } from '../analysis/effectiveIntent';
import { krProgress } from '../manifest/progress';
import type { IntentGraph } from '../types';

/** The words a lens needs, translated by the host (English defaults below). */
export interface LensWords {
  constraints(count: number): string;
  debt(count: number): string;
  /** Suffix of an ID the manifest does not declare. */
  readonly unknown: string;
  /** Suffix of a retired item (achieved, dropped, superseded). */
  readonly retired: string;
  more(count: number): string;
}

export const ENGLISH_LENS_WORDS: LensWords = {
  constraints: (n) => (n === 1 ? '1 constraint' : `${n} constraints`),
  debt: (n) => (n === 1 ? '1 debt' : `${n} debts`),
  unknown: '(unknown)',
  retired: '(retired)',
  more: (n) => `+${n} more`,
};

/** IDs named in one lens before the rest is summed up as "+N more". */
export const MAX_LENS_IDS = 4;

const KIND_ORDER = { objective: 0, keyResult: 1, problem: 2 } as const;

/**
 * `◎ kr:cycle-time 50% · problem:availability-search · 1 constraint`, or undefined when the links say nothing.
 * Objectives, KRs and problems are named (KRs with their progress when known); constraints and debt are counted.
 */
export function lensTitle(links: readonly IntentLink[], graph: IntentGraph, words: LensWords = ENGLISH_LENS_WORDS): string | undefined {
  const named: { order: number; index: number; text: string }[] = [];
  const seen = new Set<string>();
  const constraints = new Set<string>();
  const debt = new Set<string>();
  links.forEach((link, index) => {
    const item = link.item;
    if (link.debt || item?.kind === 'debt') {
      debt.add(link.debt ? `${link.id}@debt` : link.id);
      return;
    }
    if (item?.kind === 'constraint') {
      constraints.add(item.id);
      return;
    }
    if (seen.has(link.id)) return;
    seen.add(link.id);
    let text = link.id;
    if (!item) text += ` ${words.unknown}`;
    else {
      if (item.kind === 'keyResult') {
        const progress = krProgress(item);
        if (progress.percent !== undefined) text += ` ${progress.percent}%`;
      }
      if (isRetired(graph, item)) text += ` ${words.retired}`;
    }
    named.push({ order: item ? KIND_ORDER[item.kind] : 3, index, text });
  });
  named.sort((a, b) => a.order - b.order || a.index - b.index);
  const parts = named.slice(0, MAX_LENS_IDS).map((n) => n.text);
  if (named.length > MAX_LENS_IDS) parts.push(words.more(named.length - MAX_LENS_IDS));
  if (constraints.size > 0) parts.push(words.constraints(constraints.size));
  if (debt.size > 0) parts.push(words.debt(debt.size));
  return parts.length > 0 ? `◎ ${parts.join(' · ')}` : undefined;
}
