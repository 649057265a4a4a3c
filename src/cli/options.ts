// Shared option parsing for the CLI commands: util.parseArgs with one-line usage errors.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} must be one of ${allowed.join(', ')}, got '${value}'`);
}

/** An existing folder, resolved against the working directory. */
export function folder(cwd: string, path: string | undefined): string {
  const abs = resolve(cwd, path ?? '.');
  if (!existsSync(abs)) throw new CliError(`no such folder: ${path ?? abs}`);
  if (!statSync(abs).isDirectory()) throw new CliError(`not a folder: ${path ?? abs}`);
  return abs;
}

/** The nearest folder at or above `start` holding `.git` (a folder, or a file in a worktree), if any. */
export function nearestGitRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (let depth = 0; depth < 4096; depth++) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * The root a command works on, one rule for check, explain, review and report: the folder given on the command
 * line (DIR, or explain's --root); else the working folder when it holds `start` (for explain, the file's
 * folder); else the nearest git root above `start`. Nothing above the root is read: no parent folder's
 * intent.yaml is picked up. Undefined when there is no root (explain then asks for --root).
 */
export function rootFolder(cwd: string, given: string | undefined, start: string = cwd): string | undefined {
  if (given !== undefined) return folder(cwd, given);
  const rel = relative(resolve(cwd), resolve(start));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return resolve(cwd);
  return nearestGitRoot(start);
}

export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}
