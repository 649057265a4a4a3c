// Test helpers: real git repositories in temp folders, and a fake CLI io. Not a test file itself.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

export class TempRepo {
  readonly dir: string;

  constructor(prefix = 'intent-review-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.git('init', '-q', '-b', 'main');
  }

  /** Runs git; `date` (ISO) sets both author and committer dates. */
  git(...args: string[]): string {
    return this.gitAt(undefined, ...args);
  }

  gitAt(date: string | undefined, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Test Author', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
    });
  }

  write(path: string, text: string): void {
    const abs = join(this.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }

  remove(path: string): void {
    unlinkSync(join(this.dir, path));
  }

  commit(message: string, date?: string): void {
    this.git('add', '-A');
    this.gitAt(date, 'commit', '-q', '-m', message);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[], cwd: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, version: '0.0.0-test' };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
