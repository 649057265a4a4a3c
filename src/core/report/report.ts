// The product view of a workspace: per objective and key result, progress, the code that serves it, debt
// ranked by what it hurts, untriaged TODOs, findings and (optionally) recent activity. Host-free data; the
// Markdown, JSON and HTML renderers only format it.
import { compileGlobs } from '../analysis/globs';
import { isRetired } from '../analysis/codeFindings';
import { summarize, type FindingSummary } from '../findings/format';
import { krProgress, type KrProgress } from '../manifest/progress';
import { isManifestPath } from '../project';
import type { ReviewIndex } from '../review/links';
import { attributeTags } from '../tags/attribution';
import { languageForPath } from '../tags/languages';
import type { DebtCost, DebtImpact, Finding, IntentGraph, IntentItem, Status, SymbolNode } from '../types';

/** A commit of the activity window (from `git log --since --name-only`). */
export interface CommitInfo {
  readonly sha: string;
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  readonly files: readonly string[];
}

export interface ReportInput {
  readonly graph: IntentGraph;
  readonly index: ReviewIndex;
  readonly findings: readonly Finding[];
  /** Declarations of tagged files, to name the symbols that serve an item. */
  readonly symbols?: (file: string) => Promise<readonly SymbolNode[] | undefined>;
  /** Commits of the period, newest first, with the period's label (e.g. `30d`). */
  readonly activity?: { readonly since: string; readonly sinceDate: string; readonly commits: readonly CommitInfo[] };
  /** ISO timestamp shown in the report (default: now). */
  readonly generatedAt?: string;
}

export interface SymbolRef {
  readonly file: string;
  /** 0-based line of the tag. */
  readonly line: number;
  readonly name: string;
}

export interface CodeServing {
  /** Files linked to the item by a tag or a scope, directly or through a linked problem or KR. */
  readonly files: readonly string[];
  /** Tagged declarations (or file tags, name ''), direct links only. */
  readonly symbols: readonly SymbolRef[];
}

export interface DebtEntry {
  /** The debt item's ID, or undefined for an inline `@debt ITEM -- note` tag. */
  readonly id?: string;
  readonly title: string;
  readonly impact?: DebtImpact;
  readonly cost?: DebtCost;
  readonly tracker?: string;
  readonly hurts: readonly string[];
  /** Where the code anchors it (`@debt` tags), 0-based lines. */
  readonly anchors: readonly { readonly file: string; readonly line: number }[];
}

export interface Activity {
  readonly commits: readonly Omit<CommitInfo, 'files'>[];
  readonly files: readonly string[];
}

export interface KrReport {
  readonly id: string;
  readonly title: string;
  readonly status?: Status;
  readonly owner?: string;
  readonly retired: boolean;
  readonly progress: KrProgress;
  readonly problems: readonly { readonly id: string; readonly title: string }[];
  readonly code: CodeServing;
  readonly debt: readonly DebtEntry[];
  readonly activity?: Activity;
}

export interface ObjectiveReport {
  readonly id: string;
  readonly title: string;
  readonly status?: Status;
  readonly owner?: string;
  readonly period?: string;
  readonly retired: boolean;
  readonly keyResults: readonly KrReport[];
  readonly code: CodeServing;
  readonly debt: readonly DebtEntry[];
  readonly activity?: Activity;
}

export interface Report {
  readonly product?: string;
  readonly generatedAt: string;
  readonly coverage: { readonly codeFiles: number; readonly withIntent: number; readonly share: number; readonly unlinked: readonly string[] };
  readonly objectives: readonly ObjectiveReport[];
  /** All debt, ranked: impact (high first), then cost (cheapest first). */
  readonly debt: readonly DebtEntry[];
  readonly untriaged: { readonly count: number; readonly byFile: readonly { readonly file: string; readonly count: number }[] };
  readonly findings: FindingSummary;
  readonly since?: { readonly label: string; readonly date: string; readonly commits: number };
}

const IMPACT_RANK: Record<DebtImpact, number> = { high: 0, medium: 1, low: 2 };
const COST_RANK: Record<DebtCost, number> = { S: 0, M: 1, L: 2, XL: 3 };

/** Impact first (high, medium, low, unknown), then cost (S … XL, unknown), then title. */
export function compareDebt(a: DebtEntry, b: DebtEntry): number {
  return (a.impact ? IMPACT_RANK[a.impact] : 3) - (b.impact ? IMPACT_RANK[b.impact] : 3) ||
    (a.cost ? COST_RANK[a.cost] : 4) - (b.cost ? COST_RANK[b.cost] : 4) ||
    a.title.localeCompare(b.title);
}

