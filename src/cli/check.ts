// `intent-lens check`: every finding of a folder, in text, JSON, SARIF or Markdown, with a CI baseline.
import { resolve } from 'node:path';
import { agentFileFindings } from '../core/agent/agentFiles';
import { createBaseline, newSince, parseBaseline, type Baseline } from '../core/findings/baseline';
import { formatText, reaches, summarize, toJsonFinding, type FailOn } from '../core/findings/format';
import { findingsMarkdown } from '../core/findings/markdown';
import { toSarif } from '../core/findings/sarif';
import { DEFAULT_MAX_FILE_SIZE, type SkipReason } from '../core/index/fileScan';
import { sortFindings } from '../core/analysis/codeFindings';
import { IntentProject } from '../core/project';
import type { Finding } from '../core/types';
import { writeFileAtomic } from '../node/atomicWrite';
import { readBounded } from '../node/boundedRead';
import { NodeHost } from '../node/nodeHost';
import { readAgentFiles } from './agents';
import { CliError, type CliIo } from './io';
import { lockCheckFindings } from './lock';
import { oneOf, parse, positiveInt, rootFolder } from './options';

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
/** A baseline is one fingerprint per finding: far below this even for 100k findings. */
const MAX_BASELINE_BYTES = 32 * 1024 * 1024;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    baseline: { type: 'string' },
    'write-baseline': { type: 'string' },
    exclude: { type: 'string', multiple: true },
    'max-file-size': { type: 'string' },
  });
  if (positionals.length > 1) throw new CliError(`expected at most one folder, got ${positionals.length}`);
  const format = oneOf('format', values.format, FORMATS, 'text');
  const failOn: FailOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
  const root = rootFolder(io.cwd, positionals[0])!;
  const maxFileSize = positiveInt('max-file-size', values['max-file-size']);

  const project = await IntentProject.open(new NodeHost(root), { maxFileSize, exclude: values.exclude });
  const all = sortFindings([...project.findings(), ...agentFileFindings(project.model, readAgentFiles(root)), ...(await lockCheckFindings(project))]);

  if (values['write-baseline']) {
    writeBaseline(resolve(io.cwd, values['write-baseline']), all);
    io.err(`intent-lens check: wrote ${all.length} finding(s) to ${values['write-baseline']}`);
    return 0;
  }
  const findings = values.baseline ? newSince(readBaseline(resolve(io.cwd, values.baseline)), all) : all;

  switch (format) {
    case 'text': {
      for (const f of findings) io.out(formatText(f));
      const s = summarize(findings);
      const known = all.length - findings.length;
      io.err(`${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info(s)` + (known ? ` (${known} known in the baseline)` : ''));
      const skipped = skippedSummary(project.index.skipped(), maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      if (skipped) io.err(skipped);
      break;
    }
    case 'json':
      io.out(JSON.stringify({ findings: findings.map(toJsonFinding), summary: { ...summarize(findings), baselined: all.length - findings.length, skipped: project.index.skipped() } }, null, 2));
      break;
    case 'sarif':
      io.out(JSON.stringify(toSarif(findings, io.version), null, 2));
      break;
    case 'markdown':
      io.out(findingsMarkdown(findings));
      break;
  }
  return reaches(findings, failOn) ? 1 : 0;
}

/** Files not scanned for tags, by reason — a tag in a binary, minified or too large file is not read. */
function skippedSummary(counts: Record<SkipReason, number>, maxFileSize: number): string | undefined {
  const parts: string[] = [];
  if (counts.tooLarge) parts.push(`${counts.tooLarge} larger than ${Math.round(maxFileSize / 1024)} KB (--max-file-size)`);
  if (counts.binary) parts.push(`${counts.binary} binary`);
  if (counts.minified) parts.push(`${counts.minified} minified`);
  if (counts.unreadable) parts.push(`${counts.unreadable} unreadable`);
  return parts.length ? `not scanned for tags: ${parts.join(', ')}` : undefined;
}

function writeBaseline(path: string, findings: readonly Finding[]): void {
  try {
    // Atomic: a full disk or a kill mid-write leaves the old baseline, never a truncated one.
    writeFileAtomic(path, JSON.stringify(createBaseline(findings), null, 2) + '\n');
  } catch (error) {
    throw new CliError(`cannot write the baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

function readBaseline(path: string): Baseline {
  const read = readBounded(path, { maxBytes: MAX_BASELINE_BYTES });
  if (!read.ok) {
    const why = read.reason === 'tooLarge' ? `larger than ${MAX_BASELINE_BYTES / (1024 * 1024)} MB` : read.reason === 'notFile' ? 'not a regular file' : (read.code ?? read.reason);
    throw new CliError(`cannot read the baseline ${path}: ${why}`);
  }
  const baseline = parseBaseline(new TextDecoder('utf-8').decode(read.bytes));
  if (!baseline) throw new CliError(`${path} is not an intent-lens baseline (write one with --write-baseline)`);
  return baseline;
}
