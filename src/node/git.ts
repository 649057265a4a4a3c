// Git, run so that nothing the repository configures ever runs: only objects, refs and the index are read.
// This module is the one place that starts git (the CLI's review and report --since, the editor's Review view);
// what the repository says (.git/config, .gitattributes, hooks) and what the environment says (GIT_*) are
// untrusted. See runGit below for the mechanism and the README's "Security" section.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { isInside, relativeTo } from '../core/paths';

/** Git failed or the folder is not in a repository: a message a person understands. */
export class GitError extends Error {}

const MAX_OUTPUT = 256 * 1024 * 1024;

/**
 * Command-line configuration, the highest-priority scope: it wins over the repository's .git/config (and
 * whatever it includes), the user's global and the system config. Each key is one way a repository could make
 * git start a program or reach the network:
 * - core.fsmonitor: a hook git runs to ask which files changed (any command that reads the index);
 * - core.hooksPath: hooks (read-only commands run none, but a path to an empty folder makes sure);
 * - core.pager / pager.*: the pager (also --no-pager, and stdout is never a terminal here);
 * - diff.external, and diff.<driver>.command/textconv through .gitattributes: --no-ext-diff --no-textconv on
 *   every diff and log, and only tree-to-index diffs (no work tree, so no clean/smudge/process filter);
 * - log.showSignature + gpg.program / gpg.ssh.program / gpg.x509.program: signatures are never verified;
 * - core.sshCommand, core.gitProxy, protocol.*.allow, credential.helper, core.askPass: a partial clone would
 *   fetch a missing object through the remote; protocol.allow=never (and each protocol.<name>.allow, which
 *   would win over it) forbids every transport;
 * - gc.auto / maintenance.auto: no background maintenance after a command.
 * Filters (filter.<driver>.clean/smudge/process) only run when git hashes or writes work-tree files; this module
 * never asks it to (files are read and hashed by us, see workTreeChanges.ts, or passed with --no-filters).
 */
export const SAFE_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.sshCommand=false',
  'core.gitProxy=',
  'core.askPass=',
  'core.editor=false',
  'core.quotePath=false',
  'credential.helper=',
  'protocol.allow=never',
  ...['file', 'git', 'ssh', 'http', 'https', 'ext', 'fd'].map((p) => `protocol.${p}.allow=never`),
  'diff.external=',
  'log.showSignature=false',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'color.ui=false',
  'gc.auto=0',
  'maintenance.auto=false',
  'fetch.recurseSubmodules=false',
  'submodule.recurse=false',
];

/**
 * The environment git runs with: ours without any GIT_* variable from outside (GIT_DIR, GIT_CONFIG_*,
 * GIT_EXTERNAL_DIFF, GIT_SSH_COMMAND, GIT_ASKPASS, GIT_PAGER, GIT_EXEC_PATH, ... could point git elsewhere or
 * run a program), no prompt, no optional index lock, C locale; `extra` adds our own (a temporary index).
 * The user's global and system config stay readable (theirs, and where CI images put safe.directory): the -c
 * overrides of SAFE_CONFIG win over every file scope anyway.
 */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^GIT_/i.test(key) && !/^(PAGER|EDITOR|VISUAL|SSH_ASKPASS)$/i.test(key)) env[key] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', GIT_ASKPASS: '', GIT_ATTR_NOSYSTEM: '1', LC_ALL: 'C', ...extra };
}

/** The arguments of every git call: no pager, the safe configuration, then the command. */
export function gitArgs(args: readonly string[]): string[] {
  return ['--no-pager', ...SAFE_CONFIG.flatMap((c) => ['-c', c]), ...args];
}

export interface GitRunOptions {
  /** Extra environment (our own GIT_INDEX_FILE / GIT_OBJECT_DIRECTORY), on top of gitEnv(). */
  readonly env?: Record<string, string>;
  /** Written to git's stdin. */
  readonly input?: string | Uint8Array;
}

/**
 * Runs git in `cwd` (execFile, never a shell) and returns its stdout; rejects with a GitError carrying git's
 * first stderr line. Every call goes through gitArgs and gitEnv.
 */
export function git(cwd: string, args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      gitArgs(args),
      { cwd, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true, env: gitEnv(options.env) },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const line = code === 'ENOENT' ? 'git is not installed (or not on PATH)' : (String(stderr).trim().split('\n')[0] || error.message);
          reject(new GitError(line));
        } else {
          resolve(stdout);
        }
      },
    );
    if (options.input !== undefined) {
      // A closed stdin (git failed early) surfaces as the command's own error above.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input);
    }
  });
}