function isIntentItem(item: IntentItem | undefined): boolean {
  return item?.kind === 'objective' || item?.kind === 'keyResult' || item?.kind === 'problem';
}

/** How many entries a listing keeps (files per item, TODO files). */
export const MAX_LISTED = 200;

export async function buildReport(input: ReportInput): Promise<Report> {
  const { graph, index } = input;
  const files = index.files().filter((f) => !isManifestPath(f));

  // Direct links: file → IDs (tags that are not debt, scopes), and the tagged symbols per ID.
  const direct = new Map<string, Set<string>>();
  const symbolsById = new Map<string, SymbolRef[]>();
  const link = (file: string, id: string) => {
    let set = direct.get(file);
    if (!set) direct.set(file, (set = new Set()));
    set.add(id);
  };
  const debtAnchors = new Map<string, { file: string; line: number }[]>();
  const inlineDebt: DebtEntry[] = [];
  let untriagedCount = 0;
  const untriagedByFile: { file: string; count: number }[] = [];

  for (const file of [...index.allEntries().keys()].sort()) {
    if (isManifestPath(file)) continue;
    const scan = index.entry(file)!;
    const debtLines = new Set<number>();
    for (const tag of scan.tags) {
      if (tag.kind !== 'debt') continue;
      const line = tag.range.start.line;
      debtLines.add(line);
      for (const ref of tag.ids) {
        const item = graph.items.get(ref.id);
        if (item?.kind === 'debt') {
          let list = debtAnchors.get(ref.id);
          if (!list) debtAnchors.set(ref.id, (list = []));
          list.push({ file, line });
        }
      }
      const hurts = tag.ids.map((r) => r.id).filter((id) => graph.items.get(id)?.kind !== 'debt');
      if (hurts.length > 0) inlineDebt.push({ title: tag.note ?? `debt in ${file}`, hurts, anchors: [{ file, line }] });
    }
    // A TODO is triaged when a debt tag sits on its line or next to it.
    const open = scan.markers.filter((m) => ![-1, 0, 1].some((d) => debtLines.has(m.range.start.line + d))).length;
    if (open > 0) {
      untriagedCount += open;
      untriagedByFile.push({ file, count: open });
    }
    const intentTags = scan.tags.filter((t) => t.kind !== 'debt');
    if (intentTags.length === 0) continue;
    const symbols = input.symbols ? await input.symbols(file).catch(() => undefined) : undefined;
    for (const { tag, target } of attributeTags(intentTags, symbols)) {
      const name = target.kind === 'symbol' ? target.path.map((s) => s.name).join(' › ') : '';
      for (const ref of tag.ids) {
        link(file, ref.id);
        let list = symbolsById.get(ref.id);
        if (!list) symbolsById.set(ref.id, (list = []));
        if (!list.some((s) => s.file === file && s.name === name)) list.push({ file, line: tag.range.start.line, name });
      }
    }
  }
  for (const scope of graph.scopes) {
    const globs = compileGlobs(scope.paths, scope.base);
    for (const file of files) if (globs.match(file)) for (const id of scope.serves) link(file, id);
  }

  // Closure: a problem serves its KRs, a KR its objective.
  const serves = new Map<string, Set<string>>();
  for (const [file, ids] of direct) {
    const all = new Set<string>();
    for (const id of ids) {
      const item = graph.items.get(id);
      if (!isIntentItem(item)) continue;
      all.add(id);
      if (item!.kind === 'problem') for (const kr of item!.keyResults) all.add(kr);
    }
    for (const id of [...all]) {
      const item = graph.items.get(id);
      if (item?.kind === 'keyResult') all.add(item.objective);
    }
    if (all.size > 0) serves.set(file, all);
  }
  const filesServing = new Map<string, string[]>();
  for (const [file, ids] of serves) {
    for (const id of ids) {
      let list = filesServing.get(id);
      if (!list) filesServing.set(id, (list = []));
      list.push(file);
    }
  }
  const code = (id: string): CodeServing => ({
    files: (filesServing.get(id) ?? []).sort(),
    symbols: (symbolsById.get(id) ?? []).slice(0, MAX_LISTED),
  });

  // Debt: manifest items (with their anchors) and inline debt tags, ranked.
  const debt: DebtEntry[] = [];
  for (const item of graph.items.values()) {
    if (item.kind !== 'debt' || isRetired(graph, item)) continue;
    debt.push({ id: item.id, title: item.title, impact: item.impact, cost: item.cost, tracker: item.tracker, hurts: item.hurts, anchors: debtAnchors.get(item.id) ?? [] });
  }
  debt.push(...inlineDebt);
  debt.sort(compareDebt);
  /** The objective and KRs an item ultimately hurts. */
  const hurtTargets = (id: string): Set<string> => {
    const out = new Set<string>([id]);
    const item = graph.items.get(id);
    if (item?.kind === 'problem') for (const kr of item.keyResults) out.add(kr);
    if (item?.kind === 'constraint') for (const o of item.objectives) out.add(o);
    for (const t of [...out]) {
      const i = graph.items.get(t);
      if (i?.kind === 'keyResult') out.add(i.objective);
    }
    return out;
  };
  const debtFor = (id: string) => debt.filter((d) => d.hurts.some((h) => hurtTargets(h).has(id)));

  // Activity: the commits that touched files serving each item, mapped through the intent at the head.
  const activityFor = (id: string): Activity | undefined => {
    if (!input.activity) return undefined;
    const commits: Omit<CommitInfo, 'files'>[] = [];
    const touched = new Set<string>();
    for (const c of input.activity.commits) {
      const hit = c.files.filter((f) => serves.get(f)?.has(id));
      if (hit.length === 0) continue;
      commits.push({ sha: c.sha, date: c.date, author: c.author, subject: c.subject });
      for (const f of hit) touched.add(f);
    }
    return { commits: commits.slice(0, MAX_LISTED), files: [...touched].sort() };
  };

  const objectives: ObjectiveReport[] = [];
  for (const item of graph.items.values()) {
    if (item.kind !== 'objective') continue;
    const keyResults: KrReport[] = item.keyResults
      .map((id) => graph.items.get(id))
      .filter((kr): kr is Extract<IntentItem, { kind: 'keyResult' }> => kr?.kind === 'keyResult')
      .map((kr) => ({
        id: kr.id,
        title: kr.title,
        status: kr.status,
        owner: kr.owner,
        retired: isRetired(graph, kr),
        progress: krProgress(kr),
        problems: [...graph.items.values()]
          .filter((p) => p.kind === 'problem' && p.keyResults.includes(kr.id))
          .map((p) => ({ id: p.id, title: p.title })),
        code: code(kr.id),
        debt: debtFor(kr.id),
        activity: activityFor(kr.id),
      }));
    objectives.push({
      id: item.id,
      title: item.title,
      status: item.status,
      owner: item.owner,
      period: item.period,
      retired: isRetired(graph, item),
      keyResults,
      code: code(item.id),
      debt: debtFor(item.id),
      activity: activityFor(item.id),
    });
  }
  // Active objectives first, retired ones after, manifest order within.
  objectives.sort((a, b) => Number(a.retired) - Number(b.retired));

  const codeFiles = files.filter((f) => languageForPath(f) !== undefined);
  const withIntent = codeFiles.filter((f) => serves.has(f));
  const product = graph.manifests.find((m) => m.base === '' && m.product)?.product ?? graph.manifests.find((m) => m.product)?.product;

  return {
    product,
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    coverage: {
      codeFiles: codeFiles.length,
      withIntent: withIntent.length,
      share: codeFiles.length === 0 ? 0 : withIntent.length / codeFiles.length,
      unlinked: codeFiles.filter((f) => !serves.has(f)).slice(0, MAX_LISTED),
    },
    objectives,
    debt,
    untriaged: { count: untriagedCount, byFile: untriagedByFile.sort((a, b) => b.count - a.count || a.file.localeCompare(b.file)).slice(0, MAX_LISTED) },
    findings: summarize(input.findings),
    ...(input.activity ? { since: { label: input.activity.since, date: input.activity.sinceDate, commits: input.activity.commits.length } } : {}),
  };
}

/** `30d`, `2w`, `6m`, `1y` → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,4})([dwmy])$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n <= 0) return undefined;
  const day = 24 * 60 * 60 * 1000;
  return n * { d: day, w: 7 * day, m: 30 * day, y: 365 * day }[m[2] as 'd' | 'w' | 'm' | 'y'];
}
