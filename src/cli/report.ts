// `intent-lens report`: coverage per objective and key result, the code serving each, debt ranked by what it
// hurts, untriaged TODOs and findings, as Markdown, JSON or one self-contained HTML page; with --since, the
// commits that moved each key result's code in that window.
import { resolve } from 'node:path';
import { IntentProject } from '../core/project';
import { reportHtml } from '../core/report/html';
import { reportMarkdown } from '../core/report/markdown';
import { buildReport, parseDuration, type ReportInput } from '../core/report/report';
import { writeFileAtomic } from '../node/atomicWrite';
import { NodeHost } from '../node/nodeHost';
import { commitsSince, GitError } from '../node/git';
import { TreeSitterSymbolFinder } from '../node/treeSitterSymbols';
import { reportSection } from '../core/lock/summary';
import { CliError, type CliIo } from './io';
import { lockSummary } from './lock';
import { oneOf, parse, positiveInt, rootFolder } from './options';

const FORMATS = ['markdown', 'json', 'html'] as const;

export async function runReport(args: string[], io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    since: { type: 'string' },
    output: { type: 'string', short: 'o' },
    exclude: { type: 'string', multiple: true },
    'max-file-size': { type: 'string' },
  });
  if (positionals.length > 1) throw new CliError(`expected at most one folder, got ${positionals.length}`);
  const format = oneOf('format', values.format, FORMATS, 'markdown');
  const root = rootFolder(io.cwd, positionals[0])!;
  const maxFileSize = positiveInt('max-file-size', values['max-file-size']);
  let activity: ReportInput['activity'];
  if (values.since !== undefined) {
    const ms = parseDuration(values.since);
    if (ms === undefined) throw new CliError(`--since must be a duration like 30d, 2w, 6m or 1y, got '${values.since}'`);
    const sinceDate = new Date(now().getTime() - ms).toISOString();
    try {
      activity = { since: values.since, sinceDate, commits: await commitsSince(root, sinceDate) };
    } catch (error) {
      if (error instanceof GitError) throw new CliError(`--since needs git history: ${error.message}`);
      throw error;
    }
  }

  const host = new NodeHost(root);
  try {
    const project = await IntentProject.open(host, { maxFileSize, exclude: values.exclude, finder: new TreeSitterSymbolFinder() });
    const report = await buildReport({
      model: project.model,
      findings: project.findings(),
      activity,
      generatedAt: now().toISOString(),
    });
    // Suspect links per key result (intent.lock), added to each format.
    const suspects = await lockSummary(project);
    const section = suspects && format !== 'json' ? reportSection(suspects, project.graph, format) : '';
    const text =
      format === 'html' ? reportHtml(report).replace('</main>', `${section}</main>`)
      : format === 'json' ? JSON.stringify(suspects ? { ...report, suspectLinks: suspects } : report, null, 2) + '\n'
      : reportMarkdown(report) + (section ? `\n${section}\n` : '');
    if (values.output) {
      const path = resolve(io.cwd, values.output);
      try {
        writeFileAtomic(path, text);
      } catch (error) {
        throw new CliError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? error}`);
      }
      io.err(`intent-lens report: wrote ${values.output}`);
    } else {
      io.out(text);
    }
  } finally {
    host.dispose();
  }
  return 0;
}
