// Resolving a place an agent names (path, optional 1-based line or symbol name) to a file, its text, its
// declarations and a 0-based line: bad arguments become AgentToolError with a sentence saying what is wrong.
import { flattenSymbols } from '../symbols/symbolFinder';
import type { SymbolNode } from '../types';
import { quote, workspaceFile } from './answer';
import { scanOf } from './codeModel';
import { AgentToolError, type AgentWorkspace } from './workspace';

export interface Place {
  readonly file: string;
  readonly text: string;
  /** 0-based; undefined for the whole file. */
  readonly line?: number;
  readonly symbols?: readonly SymbolNode[];
}

export async function resolvePlace(ws: AgentWorkspace, input: { path: string; line?: number; symbol?: string }): Promise<Place> {
  const file = workspaceFile(ws.index, input.path);
  const text = await ws.read(file);
  if (text === undefined) throw new AgentToolError(`${quote(file)} could not be read`);
  const lineCount = text.split('\n').length;
  if (input.line !== undefined && (input.line < 1 || input.line > lineCount)) {
    throw new AgentToolError(`line ${input.line} is outside ${quote(file)}, which has lines 1–${lineCount}`);
  }
  const scan = scanOf(ws, file);
  const wanted = input.line === undefined ? [] : [input.line - 1];
  const needSymbols = input.symbol !== undefined || (scan?.tags.length ?? 0) > 0 || input.line !== undefined;
  const symbols = needSymbols ? await ws.symbols(file, text, [...(scan?.tags.map((t) => t.range.start.line) ?? []), ...wanted]) : undefined;
  if (input.symbol === undefined) return { file, text, line: input.line === undefined ? undefined : input.line - 1, symbols };

  const found = findSymbol(symbols ?? [], input.symbol);
  if (!found) {
    const names = [...new Set(flattenSymbols(symbols ?? []).map((chain) => chain.map((s) => s.name).join('.')))];
    const hint = names.length ? ` (declarations: ${names.slice(0, 12).join(', ')}${names.length > 12 ? `, … ${names.length - 12} more` : ''})` : symbols ? ' (it has no declarations)' : ' (its language has no symbol finder)';
    throw new AgentToolError(`no declaration named ${quote(input.symbol, 200)} in ${quote(file)}${hint}`);
  }
  if (input.line !== undefined && (input.line - 1 < found.range.start.line || input.line - 1 > found.range.end.line)) {
    throw new AgentToolError(`line ${input.line} is not inside ${quote(input.symbol, 200)} (lines ${found.range.start.line + 1}–${found.range.end.line + 1})`);
  }
  return { file, text, line: input.line === undefined ? found.selectionRange.start.line : input.line - 1, symbols };
}

/** A declaration by name (`search`) or dotted path (`TalentSearch.search`); the first in file order. */
function findSymbol(symbols: readonly SymbolNode[], name: string): SymbolNode | undefined {
  const wanted = name.trim();
  for (const chain of flattenSymbols(symbols)) {
    const dotted = chain.map((s) => s.name).join('.');
    const last = chain[chain.length - 1];
    if (dotted === wanted || dotted.endsWith('.' + wanted) || last.name === wanted) return last;
  }
  return undefined;
}
