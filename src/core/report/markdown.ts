// The report as Markdown (a wiki page, a PR or CI summary). Manifest, code and commit text go through
// ../untrusted/markdown: escaped, one line per value, no live @mention.
import { progressBar } from '../manifest/progress';
import { codeSpan, escapeHtmlInline, escapeMarkdown } from '../untrusted/markdown';
import type { DebtEntry, KrReport, Report } from './report';
import { pushAll } from '../arrays';

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function debtLine(d: DebtEntry): string {
  const id = d.id ? `**${escapeMarkdown(d.id)}** ` : '';
  const meta = [d.impact ? `impact ${d.impact}` : 'impact ?', d.cost ? `cost ${d.cost}` : 'cost ?'].join(', ');
  const hurts = d.hurts.length ? ` — hurts ${d.hurts.map(escapeMarkdown).join(', ')}` : '';
  const tracker = d.tracker ? ` — tracker ${escapeMarkdown(d.tracker)}` : '';
  const at = d.anchors.length ? ` — ${d.anchors.slice(0, 3).map((a) => escapeMarkdown(`${a.file}:${a.line + 1}`)).join(', ')}` : '';
  return `- ${id}${escapeMarkdown(d.title)} (${meta})${hurts}${tracker}${at}`;
}

function krRow(kr: KrReport): string {
  const bar = kr.progress.fraction === undefined ? '' : `${progressBar(kr.progress.fraction)} `;
  const status = kr.status && kr.status !== 'active' ? ` _(${kr.status})_` : '';
  return `| **${escapeMarkdown(kr.id)}** ${escapeMarkdown(kr.title)}${status} | ${bar}${escapeMarkdown(kr.progress.label)} | ${kr.code.files.length} | ${kr.code.symbols.length} | ${kr.debt.length} |${kr.activity ? ` ${kr.activity.commits.length} |` : ''}`;
}

export function reportMarkdown(report: Report): string {
  const out: string[] = [];
  const title = report.product ? `Intent report: ${escapeMarkdown(report.product)}` : 'Intent report';
  out.push(`# ${title}`, '', `_Generated ${escapeMarkdown(report.generatedAt)}_`, '');
  const c = report.coverage;
  const f = report.findings;
  out.push(
    `- **Code with intent:** ${c.withIntent} of ${c.codeFiles} code files (${pct(c.share)})`,
    `- **Untriaged TODOs:** ${report.untriaged.count}`,
    `- **Findings:** ${f.errors} error(s), ${f.warnings} warning(s), ${f.infos} info(s)`,
    ...(report.since ? [`- **Activity since ${escapeMarkdown(report.since.label)}** (${escapeMarkdown(report.since.date.slice(0, 10))}): ${report.since.commits} commit(s)`] : []),
    '',
  );
  for (const o of report.objectives) {
    const meta = [o.status, o.owner, o.period].filter(Boolean).map((s) => escapeMarkdown(String(s))).join(' · ');
    out.push(`## 🎯 ${escapeMarkdown(o.title)}`, '', `${codeSpan(o.id)}${meta ? ` · ${meta}` : ''} · ${o.code.files.length} file(s) serve it`, '');
    if (o.keyResults.length === 0) {
      out.push('_No key result yet._', '');
    } else {
      out.push(`| Key result | Progress | Files | Tagged symbols | Debt |${report.since ? ' Commits |' : ''}`, `|---|---|---|---|---|${report.since ? '---|' : ''}`);
      for (const kr of o.keyResults) out.push(krRow(kr));
      out.push('');
      for (const kr of o.keyResults) {
        if (kr.code.symbols.length === 0 && kr.code.files.length === 0) continue;
        out.push('<details>', `<summary>Code serving ${escapeHtmlInline(kr.id)}</summary>`, '');
        for (const s of kr.code.symbols) out.push(`- ${escapeMarkdown(`${s.file}:${s.line + 1}`)}${s.name ? ` — ${escapeMarkdown(s.name)}` : ' (file)'}`);
        const tagged = new Set(kr.code.symbols.map((s) => s.file));
        for (const file of kr.code.files.filter((x) => !tagged.has(x))) out.push(`- ${escapeMarkdown(file)}`);
        if (kr.activity?.commits.length) {
          out.push('', `Commits since ${escapeMarkdown(report.since?.label ?? '')}:`, '');
          for (const cm of kr.activity.commits) out.push(`- ${cm.sha.slice(0, 8)} ${escapeMarkdown(cm.subject)} (${escapeMarkdown(cm.author)}, ${escapeMarkdown(cm.date.slice(0, 10))})`);
        }
        out.push('', '</details>', '');
      }
    }
    if (o.debt.length) {
      out.push('**Debt slowing it down**', '', ...o.debt.map(debtLine), '');
    }
  }
  out.push('## Tech debt, ranked by impact then cost', '');
  pushAll(out, report.debt.length ? report.debt.map(debtLine) : ['_No debt recorded._']);
  out.push('');
  if (report.untriaged.count) {
    out.push('## Untriaged TODOs', '', ...report.untriaged.byFile.slice(0, 20).map((t) => `- ${escapeMarkdown(t.file)}: ${t.count}`), '');
  }
  if (c.unlinked.length) {
    out.push('<details>', `<summary>Code files with no intent (${c.codeFiles - c.withIntent})</summary>`, '', ...c.unlinked.map((x) => `- ${escapeMarkdown(x)}`), '', '</details>', '');
  }
  const byCode = Object.entries(f.byCode).sort(([a], [b]) => a.localeCompare(b));
  if (byCode.length) out.push('## Findings', '', '| Code | Count |', '|---|---|', ...byCode.map(([code, n]) => `| ${code} | ${n} |`), '');
  return out.join('\n');
}
