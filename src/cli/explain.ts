// `intent-lens explain PATH[:LINE]`: the effective intent at a place, each item with its provenance.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describeProvenance, type EffectiveIntent, type IntentLink } from '../core/analysis/effectiveIntent';
import { krProgress } from '../core/manifest/progress';
import { IntentProject, MANIFEST_NAME } from '../core/project';
import type { IntentItem } from '../core/types';
import { NodeHost } from '../node/nodeHost';
import { TreeSitterSymbolFinder } from '../node/treeSitterSymbols';
import { CliError, type CliIo } from './io';
import { folder, oneOf, parse } from './options';

const KIND_LABEL: Record<IntentItem['kind'], string> = {
  objective: 'objective',
  keyResult: 'key result',
  problem: 'problem',
  constraint: 'constraint',
  debt: 'debt',
};

/** `a/b.ts:12` → path and 1-based line; a Windows drive letter is not a line. */
export function splitPathLine(arg: string): { path: string; line?: number } {
  const m = /^(.*?):(\d+)(?::\d+)?$/.exec(arg);
  if (m && m[1] !== '' && !/^[A-Za-z]$/.test(m[1])) return { path: m[1], line: Number(m[2]) };
  return { path: arg };
}

/** The outermost folder holding an intent.yaml above `start`, not crossing a git repository's top. */
export function findRoot(start: string): string | undefined {
  let found: string | undefined;
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, MANIFEST_NAME))) found = dir;
    if (existsSync(join(dir, '.git'))) return found;
    const parent = dirname(dir);
    if (parent === dir) return found;
    dir = parent;
  }
}

export async function runExplain(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { root: { type: 'string' }, format: { type: 'string' } });
  if (positionals.length !== 1) throw new CliError('expected exactly one PATH[:LINE]');
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const { path, line } = splitPathLine(positionals[0]);
  const abs = resolve(io.cwd, path);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new CliError(`no such file: ${path}`);
  const root = values.root ? folder(io.cwd, values.root) : findRoot(dirname(abs));
  if (!root) throw new CliError(`no ${MANIFEST_NAME} found above ${path} (use --root DIR)`);
  const rel = relative(root, abs).split(sep).join('/');
  if (rel.startsWith('..')) throw new CliError(`${path} is outside the root ${root}`);

  const host = new NodeHost(root);
  const finder = new TreeSitterSymbolFinder();
  try {
    const project = await IntentProject.open(host, { finder });
    const bytes = await host.read(rel);
    const text = bytes ? new TextDecoder().decode(bytes) : '';
    if (line !== undefined) {
      const lineCount = text.split('\n').length;
      if (line < 1 || line > lineCount) throw new CliError(`line ${line} is outside ${path} (1–${lineCount})`);
    }
    // The code model binds the file's tags with its text; large files are parsed in windows around the tags
    // and the line being explained.
    const result = await project.model.effectiveAt(rel, line === undefined ? undefined : line - 1);
    return printExplain(io, format, rel, line, result);
  } finally {
    finder.dispose();
    host.dispose();
  }
}

function printExplain(io: CliIo, format: 'text' | 'json', rel: string, line: number | undefined, result: EffectiveIntent): number {
  if (format === 'json') {
    io.out(JSON.stringify({
      file: result.file,
      line,
      symbols: result.symbols,
      links: result.links.map((l) => ({
        id: l.id,
        known: l.item !== undefined,
        kind: l.item?.kind,
        title: l.item?.title,
        status: l.item?.status,
        debt: l.debt ?? false,
        note: l.note,
        provenance: { ...l.via, ...('line' in l.via ? { line: l.via.line + 1 } : {}) },
        description: describeProvenance(l.via),
      })),
    }, null, 2));
    return 0;
  }
  const where = `${rel}${line ? `:${line}` : ''}` + (result.symbols.length ? ` (in ${result.symbols.join(' › ')})` : '');
  io.out(where);
  if (result.links.length === 0) {
    io.out('  no intent: no tag, file tag or scope links this place');
    return 0;
  }
  for (const link of result.links) io.out(describeLink(link));
  return 0;
}

function describeLink(link: IntentLink): string {
  const item = link.item;
  const head = item
    ? `  ${link.debt ? 'debt → ' : ''}${item.id}  ${item.title}  [${KIND_LABEL[item.kind]}${item.status ? `, ${item.status}` : ''}${item.kind === 'keyResult' ? `, ${krProgress(item).label}` : ''}]`
    : `  ${link.id}  (unknown ID)`;
  return `${head}\n      ${describeProvenance(link.via)}${link.note ? ` — ${link.note}` : ''}`;
}
