// The hover of an intent item as Markdown: title, kind, status, owner, KR progress with a text bar, problem
// persona and evidence, constraint kind and appliesTo, debt cost/impact/tracker, description, and how the
// item links to the place hovered. All manifest text goes through the escaping of ../untrusted/markdown.
import { effectiveStatus, successorOf } from '../analysis/codeFindings';
import { krProgress, progressBar } from '../manifest/progress';
import type { IntentGraph, IntentItem, ItemKind } from '../types';
import { codeSpan, escapeMarkdown, safeLink, sanitizeDescription } from '../untrusted/markdown';
import { isHttpUrl } from '../untrusted/uri';
import { pushAll } from '../arrays';

/** Labels of the hover, translated by the host (English defaults below). */
export interface HoverLabels {
  readonly kinds: Readonly<Record<ItemKind, string>>;
  readonly status: string;
  readonly owner: string;
  readonly period: string;
  readonly objective: string;
  readonly metric: string;
  readonly progress: string;
  readonly persona: string;
  readonly evidence: string;
  readonly movesKeyResults: string;
  readonly constraintKind: string;
  readonly appliesTo: string;
  readonly hurts: string;
  readonly cost: string;
  readonly impact: string;
  readonly tracker: string;
  readonly supersededBy: string;
  readonly declaredIn: string;
  readonly linkedHere: string;
  /** Shown for an ID no manifest declares. */
  unknown(id: string): string;
}

export const ENGLISH_HOVER_LABELS: HoverLabels = {
  kinds: { objective: 'Objective', keyResult: 'Key result', problem: 'Problem', constraint: 'Constraint', debt: 'Tech debt' },
  status: 'Status',
  owner: 'Owner',
  period: 'Period',
  objective: 'Objective',
  metric: 'Metric',
  progress: 'Progress',
  persona: 'Persona',
  evidence: 'Evidence',
  movesKeyResults: 'Moves',
  constraintKind: 'Kind',
  appliesTo: 'Applies to',
  hurts: 'Hurts',
  cost: 'Cost',
  impact: 'Impact',
  tracker: 'Tracker',
  supersededBy: 'Superseded by',
  declaredIn: 'Declared in',
  linkedHere: 'Linked here',
  unknown: (id) => `'${id}' is not declared in any intent.yaml`,
};

const code = (text: string): string => codeSpan(text.replace(/\s+/g, ' '));

function field(label: string, value: string): string {
  return `**${escapeMarkdown(label)}:** ${value}`;
}

/**
 * Markdown for one item (or an unknown ID), with the provenance lines of its links at the hovered place.
 * Paragraphs are separated by blank lines; each field is its own paragraph so the hover reads as a list.
 */
export function itemHoverMarkdown(
  id: string,
  item: IntentItem | undefined,
  graph: IntentGraph,
  provenance: readonly string[] = [],
  labels: HoverLabels = ENGLISH_HOVER_LABELS,
): string {
  const blocks: string[] = [];
  if (!item) {
    blocks.push(`${code(id)} — ${escapeMarkdown(labels.unknown(id))}`);
  } else {
    blocks.push(`**${escapeMarkdown(item.title)}**`);
    const head = [`${escapeMarkdown(labels.kinds[item.kind])} ${code(item.id)}`];
    const status = effectiveStatus(graph, item);
    if (status) head.push(`${escapeMarkdown(labels.status)}: ${escapeMarkdown(status)}`);
    blocks.push(head.join(' · '));
    const fields: string[] = [];
    if (item.owner) fields.push(field(labels.owner, escapeMarkdown(item.owner)));
    if (item.kind === 'objective' && item.period) fields.push(field(labels.period, escapeMarkdown(item.period)));
    if (item.kind === 'keyResult') {
      fields.push(field(labels.objective, code(item.objective)));
      if (item.metric) fields.push(field(labels.metric, code(item.metric)));
      fields.push(field(labels.progress, progressText(item)));
    }
    if (item.kind === 'problem') {
      if (item.persona) fields.push(field(labels.persona, escapeMarkdown(item.persona)));
      if (item.keyResults.length) fields.push(field(labels.movesKeyResults, item.keyResults.map(code).join(', ')));
      if (item.evidence.length) {
        fields.push(field(labels.evidence, ''));
        fields.push(item.evidence.map((e) => `- ${isHttpUrl(e) ? safeLink(e, e) : escapeMarkdown(e)}`).join('\n'));
      }
    }
    if (item.kind === 'constraint') {
      if (item.constraintKind) fields.push(field(labels.constraintKind, escapeMarkdown(item.constraintKind)));
      if (item.appliesTo.length) fields.push(field(labels.appliesTo, item.appliesTo.map(code).join(', ')));
    }
    if (item.kind === 'debt') {
      if (item.hurts.length) fields.push(field(labels.hurts, item.hurts.map(code).join(', ')));
      const size = [item.cost ? `${escapeMarkdown(labels.cost)}: ${escapeMarkdown(item.cost)}` : '', item.impact ? `${escapeMarkdown(labels.impact)}: ${escapeMarkdown(item.impact)}` : '']
        .filter(Boolean)
        .join(' · ');
      if (size) fields.push(size);
      if (item.tracker) fields.push(field(labels.tracker, isHttpUrl(item.tracker) ? safeLink(item.tracker, item.tracker) : escapeMarkdown(item.tracker)));
    }
    const successor = item.supersededBy ? successorOf(graph, item)?.id ?? item.supersededBy : undefined;
    if (successor) fields.push(field(labels.supersededBy, code(successor)));
    pushAll(blocks, fields);
    if (item.description) blocks.push(sanitizeDescription(item.description));
    blocks.push(`*${escapeMarkdown(labels.declaredIn)} ${escapeMarkdown(`${item.source.manifest}:${item.source.idRange.start.line + 1}`)}*`);
  }
  if (provenance.length > 0) {
    blocks.push(field(labels.linkedHere, ''));
    blocks.push(provenance.map((p) => `- ${escapeMarkdown(p)}`).join('\n'));
  }
  return blocks.join('\n\n');
}

/** `7 → 5 → 3 days ▰▰▰▰▰▱▱▱▱▱ 50%` (baseline → current → target), or what is missing. */
export function progressText(kr: { baseline?: number; current?: number; target?: number; unit?: string }): string {
  const p = krProgress(kr);
  const n = (v: number | undefined) => (v === undefined ? '?' : String(Math.round(v * 100) / 100));
  const unit = kr.unit ? ` ${kr.unit}` : '';
  const values = `${n(kr.baseline)} → ${n(kr.current)} → ${n(kr.target)}${unit}`;
  if (p.fraction === undefined) return escapeMarkdown(`${values} · ${p.label.split(' · ').slice(1).join(' · ') || p.label}`);
  return escapeMarkdown(`${values} `) + code(progressBar(p.fraction)) + escapeMarkdown(` ${p.percent}%`);
}
