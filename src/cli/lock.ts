// `intent-lens lock [DIR]` (record every current link in intent.lock) and `intent-lens accept ID | PATH[:LINE] …
// | --all` (re-confirm links after review), plus the lock findings `check` adds when a lock exists.
import { join } from 'node:path';
import { acceptLinks, currentLinks, evaluateLock, finderSymbols, indexLockSource, LOCK_NAME, readLock, selectLinks, type LockSource, type ParsedLock } from '../core/lock';
import { suspectSummary, type SuspectSummary } from '../core/lock/summary';
import { matchLinks } from '../core/lock/suspects';
import { IntentProject } from '../core/project';
import type { Finding } from '../core/types';
import { writeFileAtomic } from '../node/atomicWrite';
import { NodeHost } from '../node/nodeHost';
import { TreeSitterSymbolFinder } from '../node/treeSitterSymbols';
import { CliError, type CliIo } from './io';
import { parse, rootFolder } from './options';

function sourceOf(project: IntentProject): LockSource {
  return indexLockSource(project.graph, project.model, project.host, finderSymbols(new TreeSitterSymbolFinder()));
}

/** IL043 and IL040–IL042 for `check`, or nothing when the folder has no intent.lock. */
export async function lockCheckFindings(project: IntentProject): Promise<Finding[]> {
  const read = await readLock(project.host);
  if (!read) return [];
  return [...(await evaluateLock(sourceOf(project), read.lock, { fast: true })).findings];
}

/** Suspect links of a folder for review and report, or undefined when it has no intent.lock. */
export async function lockSummary(project: IntentProject): Promise<SuspectSummary | undefined> {
  const read = await readLock(project.host);
  if (!read) return undefined;
  const evaluation = await evaluateLock(sourceOf(project), read.lock, { fast: true });
  return suspectSummary(evaluation.statuses, project.graph);
}

/** `lockSummary` for a folder the caller has not opened (review opens its sides through git). */
export async function folderLockSummary(root: string): Promise<SuspectSummary | undefined> {
  const host = new NodeHost(root);
  try {
    return await lockSummary(await IntentProject.open(host));
  } finally {
    host.dispose();
  }
}

/** The lock as it is, refusing to rewrite one that does not parse (never silently rewritten). */
async function existingLock(project: IntentProject): Promise<ParsedLock | undefined> {
  const read = await readLock(project.host);
  if (read && read.lock.findings.length > 0) {
    const f = read.lock.findings[0];
    throw new CliError(`${LOCK_NAME}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message} — fix it first; it is not rewritten`);
  }
  return read?.lock;
}

function write(root: string, text: string): void {
  try {
    writeFileAtomic(join(root, LOCK_NAME), text);
  } catch (error) {
    throw new CliError(`cannot write ${LOCK_NAME}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

export async function runLock(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length > 1) throw new CliError(`expected at most one folder, got ${positionals.length}`);
  const root = rootFolder(io.cwd, positionals[0])!;
  const project = await IntentProject.open(new NodeHost(root));
  const lock = await existingLock(project);
  const links = await currentLinks(sourceOf(project));
  const result = acceptLinks(lock, links, project.graph.items, { prune: links });
  write(root, result.text);
  io.err(`intent-lens lock: ${links.length} link(s) recorded in ${LOCK_NAME} (${result.changed} new or changed)`);
  return 0;
}

export async function runAccept(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { all: { type: 'boolean' }, root: { type: 'string' } });
  if (!values.all && positionals.length === 0) throw new CliError('name what to accept: an ID, PATH, PATH:LINE, or --all');
  if (values.all && positionals.length > 0) throw new CliError('--all accepts every link; do not name links with it');
  const root = rootFolder(io.cwd, values.root)!;
  const project = await IntentProject.open(new NodeHost(root));
  const lock = await existingLock(project);
  if (!lock) throw new CliError(`no ${LOCK_NAME} in ${root}: start one with intent-lens lock`);
  const all = await currentLinks(sourceOf(project));
  let chosen = all;
  if (!values.all) {
    const picked = selectLinks(all, positionals.map((p) => p.replace(/\\/g, '/')), new Set(project.graph.items.keys()));
    if (picked.unmatched.length > 0) throw new CliError(`no link matches ${picked.unmatched.map((s) => `'${s}'`).join(', ')}`);
    chosen = picked.links;
  }
  const previous = new Map(matchLinks(chosen, lock, project.graph.items).filter((s) => s.entry).map((s) => [s.link, s.entry!] as const));
  const result = acceptLinks(lock, chosen, project.graph.items, { previous });
  write(root, result.text);
  io.err(`intent-lens accept: ${chosen.length} link(s) confirmed (${result.changed} new or changed)`);
  return 0;
}
