// Shared option parsing for the CLI commands: util.parseArgs with one-line usage errors.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
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

export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}
