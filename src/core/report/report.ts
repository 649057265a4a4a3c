// The product view of a workspace: per objective and key result, progress, the code that serves it, debt
// ranked by what it hurts, untriaged TODOs, findings and (optionally) recent activity. Host-free data; the
// Markdown, JSON and HTML renderers only format it.
import { summarize, type FindingSummary } from '../findings/format';
import { krProgress, type KrProgress } from '../manifest/progress';
import type { CodeModel } from '../model/codeModel';
import type { DebtEntry as RankedDebt } from '../model/debtRanking';
import type { DebtCost, DebtImpact, Finding, IntentItem, Status } from '../types';

/** A commit of the activity window (from `git log --since --name-only`). */
export interface CommitInfo {
  readonly sha: string;
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  readonly files: readonly string[];
}

export interface ReportInput {
  /** The folder's code model: what serves what, bindings (with the file text), debt, untriaged markers. */
  readonly model: CodeModel;
  readonly findings: readonly Finding[];
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
  /** All debt in the code model's one ranking: impact (high first), then cost (cheapest first), items before inline tags. */
  readonly debt: readonly DebtEntry[];
  readonly untriaged: { readonly count: number; readonly byFile: readonly { readonly file: string; readonly count: number }[] };
  readonly findings: FindingSummary;
  readonly since?: { readonly label: string; readonly date: string; readonly commits: number };
}

/** How many entries a listing keeps (files per item, TODO files). */
export const MAX_LISTED = 200;

/** The report's JSON shape of one ranked debt. */
function debtEntry(entry: RankedDebt): DebtEntry {
  if (entry.kind === 'item') {
    const { item } = entry;
    return { id: item.id, title: item.title, impact: item.impact, cost: item.cost, tracker: item.tracker, hurts: item.hurts, anchors: entry.anchors.map((a) => ({ file: a.file, line: a.tag.range.start.line })) };
  }
  return { title: entry.tag.note ?? `debt in ${entry.file}`, hurts: entry.hurts, anchors: [{ file: entry.file, line: entry.tag.range.start.line }] };
}

export async function buildReport(input: ReportInput): Promise<Report> {
  const { model } = input;
  const { graph } = model;

  // The symbols tagged with each ID (file tags: name ''), direct links only, bound with the file's text.
  const symbolsById = new Map<string, SymbolRef[]>();
  for (const [file, scan] of model.entries()) {
    if (!scan.tags.some((t) => t.kind !== 'debt')) continue;
    for (const { tag, target } of await model.bindings(file)) {
      if (tag.kind === 'debt') continue;
      const name = target.kind === 'symbol' ? target.path.map((s) => s.name).join(' › ') : '';
      for (const ref of tag.ids) {
        let list = symbolsById.get(ref.id);
        if (!list) symbolsById.set(ref.id, (list = []));
        if (!list.some((s) => s.file === file && s.name === name)) list.push({ file, line: tag.range.start.line, name });
      }
    }
  }
  const code = (id: string): CodeServing => ({
    files: [...model.filesServing(id)],
    symbols: (symbolsById.get(id) ?? []).slice(0, MAX_LISTED),
  });

  // Debt in the model's one ranking.
  const debt = model.debt().map(debtEntry);
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
      const hit = c.files.filter((f) => model.intentOf(f).has(id));
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
        retired: model.isRetired(kr),
        progress: krProgress(kr),
        problems: model.problemsFor(kr.id).map((p) => ({ id: p.id, title: p.title })),
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
      retired: model.isRetired(item),
      keyResults,
      code: code(item.id),
      debt: debtFor(item.id),
      activity: activityFor(item.id),
    });
  }
  // Active objectives first, retired ones after, manifest order within.
  objectives.sort((a, b) => Number(a.retired) - Number(b.retired));

  const codeFiles = model.files();
  const withIntent = codeFiles.filter((f) => model.intentOf(f).size > 0);
  const untriagedByFile = new Map<string, number>();
  for (const { file } of model.untriaged()) untriagedByFile.set(file, (untriagedByFile.get(file) ?? 0) + 1);
  const product = graph.manifests.find((m) => m.base === '' && m.product)?.product ?? graph.manifests.find((m) => m.product)?.product;

  return {
    product,
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    coverage: {
      codeFiles: codeFiles.length,
      withIntent: withIntent.length,
      share: codeFiles.length === 0 ? 0 : withIntent.length / codeFiles.length,
      unlinked: codeFiles.filter((f) => model.intentOf(f).size === 0).slice(0, MAX_LISTED),
    },
    objectives,
    debt,
    untriaged: {
      count: model.untriaged().length,
      byFile: [...untriagedByFile].map(([file, count]) => ({ file, count })).sort((a, b) => b.count - a.count || a.file.localeCompare(b.file)).slice(0, MAX_LISTED),
    },
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
