// A review as text (terminal), JSON (tools) and Markdown (a PR comment with collapsible sections). Every
// string from the manifest, the code or the diff is untrusted: escaped, and links are only http(s) or relative.
import { summarize, toJsonFinding } from '../findings/format';
import { krProgress, progressBar } from '../manifest/progress';
import type { IntentItem } from '../types';
import { escapeMarkdown } from '../untrusted/markdown';
import { cleanText } from '../untrusted/text';
import { encodeRelativePath, isHttpUrl } from '../untrusted/uri';
import { filesUnder, type ChangeUnit, type IntentGroup, type LinkChange, type Review, type ReviewFile } from './review';
import { pushAll } from '../arrays';

export interface ReviewFormatOptions {
  /** Base URL for file links (e.g. `https://github.com/o/r/blob/SHA`); relative links when absent. */
  readonly linkBase?: string;
  /** The base the change was compared against, for the heading. */
  readonly baseLabel?: string;
}

function encodeForMarkdownUrl(text: string): string {
  return text.replace(/[()<>\s'"\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** Link target for a root-relative file and 0-based line. */
export function fileLink(file: string, line: number | undefined, linkBase?: string): string {
  const path = encodeRelativePath(file);
  const anchor = line === undefined ? '' : `#L${line + 1}`;
  const base = linkBase && isHttpUrl(linkBase) ? encodeForMarkdownUrl(linkBase.replace(/\/+$/, '')) + '/' : '';
  return encodeForMarkdownUrl(base + path) + anchor;
}

const ICON: Record<IntentItem['kind'], string> = { objective: '🎯', keyResult: '📈', problem: '🧩', constraint: '🔒', debt: '🧱' };

function itemLabelMd(item: IntentItem): string {
  const status = item.status && item.status !== 'active' ? ` _(${escapeMarkdown(item.status)})_` : '';
  const progress = item.kind === 'keyResult' ? krMd(item) : '';
  return `${ICON[item.kind]} **${escapeMarkdown(item.id)}** ${escapeMarkdown(item.title)}${status}${progress}`;
}

function krMd(kr: Extract<IntentItem, { kind: 'keyResult' }>): string {
  const p = krProgress(kr);
  return p.fraction === undefined ? ` · ${escapeMarkdown(p.label)}` : ` · ${progressBar(p.fraction)} ${escapeMarkdown(p.label)}`;
}

function where(file: string, line: number): string {
  return `${file}:${line + 1}`;
}

function unitMd(unit: ChangeUnit, options: ReviewFormatOptions): string {
  const label = escapeMarkdown(where(unit.file, unit.line));
  const link = unit.side === 'base' && unit.symbols.length === 0 ? label : `[${label}](${fileLink(unit.file, unit.line, options.linkBase)})`;
  const symbol = unit.symbols.length ? ` — ${escapeMarkdown(unit.symbols.join(' › '))}` : '';
  const gone = unit.side === 'base' ? ' _(removed)_' : '';
  return `${link}${symbol}${gone}`;
}

function fileMd(f: ReviewFile, options: ReviewFormatOptions): string {
  const label = escapeMarkdown(f.status === 'deleted' ? f.path : where(f.path, f.firstLine));
  const link = f.status === 'deleted' ? label : `[${label}](${fileLink(f.path, f.firstLine, options.linkBase)})`;
  const from = f.oldPath ? ` ← ${escapeMarkdown(f.oldPath)}` : '';
  return `${link} _(${f.status})_${from}`;
}

function groupMd(group: IntentGroup, depth: number, options: ReviewFormatOptions, out: string[]): void {
  const pad = '  '.repeat(depth);
  out.push(`${pad}- ${itemLabelMd(group.item)}`);
  for (const u of group.units) out.push(`${pad}  - ${unitMd(u, options)}`);
  for (const c of group.children) groupMd(c, depth + 1, options, out);
}

function linkMd(l: LinkChange, options: ReviewFormatOptions, linked: boolean): string {
  const label = escapeMarkdown(where(l.file, l.line));
  const at = linked ? `[${label}](${fileLink(l.file, l.line, options.linkBase)})` : label;
  const title = l.title ? ` ${escapeMarkdown(l.title)}` : '';
  const reason = l.reason === 'unknown' ? ' — no such ID any more' : l.reason === 'retired' ? ' — the item is retired' : '';
  return `- **${escapeMarkdown(l.id)}**${title} (\`@${l.kind}\`) in ${at}${reason}`;
}

function details(summary: string, body: string[], open: boolean): string[] {
  return [`<details${open ? ' open' : ''}>`, `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

/** The review as a Markdown PR comment: a one-line summary, then collapsible sections. */
export function reviewMarkdown(review: Review, options: ReviewFormatOptions = {}): string {
  const withIntent = review.files.length - review.noIntent.length;
  const { added, removed, broken } = review.links;
  const s = summarize(review.findings);
  const out: string[] = [
    `### Intent review${options.baseLabel ? ` against ${escapeMarkdown(options.baseLabel)}` : ''}`,
    '',
    `**${review.files.length} changed file(s)** · ${withIntent} with intent · ${review.noIntent.length} without · ` +
      `${review.constraints.length} constraint(s) touched · links +${added.length} −${removed.length}, ${broken.length} broken · ` +
      `${s.warnings} warning(s), ${s.infos} info(s)`,
    '',
  ];
  if (review.files.length === 0) {
    out.push('No change to review.');
    return out.join('\n') + '\n';
  }
  if (review.groups.length > 0) {
    const body: string[] = [];
    for (const g of review.groups) groupMd(g, 0, options, body);
    pushAll(out, details(`<b>By intent</b> (${review.groups.length} ${review.groups.length === 1 ? 'group' : 'groups'})`, body, true));
  }
  if (review.noIntent.length > 0) {
    pushAll(out, details(`<b>No intent</b> (${review.noIntent.length} file(s))`, review.noIntent.map((f) => `- ${fileMd(f, options)}`), true));
  }
  if (review.constraints.length > 0) {
    const body: string[] = [];
    for (const c of review.constraints) {
      const kind = c.item.constraintKind ? ` _(${escapeMarkdown(c.item.constraintKind)})_` : '';
      body.push(`- ${ICON.constraint} **${escapeMarkdown(c.id)}** ${escapeMarkdown(c.item.title)}${kind}`);
      for (const u of c.units) body.push(`  - ${unitMd(u, options)}`);
    }
    pushAll(out, details(`<b>Constraints touched</b> (${review.constraints.length})`, body, false));
  }
  if (added.length + removed.length + broken.length > 0) {
    const body: string[] = [];
    if (added.length) body.push('**Added**', '', ...added.map((l) => linkMd(l, options, true)), '');
    if (removed.length) body.push('**Removed**', '', ...removed.map((l) => linkMd(l, options, false)), '');
    if (broken.length) body.push('**Broken**', '', ...broken.map((l) => linkMd(l, options, true)), '');
    pushAll(out, details(`<b>Links</b> +${added.length} −${removed.length}${broken.length ? `, ⚠️ ${broken.length} broken` : ''}`, body, broken.length > 0));
  }
  if (review.findings.length > 0) {
    const icon = { error: '🔴', warning: '🟠', info: '🔵' } as const;
    const body = review.findings.map((f) => `- ${icon[f.severity]} ${f.code} [${escapeMarkdown(where(f.file, f.range.start.line))}](${fileLink(f.file, f.range.start.line, options.linkBase)}) ${escapeMarkdown(f.message)}`);
    pushAll(out, details(`<b>Review findings</b> (${review.findings.length})`, body, s.warnings + s.errors > 0));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

function groupText(group: IntentGroup, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth + 1);
  const item = group.item;
  const progress = item.kind === 'keyResult' ? `  [${krProgress(item).label}]` : '';
  out.push(`${pad}${item.id}  ${cleanText(item.title)}${progress}`);
  for (const u of group.units) out.push(`${pad}  ${whereText(u.file, u.line)}${u.symbols.length ? `  ${cleanText(u.symbols.join(' › '))}` : ''}${u.side === 'base' ? '  (removed)' : ''}`);
  for (const c of group.children) groupText(c, depth + 1, out);
}

function whereText(file: string, line: number): string {
  return cleanText(where(file, line));
}

/** Plain text for a terminal: every untrusted string on one line, control characters escaped (cleanText). */
export function reviewText(review: Review, options: ReviewFormatOptions = {}): string {
  const out: string[] = [];
  const { added, removed, broken } = review.links;
  out.push(`Intent review${options.baseLabel ? ` against ${cleanText(options.baseLabel)}` : ''}: ${review.files.length} changed file(s), ${review.noIntent.length} without intent`);
  if (review.groups.length) {
    out.push('', 'By intent:');
    for (const g of review.groups) groupText(g, 0, out);
  }
  if (review.noIntent.length) {
    out.push('', 'No intent:');
    for (const f of review.noIntent) out.push(`  ${whereText(f.path, f.firstLine)}  (${f.status})`);
  }
  if (review.constraints.length) {
    out.push('', 'Constraints touched:');
    for (const c of review.constraints) out.push(`  ${c.id}  ${cleanText(c.item.title)}  (${cleanText([...new Set(c.units.map((u) => u.file))].join(', '))})`);
  }
  if (added.length + removed.length + broken.length) {
    out.push('', `Links: +${added.length} −${removed.length}, ${broken.length} broken`);
    for (const l of added) out.push(`  + ${cleanText(l.id)}  ${whereText(l.file, l.line)}`);
    for (const l of removed) out.push(`  − ${cleanText(l.id)}  ${whereText(l.file, l.line)}`);
    for (const l of broken) out.push(`  ! ${cleanText(l.id)}  ${whereText(l.file, l.line)}  (${l.reason === 'unknown' ? 'no such ID' : 'retired'})`);
  }
  if (review.findings.length) {
    out.push('', 'Findings:');
    for (const f of review.findings) out.push(`  ${whereText(f.file, f.range.start.line)}: ${f.severity} ${f.code} ${cleanText(f.message)}`);
  }
  return out.join('\n') + '\n';
}

function unitJson(u: ChangeUnit) {
  return { file: u.file, line: u.line + 1, side: u.side, symbols: u.symbols };
}

function groupJson(g: IntentGroup): unknown {
  return {
    id: g.id,
    kind: g.item.kind,
    title: g.item.title,
    status: g.item.status,
    ...(g.item.kind === 'keyResult' ? { progress: krProgress(g.item) } : {}),
    files: filesUnder(g),
    changes: g.units.map(unitJson),
    children: g.children.map(groupJson),
  };
}

export function reviewJson(review: Review, options: ReviewFormatOptions = {}): object {
  const link = (l: LinkChange) => ({ id: l.id, kind: l.kind, file: l.file, line: l.line + 1, title: l.title, ...(l.reason ? { reason: l.reason } : {}) });
  return {
    base: options.baseLabel,
    files: review.files.map((f) => ({
      path: f.path, oldPath: f.oldPath, status: f.status, firstLine: f.firstLine + 1, intent: f.intent, constraints: f.constraints,
      changes: f.units.map(unitJson),
    })),
    groups: review.groups.map(groupJson),
    noIntent: review.noIntent.map((f) => f.path),
    constraints: review.constraints.map((c) => ({ id: c.id, title: c.item.title, kind: c.item.constraintKind, files: [...new Set(c.units.map((u) => u.file))], changes: c.units.map(unitJson) })),
    links: { added: review.links.added.map(link), removed: review.links.removed.map(link), broken: review.links.broken.map(link) },
    findings: review.findings.map(toJsonFinding),
    summary: summarize(review.findings),
  };
}
