// How an intent item looks in the trees: icon and colour by kind and status, dimmed when retired, and a
// tooltip with the full item as untrusted Markdown (manifest text is escaped; only http(s) links survive).
import * as vscode from 'vscode';
import { effectiveStatus, isRetired, successorOf } from '../../core/model/retired';
import { krProgress, progressBar } from '../../core/manifest/progress';
import type { IntentGraph, IntentItem, KeyResult } from '../../core/types';
import { codeSpan, escapeMarkdown, safeLink, sanitizeDescription } from '../../core/untrusted/markdown';
import { isHttpUrl } from '../../core/untrusted/uri';

const KIND_ICON: Record<IntentItem['kind'], string> = {
  objective: 'target',
  keyResult: 'graph-line',
  problem: 'person',
  constraint: 'shield',
  debt: 'flame',
};

export function kindLabel(kind: IntentItem['kind']): string {
  switch (kind) {
    case 'objective': return vscode.l10n.t('Objective');
    case 'keyResult': return vscode.l10n.t('Key result');
    case 'problem': return vscode.l10n.t('Problem');
    case 'constraint': return vscode.l10n.t('Constraint');
    case 'debt': return vscode.l10n.t('Tech debt');
  }
}

export function itemIcon(graph: IntentGraph, item: IntentItem | undefined): vscode.ThemeIcon {
  if (!item) return new vscode.ThemeIcon('question', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  const icon = KIND_ICON[item.kind];
  if (isRetired(graph, item)) return new vscode.ThemeIcon(icon, new vscode.ThemeColor('disabledForeground'));
  if (item.kind === 'keyResult') {
    const state = krProgress(item).state;
    const color = state === 'done' ? 'charts.green' : state === 'regressed' ? 'charts.red' : state === 'missing' ? 'charts.yellow' : 'charts.blue';
    return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  }
  if (item.kind === 'debt') {
    const color = item.impact === 'high' ? 'charts.red' : item.impact === 'medium' ? 'charts.orange' : 'charts.yellow';
    return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  }
  const status = effectiveStatus(graph, item);
  if (status === 'proposed') return new vscode.ThemeIcon(icon, new vscode.ThemeColor('charts.purple'));
  if (item.kind === 'objective') return new vscode.ThemeIcon(icon, new vscode.ThemeColor('charts.green'));
  return new vscode.ThemeIcon(icon);
}

/** An http(s) link, or the value as text: the one rule of ../../core/untrusted. */
function linkOrText(value: string): string {
  return isHttpUrl(value) ? safeLink(value, value) : escapeMarkdown(value);
}

export function krDetails(kr: KeyResult): string {
  const p = krProgress(kr);
  const unit = kr.unit ? ` ${kr.unit}` : '';
  const parts = [kr.baseline, kr.current, kr.target].map((n) => (n === undefined ? '?' : String(n)));
  const bar = p.fraction !== undefined ? `${progressBar(p.fraction)} ` : '';
  return `${bar}${escapeMarkdown(p.label)}  \n${escapeMarkdown(vscode.l10n.t('baseline {0} → current {1} → target {2}', parts[0], parts[1], parts[2]) + unit)}`;
}

/** The full item, for tooltips: untrusted, no HTML, no command links. */
export function itemTooltip(graph: IntentGraph, item: IntentItem | undefined, id: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  if (!item) {
    md.appendMarkdown(`${codeSpan(id)} — ${escapeMarkdown(vscode.l10n.t('unknown ID: no manifest declares it'))}`);
    return md;
  }
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(item.title)}**  \n${escapeMarkdown(kindLabel(item.kind))} ${codeSpan(item.id)}`);
  const status = effectiveStatus(graph, item);
  const facts: string[] = [];
  if (status) facts.push(`${escapeMarkdown(vscode.l10n.t('Status'))}: ${escapeMarkdown(status)}`);
  // The successor the hover and IL011 name: followed through retired items (the one retired-item rule).
  const successor = item.supersededBy ? successorOf(graph, item)?.id ?? item.supersededBy : undefined;
  if (successor) facts.push(`${escapeMarkdown(vscode.l10n.t('Superseded by'))}: ${codeSpan(successor)}`);
  if (item.owner) facts.push(`${escapeMarkdown(vscode.l10n.t('Owner'))}: ${escapeMarkdown(item.owner)}`);
  switch (item.kind) {
    case 'objective':
      if (item.period) facts.push(`${escapeMarkdown(vscode.l10n.t('Period'))}: ${escapeMarkdown(item.period)}`);
      facts.push(escapeMarkdown(vscode.l10n.t('{0} key results', item.keyResults.length)));
      break;
    case 'keyResult':
      lines.push(krDetails(item));
      if (item.metric) facts.push(`${escapeMarkdown(vscode.l10n.t('Metric'))}: ${codeSpan(item.metric)}`);
      break;
    case 'problem':
      if (item.persona) facts.push(`${escapeMarkdown(vscode.l10n.t('Persona'))}: ${escapeMarkdown(item.persona)}`);
      if (item.keyResults.length) facts.push(`${escapeMarkdown(vscode.l10n.t('Moves'))}: ${item.keyResults.map(escapeMarkdown).join(', ')}`);
      if (item.evidence.length) facts.push(`${escapeMarkdown(vscode.l10n.t('Evidence'))}: ${item.evidence.map(linkOrText).join(' · ')}`);
      break;
    case 'constraint':
      if (item.constraintKind) facts.push(`${escapeMarkdown(vscode.l10n.t('Kind'))}: ${escapeMarkdown(item.constraintKind)}`);
      if (item.appliesTo.length) facts.push(`${escapeMarkdown(vscode.l10n.t('Applies to'))}: ${item.appliesTo.map((g) => codeSpan(g)).join(', ')}`);
      break;
    case 'debt':
      if (item.hurts.length) facts.push(`${escapeMarkdown(vscode.l10n.t('Hurts'))}: ${item.hurts.map(escapeMarkdown).join(', ')}`);
      if (item.impact) facts.push(`${escapeMarkdown(vscode.l10n.t('Impact'))}: ${escapeMarkdown(item.impact)}`);
      if (item.cost) facts.push(`${escapeMarkdown(vscode.l10n.t('Cost'))}: ${escapeMarkdown(item.cost)}`);
      if (item.tracker) facts.push(`${escapeMarkdown(vscode.l10n.t('Tracker'))}: ${linkOrText(item.tracker)}`);
      break;
  }
  if (facts.length) lines.push(facts.join('  \n'));
  if (item.description) lines.push(sanitizeDescription(item.description));
  lines.push(`*${escapeMarkdown(item.source.manifest)}:${item.source.idRange.start.line + 1}*`);
  md.appendMarkdown(lines.join('\n\n'));
  return md;
}

/** `achieved`, `dropped`… for retired items (shown first in the description, the item dimmed). */
export function retiredStatus(graph: IntentGraph, item: IntentItem): string | undefined {
  return isRetired(graph, item) ? effectiveStatus(graph, item) : undefined;
}
