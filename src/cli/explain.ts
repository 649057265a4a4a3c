// `intent-lens explain PATH[:LINE]`: the effective intent at a place, each item with its provenance.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { describeProvenance, type EffectiveIntent, type IntentLink } from '../core/analysis/effectiveIntent';
import { krProgress } from '../core/manifest/progress';
import { DEFAULT_MAX_FILE_SIZE } from '../core/index/fileScan';
import { IntentProject } from '../core/project';
import type { IntentItem } from '../core/types';
import { cleanText } from '../core/untrusted/text';
import { NodeHost } from '../node/nodeHost';
import { TreeSitterSymbolFinder } from '../node/treeSitterSymbols';
import { CliError, type CliIo } from './io';
import { oneOf, parse, rootFolder } from './options';

const KIND_LABEL: Record<IntentItem['kind'], string> = {
  objective: 'objective',
  keyResult: 'key result',
  problem: 'problem',
  constraint: 'constraint',
  debt: 'debt',
};

/** `a/b.ts:12` → path and 1-based line; a Windows drive letter is not a line. */
export function splitPathLine(arg: string): { path: string; line?: number } {
  const m = /^(.*?):(\d+)(?::\d+)?$/s.exec(arg);
  if (m && m[1] !== '' && !/^[A-Za-z]$/.test(m[1])) return { path: m[1], line: Number(m[2]) };
  return { path: arg };
}

export async function runExplain(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { root: { type: 'string' }, format: { type: 'string' } });
  if (positionals.length !== 1) throw new CliError('expected exactly one PATH[:LINE]');
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const { path, line } = splitPathLine(positionals[0]);
  const abs = resolve(io.cwd, path);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new CliError(`no such file: ${path}`);
  const root = rootFolder(io.cwd, values.root, dirname(abs));
  if (!root) throw new CliError(`${path} is outside the working folder and any git repository (use --root DIR)`);
  // Through symlinks, where the file really is: a link out of the root is outside it.
  const rel = relative(realpathSync(root), realpathSync(abs)).split(sep).join('/');
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new CliError(`${path} is outside the root ${root} (use --root DIR)`);
  const size = statSync(abs).size;

  const host = new NodeHost(root);
  const finder = new TreeSitterSymbolFinder();
  try {
    const project = await IntentProject.open(host, { finder });
    // The index's size limit holds here too: a huge file is explained by scopes and file tags, never read whole.
    const bytes = size <= DEFAULT_MAX_FILE_SIZE ? await host.read(rel) : undefined;
    if (!bytes) io.err(`intent-lens explain: ${cleanText(rel)} is not read for tags (${size > DEFAULT_MAX_FILE_SIZE ? `larger than ${DEFAULT_MAX_FILE_SIZE / 1024} KB` : 'unreadable'})`);
    const text = bytes ? new TextDecoder().decode(bytes) : '';
    if (line !== undefined && bytes) {
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
  // Untrusted text (file and symbol names, titles, notes) is printed one line per value, control characters escaped.
  io.out(cleanText(where));
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
    ? `  ${link.debt ? 'debt → ' : ''}${item.id}  ${cleanText(item.title)}  [${KIND_LABEL[item.kind]}${item.status ? `, ${item.status}` : ''}${item.kind === 'keyResult' ? `, ${cleanText(krProgress(item).label)}` : ''}]`
    : `  ${cleanText(link.id)}  (unknown ID)`;
  return `${head}\n      ${cleanText(describeProvenance(link.via))}${link.note ? ` — ${cleanText(link.note)}` : ''}`;
}
