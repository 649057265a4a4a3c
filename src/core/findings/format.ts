// Text and JSON renderings of findings and their summary, shared by `intent-lens check`, review and the report.
import type { Finding, Severity } from '../types';
import { cleanText } from '../untrusted/text';
import { SEVERITY_RANK } from './codes';

export interface FindingSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly total: number;
  readonly byCode: Record<string, number>;
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  const byCode: Record<string, number> = {};
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos, total: findings.length, byCode };
}

/**
 * Compiler style, 1-based: `src/a.ts:12:8: error IL010 unknown ID 'x'`. Always one line: control characters in
 * the file name or the message (titles quoted in it) are escaped, so no line can be forged for a problem matcher.
 */
export function formatText(f: Finding): string {
  return `${cleanText(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${cleanText(f.message)}`;
}

export function toJsonFinding(f: Finding) {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

export type FailOn = Severity | 'never';

/** True when some finding is at least as severe as `failOn`. */
export function reaches(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}
