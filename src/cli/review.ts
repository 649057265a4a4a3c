// `intent-lens review`: the change from a base to the working tree, grouped by intent, for a terminal, a tool
// (JSON) or a PR comment (Markdown). Review findings are advisory: exit 0 unless --fail-on says otherwise.
import { reaches, type FailOn } from '../core/findings/format';
import { reviewJson, reviewMarkdown, reviewText } from '../core/review/format';
import { isHttpUrl } from '../core/untrusted/uri';
import { GitError } from '../node/git';
import { reviewWorkingTree } from '../node/workingTreeReview';
import { TreeSitterSymbolFinder } from '../node/treeSitterSymbols';
import { summaryMarkdown, summaryText } from '../core/lock/summary';
import { CliError, type CliIo } from './io';
import { folderLockSummary } from './lock';
import { oneOf, parse, positiveInt, rootFolder } from './options';

const FORMATS = ['text', 'markdown', 'json'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

export async function runReview(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    base: { type: 'string' },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'link-base': { type: 'string' },
    exclude: { type: 'string', multiple: true },
    'max-file-size': { type: 'string' },
  });
  if (positionals.length > 1) throw new CliError(`expected at most one folder, got ${positionals.length}`);
  const format = oneOf('format', values.format, FORMATS, 'text');
  const failOn: FailOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'never');
  const linkBase = values['link-base'];
  if (linkBase !== undefined && !isHttpUrl(linkBase)) throw new CliError(`--link-base must be an http(s) URL, got '${linkBase}'`);
  const root = rootFolder(io.cwd, positionals[0])!;
  const maxFileSize = positiveInt('max-file-size', values['max-file-size']);

  let result;
  try {
    result = await reviewWorkingTree(root, { base: values.base, exclude: values.exclude, maxFileSize, finder: new TreeSitterSymbolFinder() });
  } catch (error) {
    if (error instanceof GitError) throw new CliError(error.message);
    throw error;
  }
  const { review, base } = result;
  const options = { linkBase, baseLabel: `${base.ref} (${base.sha.slice(0, 10)})` };
  // Links the change makes suspect (intent.lock): appended to the review, in each format.
  const suspects = await folderLockSummary(root);
  const extra = (text: string): string => (text ? `\n${text}` : '');
  switch (format) {
    case 'text':
      io.out(reviewText(review, options) + extra(suspects ? summaryText(suspects) : ''));
      break;
    case 'markdown':
      io.out(reviewMarkdown(review, options) + extra(suspects ? summaryMarkdown(suspects) : ''));
      break;
    case 'json':
      io.out(JSON.stringify({ ...reviewJson(review, options), base: { ref: base.ref, sha: base.sha }, ...(suspects ? { suspectLinks: suspects } : {}) }, null, 2));
      break;
  }
  return reaches(review.findings, failOn) ? 1 : 0;
}
