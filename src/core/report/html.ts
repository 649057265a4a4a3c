// The report as ONE self-contained HTML page for a product manager: inline CSS, no script, no external asset,
// a CSP that forbids everything but inline styles, every untrusted string escaped, only http(s) links.
// Kept free of the editor so a future in-editor dashboard can reuse it.
import { escapeHtml } from '../untrusted/markdown';
import { isHttpUrl } from '../untrusted/uri';
import type { DebtEntry, KrReport, ObjectiveReport, Report } from './report';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const CSS = `
:root { color-scheme: light; --ink:#1f2430; --muted:#5b6475; --line:#e3e6ee; --bg:#f6f7fb; --card:#fff; --accent:#3056d3; --ok:#1f9d55; --warn:#c77700; --bad:#c0392b; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0; }
h3 { font-size: 16px; margin: 24px 0 8px; }
.muted { color: var(--muted); }
.cards { display:grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 24px 0; }
.card { background:var(--card); border:1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.big { font-size: 26px; font-weight: 650; }
section.objective { background:var(--card); border:1px solid var(--line); border-radius: 12px; padding: 18px 20px; margin: 18px 0; }
section.objective.retired { opacity: .75; }
.meta { color: var(--muted); font-size: 13px; margin: 2px 0 12px; }
.badge { display:inline-block; font-size:12px; padding: 1px 8px; border-radius: 999px; background:#eef1fb; color: var(--accent); margin-left: 6px; vertical-align: 2px; }
.badge.achieved { background:#e6f6ed; color: var(--ok); } .badge.dropped, .badge.superseded { background:#f3f3f3; color: var(--muted); }
table { width:100%; border-collapse: collapse; }
th, td { text-align:left; padding: 8px 6px; border-top: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-top: 0; }
.bar { position:relative; height: 10px; width: 160px; background:#e9ecf3; border-radius: 999px; overflow:hidden; margin-top: 6px; }
.bar > span { position:absolute; inset:0 auto 0 0; background: var(--accent); border-radius: 999px; }
.bar.done > span { background: var(--ok); } .bar.regressed > span { background: var(--bad); }
.kr-title { font-weight: 600; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); }
details { margin-top: 6px; } summary { cursor: pointer; color: var(--accent); font-size: 13px; }
ul.files { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
ul.files code, td code { font-size: 12px; }
.impact-high { color: var(--bad); font-weight: 600; } .impact-medium { color: var(--warn); font-weight: 600; } .impact-low { color: var(--muted); }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
`;

const e = escapeHtml;

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function statusBadge(status: string | undefined): string {
  return status && status !== 'active' ? `<span class="badge ${e(status)}">${e(status)}</span>` : '';
}

function link(text: string, url: string | undefined): string {
  return url && isHttpUrl(url) ? `<a href="${e(url)}" rel="noopener noreferrer">${e(text)}</a>` : e(text);
}

function bar(kr: KrReport): string {
  const p = kr.progress;
  if (p.fraction === undefined) return '';
  const width = Math.max(0, Math.min(100, Math.round(p.fraction * 100)));
  return `<div class="bar ${p.state}" role="img" aria-label="${width}%"><span style="width:${width}%"></span></div>`;
}

function codeList(kr: KrReport | ObjectiveReport): string {
  const tagged = new Set(kr.code.symbols.map((s) => s.file));
  const items = [
    ...kr.code.symbols.map((s) => `<li><code>${e(`${s.file}:${s.line + 1}`)}</code>${s.name ? ` ${e(s.name)}` : ' (whole file)'}</li>`),
    ...kr.code.files.filter((f) => !tagged.has(f)).map((f) => `<li><code>${e(f)}</code></li>`),
  ];
  if (items.length === 0) return '<span class="muted">no code linked yet</span>';
  return `<details><summary>${kr.code.files.length} file(s)</summary><ul class="files">${items.join('')}</ul></details>`;
}

function activity(kr: KrReport, report: Report): string {
  if (!report.since) return '';
  const a = kr.activity;
  if (!a || a.commits.length === 0) return '<td class="muted">—</td>';
  const list = a.commits.slice(0, 30).map((c) => `<li><code>${e(c.sha.slice(0, 8))}</code> ${e(c.subject)} <span class="muted">${e(c.author)}, ${e(c.date.slice(0, 10))}</span></li>`).join('');
  return `<td><details><summary>${a.commits.length} commit(s), ${a.files.length} file(s)</summary><ul class="files">${list}</ul></details></td>`;
}

function krRow(kr: KrReport, report: Report): string {
  const problems = kr.problems.length ? `<div class="muted">${kr.problems.map((p) => e(p.title)).join(' · ')}</div>` : '';
  return `<tr class="kr"><td><div class="kr-title">${e(kr.title)}${statusBadge(kr.status)}</div><div class="id">${e(kr.id)}</div>${problems}</td>` +
    `<td>${e(kr.progress.label)}${bar(kr)}</td><td>${codeList(kr)}</td><td>${kr.debt.length || '<span class="muted">0</span>'}</td>${activity(kr, report)}</tr>`;
}