/** A long-lived git process (cat-file --batch), with the same arguments and environment as git(). */
export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', gitArgs(args), { cwd, windowsHide: true, env: gitEnv() });
}

export async function tryGit(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await git(cwd, args)).trim();
  } catch {
    // Absence is the answer (no upstream, no such ref): the caller tries the next candidate.
    return undefined;
  }
}

export interface RepoLocation {
  /** Absolute top folder of the repository. */
  readonly top: string;
  /** The reviewed folder relative to `top` ('' when it is the top), forward slashes. */
  readonly prefix: string;
}

/** The repository holding `dir`. */
export async function locateRepo(dir: string): Promise<RepoLocation> {
  let top: string;
  try {
    top = (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch (error) {
    throw new GitError(`${dir} is not inside a git repository (${error instanceof Error ? error.message : String(error)})`);
  }
  const real = (p: string) => {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return nodePath.resolve(p);
    }
  };
  const rel = nodePath.relative(real(top), real(dir)).split(nodePath.sep).join('/');
  if (rel.startsWith('..')) throw new GitError(`${dir} is outside the repository ${top}`);
  return { top: real(top), prefix: rel };
}

/** The ref a branch is reviewed against by default: its upstream, else the remote's default branch, main or master. */
export async function defaultBaseRef(top: string): Promise<string | undefined> {
  const upstream = await tryGit(top, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  if (upstream) return upstream;
  const originHead = await tryGit(top, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (originHead) return originHead;
  for (const name of ['main', 'master', 'origin/main', 'origin/master']) {
    if (await tryGit(top, ['rev-parse', '--verify', '--quiet', `${name}^{commit}`])) return name;
  }
  return undefined;
}

export interface ResolvedBase {
  /** The commit compared against: the merge-base of HEAD and the ref. */
  readonly sha: string;
  /** What the user asked for (or the default found), for headings. */
  readonly ref: string;
}

/**
 * The base commit of the current change: the merge-base of HEAD with `ref` (what a pull request diffs
 * against), or with the default base when `ref` is empty. A repository without commits has no base.
 */
export async function resolveBase(top: string, ref?: string): Promise<ResolvedBase> {
  const wanted = ref?.trim() || (await defaultBaseRef(top));
  if (!wanted) throw new GitError('no base to compare against: no upstream, origin/HEAD, main or master (pass --base REF)');
  if (wanted.startsWith('-')) throw new GitError(`invalid base ref '${wanted}'`);
  const target = await tryGit(top, ['rev-parse', '--verify', '--quiet', `${wanted}^{commit}`]);
  if (!target) throw new GitError(`unknown base ref '${wanted}'`);
  const head = await tryGit(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head) return { sha: target, ref: wanted };
  const base = await tryGit(top, ['merge-base', head, target]);
  if (!base) throw new GitError(`HEAD and '${wanted}' have no common ancestor`);
  return { sha: base, ref: wanted };
}

export function withinPrefix(path: string, prefix: string): string | undefined {
  if (!isInside(path, prefix)) return undefined;
  const rel = relativeTo(path, prefix);
  return rel === '' ? undefined : rel;
}

export interface CommitTouch {
  readonly sha: string;
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  /** Root-relative paths (relative to the reviewed folder) the commit touched. */
  readonly files: readonly string[];
}

/** Commits since an ISO date that touched the folder, with their files (`git log --since --name-only`). */
export async function commitsSince(root: string, sinceIso: string, maxCommits = 5_000): Promise<CommitTouch[]> {
  const repo = await locateRepo(root);
  const out = await git(repo.top, [
    'log', '--no-show-signature', '--no-ext-diff', '--no-textconv', `--since=${sinceIso}`, `--max-count=${maxCommits}`, '--no-merges', '--name-only', '-z',
    '--format=%x1e%H%x1f%aI%x1f%an%x1f%s', ...(repo.prefix ? ['--', repo.prefix] : []),
  ]);
  const commits: CommitTouch[] = [];
  for (const record of out.split('\x1e')) {
    if (!record.trim()) continue;
    // `-z`: the header ends with NUL, then a newline and NUL-separated paths.
    const [head, ...rest] = record.split('\0');
    const [sha, date, author, subject] = head.split('\x1f');
    if (!sha || !/^[0-9a-f]+$/.test(sha)) continue;
    const files = rest.map((p) => p.replace(/^\n/, '')).filter(Boolean)
      .map((p) => withinPrefix(p, repo.prefix)).filter((p): p is string => p !== undefined);
    commits.push({ sha, date: date ?? '', author: author ?? '', subject: subject ?? '', files });
  }
  return commits;
}
