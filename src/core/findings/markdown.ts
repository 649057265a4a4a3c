// Findings as a Markdown table (CLI `check --format markdown`, PR comments, the report).
import type { Finding } from '../types';
import { codeSpan, escapeMarkdown } from '../untrusted/markdown';
import { summarize } from './format';

export function findingsMarkdown(findings: readonly Finding[]): string {
  const s = summarize(findings);
  const lines = [`**Intent Lens:** ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info(s)`, ''];
  if (findings.length === 0) return lines.join('\n');
  lines.push('| | Code | Where | Finding |', '|---|---|---|---|');
  const icon = { error: '🔴', warning: '🟠', info: '🔵' } as const;
  for (const f of findings) {
    lines.push(`| ${icon[f.severity]} | ${f.code} | ${codeSpan(`${f.file}:${f.range.start.line + 1}`, true)} | ${escapeMarkdown(f.message)} |`);
  }
  return lines.join('\n') + '\n';
}