function debtRow(d: DebtEntry): string {
  const impact = d.impact ? `<span class="impact-${d.impact}">${d.impact}</span>` : '<span class="muted">?</span>';
  const where = d.anchors.slice(0, 3).map((a) => `<code>${e(`${a.file}:${a.line + 1}`)}</code>`).join(' ');
  return `<tr><td>${e(d.title)}${d.id ? `<div class="id">${e(d.id)}</div>` : ''}</td><td>${impact}</td><td>${e(d.cost ?? '?')}</td>` +
    `<td>${d.hurts.map((h) => `<span class="id">${e(h)}</span>`).join('<br>')}</td><td>${d.tracker ? link(d.tracker, d.tracker) : ''} ${where}</td></tr>`;
}

function objective(o: ObjectiveReport, report: Report): string {
  const meta = [o.owner, o.period, `${o.code.files.length} file(s) serve it`].filter(Boolean).map((s) => e(String(s))).join(' · ');
  const head = `<h2>${e(o.title)}${statusBadge(o.status)}</h2><div class="meta"><span class="id">${e(o.id)}</span> · ${meta}</div>`;
  const krs = o.keyResults.length === 0
    ? '<p class="muted">No key result yet.</p>'
    : `<table><thead><tr><th>Key result</th><th>Progress</th><th>Code</th><th>Debt</th>${report.since ? `<th>Since ${e(report.since.label)}</th>` : ''}</tr></thead><tbody>${o.keyResults.map((k) => krRow(k, report)).join('')}</tbody></table>`;
  const debt = o.debt.length ? `<h3>Debt slowing it down</h3><table><thead><tr><th>Debt</th><th>Impact</th><th>Cost</th><th>Hurts</th><th>Where</th></tr></thead><tbody>${o.debt.map(debtRow).join('')}</tbody></table>` : '';
  return `<section class="objective${o.retired ? ' retired' : ''}">${head}${krs}${debt}</section>`;
}

export function reportHtml(report: Report): string {
  const title = report.product ? `Intent report — ${report.product}` : 'Intent report';
  const c = report.coverage;
  const f = report.findings;
  const cards = [
    ['Code with intent', pct(c.share), `${c.withIntent} of ${c.codeFiles} code files`],
    ['Objectives', String(report.objectives.filter((o) => !o.retired).length), `${report.objectives.reduce((n, o) => n + o.keyResults.length, 0)} key results`],
    ['Tech debt', String(report.debt.length), `${report.debt.filter((d) => d.impact === 'high').length} high impact`],
    ['Untriaged TODOs', String(report.untriaged.count), `in ${report.untriaged.byFile.length} file(s)`],
    ['Findings', String(f.errors + f.warnings + f.infos), `${f.errors} error(s), ${f.warnings} warning(s), ${f.infos} info(s)`],
    ...(report.since ? [[`Since ${report.since.label}`, String(report.since.commits), 'commits']] : []),
  ].map(([label, big, sub]) => `<div class="card"><div class="muted">${e(label)}</div><div class="big">${e(big)}</div><div class="muted">${e(sub)}</div></div>`).join('');
  const debt = report.debt.length
    ? `<table><thead><tr><th>Debt</th><th>Impact</th><th>Cost</th><th>Hurts</th><th>Where</th></tr></thead><tbody>${report.debt.map(debtRow).join('')}</tbody></table>`
    : '<p class="muted">No debt recorded.</p>';
  const todos = report.untriaged.byFile.slice(0, 20).map((t) => `<li><code>${e(t.file)}</code> ${t.count}</li>`).join('');
  const byCode = Object.entries(f.byCode).sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `<tr><td>${e(code)}</td><td>${n}</td></tr>`).join('');
  const unlinked = c.unlinked.map((x) => `<li><code>${e(x)}</code></li>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${e(title)}</h1>
<div class="muted">Generated ${e(report.generatedAt.replace('T', ' ').slice(0, 16))} UTC${report.since ? ` · activity since ${e(report.since.date.slice(0, 10))}` : ''}</div>
<div class="cards">${cards}</div>
${report.objectives.map((o) => objective(o, report)).join('\n')}
<section class="objective"><h2>Tech debt, ranked by impact then cost</h2>${debt}</section>
<section class="objective"><h2>Housekeeping</h2>
<h3>Untriaged TODOs (${report.untriaged.count})</h3>${todos ? `<ul class="files">${todos}</ul>` : '<p class="muted">None.</p>'}
<h3>Code files with no intent (${c.codeFiles - c.withIntent})</h3>${unlinked ? `<details><summary>Show files</summary><ul class="files">${unlinked}</ul></details>` : '<p class="muted">None.</p>'}
<h3>Findings</h3>${byCode ? `<table><thead><tr><th>Code</th><th>Count</th></tr></thead><tbody>${byCode}</tbody></table>` : '<p class="muted">None.</p>'}
</section>
<footer>Intent Lens report. Numbers come from intent.yaml and the @intent / @debt tags in the code.</footer>
</main>
</body>
</html>
`;
}
