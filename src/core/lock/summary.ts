// Suspect links for people: grouped by item ("kr:cycle-time changed (target: 3 → 2): 14 links to re-confirm")
// and the linked code rewritten since review, for `review`, the Review view and `report` (per key result).
import { escapeHtml, escapeMarkdown } from '../untrusted/markdown';
import { cleanText } from '../untrusted/text';
import type { IntentGraph } from '../types';
import { describeChange } from './itemFingerprint';
import { isSubstance, lockFindings, type LinkStatus } from './suspects';

export interface SuspectPlace {
  readonly file: string;
  /** 1-based line of the link's tag (or scope entry). */
  readonly line: number;
  readonly symbol?: string;
}

export interface ChangedItem {
  readonly id: string;
  readonly title: string;
  /** `target: 3 → 2`, … */
  readonly changes: readonly string[];
  readonly links: readonly SuspectPlace[];
}

export interface RewrittenCode extends SuspectPlace {
  readonly id: string;
  readonly kind: 'signature' | 'rewritten';
  /** Estimated share of token 3-grams that survived, 0–100. */
  readonly similarity: number;
}

export interface SuspectSummary {
  readonly items: readonly ChangedItem[];
  readonly code: readonly RewrittenCode[];
  readonly unreviewed: number;
  /** Suspect links (either side) per item ID. */
  readonly perItem: Readonly<Record<string, number>>;
}

function place(s: LinkStatus): SuspectPlace {
  return { file: s.link.file, line: s.link.range.start.line + 1, ...(s.link.symbol ? { symbol: s.link.symbol } : {}) };
}

export function suspectSummary(statuses: readonly LinkStatus[], graph: IntentGraph): SuspectSummary {
  const items = new Map<string, { changes: Set<string>; links: SuspectPlace[] }>();
  const code: RewrittenCode[] = [];
  const perItem: Record<string, number> = {};
  let unreviewed = 0;
  for (const s of statuses) {
    if (!s.entry) {
      unreviewed++;
      continue;
    }
    let suspect = false;
    if (s.itemChanges.length > 0) {
      let g = items.get(s.link.id);
      if (!g) items.set(s.link.id, (g = { changes: new Set(), links: [] }));
      for (const c of s.itemChanges) g.changes.add(describeChange(c));
      g.links.push(place(s));
      suspect = true;
    }
    const change = s.codeChange;
    if (change && isSubstance(change) && (change.kind === 'signature' || change.kind === 'rewritten')) {
      code.push({ id: s.link.id, ...place(s), kind: change.kind, similarity: Math.round(change.similarity * 100) });
      suspect = true;
    }
    if (suspect) perItem[s.link.id] = (perItem[s.link.id] ?? 0) + 1;
  }
  const byPlace = (a: SuspectPlace, b: SuspectPlace): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
  return {
    items: [...items].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, g]) => ({ id, title: graph.items.get(id)?.title ?? id, changes: [...g.changes], links: g.links.sort(byPlace) })),
    code: code.sort(byPlace),
    unreviewed,
    perItem,
  };
}

export function isEmptySummary(s: SuspectSummary): boolean {
  return s.items.length === 0 && s.code.length === 0 && s.unreviewed === 0;
}

function where(p: SuspectPlace): string {
  return `${p.file}:${p.line}${p.symbol ? ` (${p.symbol})` : ''}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Plain text for the terminal. */
export function summaryText(s: SuspectSummary): string {
  if (isEmptySummary(s)) return '';
  return summaryLines(s).join('\n');
}

function summaryLines(s: SuspectSummary): string[] {
  const out = ['Links to re-confirm (intent.lock):'];
  for (const i of s.items) {
    out.push(`  ${i.id} changed (${i.changes.join('; ')}): ${plural(i.links.length, 'link', 'links')} to re-confirm`);
    for (const p of i.links) out.push(`    ${where(p)}`);
  }
  for (const c of s.code) out.push(`  ${where(c)}: code ${c.kind === 'signature' ? 'signature changed' : 'rewritten'} (${c.similarity}% similar), link to ${c.id}`);
  if (s.unreviewed) out.push(`  ${plural(s.unreviewed, 'link', 'links')} never reviewed`);
  out.push('  confirm with: intent-lens accept ID | PATH[:LINE] | --all');
  return out.map(cleanText);
}

/** Untrusted text (titles, file names, field values) for Markdown: escaped, on one line. */
const md = escapeMarkdown;

/** Markdown for a PR comment. */
export function summaryMarkdown(s: SuspectSummary): string {
  if (isEmptySummary(s)) return '';
  const out = ['### Links to re-confirm', ''];
  for (const i of s.items) {
    out.push(`- **${md(i.id)}** changed (${md(i.changes.join('; '))}): ${plural(i.links.length, 'link', 'links')} to re-confirm`);
    for (const p of i.links) out.push(`  - ${md(where(p))}`);
  }
  for (const c of s.code) out.push(`- ${md(where(c))}: code ${c.kind === 'signature' ? 'signature changed' : 'rewritten'} (${c.similarity}% similar), link to ${md(c.id)}`);
  if (s.unreviewed) out.push(`- ${plural(s.unreviewed, 'link', 'links')} never reviewed`);
  out.push('', 'Confirm with `intent-lens accept ID | PATH[:LINE] | --all` once reviewed.');
  return out.join('\n');
}

/** The report's section: suspect links per key result (and other items), as Markdown or HTML. */
export function reportSection(s: SuspectSummary, graph: IntentGraph, format: 'markdown' | 'html'): string {
  const rows = Object.entries(s.perItem).sort(([a], [b]) => (a < b ? -1 : 1));
  if (rows.length === 0) return '';
  if (format === 'markdown') {
    return ['## Suspect links', '', '| item | title | suspect links |', '|---|---|---|', ...rows.map(([id, n]) => `| ${md(id)} | ${md(graph.items.get(id)?.title ?? '')} | ${n} |`)].join('\n');
  }
  const e = escapeHtml;
  return `<section class="objective"><h2>Suspect links</h2><table><tr><th>item</th><th>title</th><th>suspect links</th></tr>${rows.map(([id, n]) => `<tr><td class="id">${e(id)}</td><td>${e(graph.items.get(id)?.title ?? '')}</td><td>${n}</td></tr>`).join('')}</table></section>`;
}

/** An item's links that are suspect or never reviewed (IL040–IL042), as the agent tools report them. */
export function suspectLinksOf(statuses: readonly LinkStatus[], id: string, graph: IntentGraph): { code: string; file: string; line: number; message: string }[] {
  const mine = statuses.filter((s) => s.link.id === id);
  return lockFindings(mine, graph.items).map((f) => ({ code: f.code, file: f.file, line: f.range.start.line, message: f.message }));
}
