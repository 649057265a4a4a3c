// Git for reviews and reports, run with execFile/spawn (never a shell): the base of a change, the diff from it
// to the working tree (staged, unstaged and untracked), the base tree as a WorkspaceHost the core indexes the
// same way as the working tree, and the log of a period.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { Disposable, ListOptions, WorkspaceHost } from '../core/host';
import { IgnoreFile } from '../core/ignore/gitignore';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { isInside, normalizeRelative, relativeTo } from '../core/paths';
import { hostDocuments } from '../core/model/binding';
import { loadGraph } from '../core/project';
import { addedFile, parseUnifiedDiff, type ChangedFile } from '../core/review/diff';
import { computeReview, type Review, type ReviewSide } from '../core/review/review';
import type { SymbolFinder } from '../core/symbols/symbolFinder';
import { NodeHost } from './nodeHost';

/** Git failed or the folder is not in a repository: a message a person understands. */
export class GitError extends Error {}

const MAX_OUTPUT = 256 * 1024 * 1024;

/** Runs git in `cwd` and returns its stdout; rejects with a GitError carrying git's first stderr line. */
export function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'core.quotePath=false', '-c', 'color.ui=false', ...args],
      { cwd, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } },
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
  });
}

async function tryGit(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await git(cwd, args)).trim();
  } catch {
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

function withinPrefix(path: string, prefix: string): string | undefined {
  if (!isInside(path, prefix)) return undefined;
  const rel = relativeTo(path, prefix);
  return rel === '' ? undefined : rel;
}

function countLines(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return bytes[bytes.length - 1] === 10 ? n : n + 1;
}

/**
 * Files changed from `baseSha` to the working tree (staged and unstaged), plus untracked files (not ignored),
 * with paths relative to the reviewed folder.
 */
export async function changedFiles(repo: RepoLocation, baseSha: string): Promise<ChangedFile[]> {
  const pathspec = repo.prefix ? ['--', repo.prefix] : [];
  const diff = await git(repo.top, [
    'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '-U0', '--no-relative',
    '--src-prefix=a/', '--dst-prefix=b/', '--ignore-submodules=all', baseSha, ...pathspec,
  ]);
  const out: ChangedFile[] = [];
  for (const f of parseUnifiedDiff(diff)) {
    const path = withinPrefix(f.path, repo.prefix);
    if (path === undefined) continue;
    const oldPath = f.oldPath === undefined ? undefined : withinPrefix(f.oldPath, repo.prefix);
    if (f.oldPath !== undefined && oldPath === undefined) {
      out.push({ ...f, path, oldPath: undefined, status: 'added', removed: [] });
    } else {
      out.push({ ...f, path, ...(oldPath !== undefined ? { oldPath } : {}) });
    }
  }
  const untracked = await git(repo.top, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name', ...pathspec]);
  for (const full of untracked.split('\0')) {
    if (!full) continue;
    const path = withinPrefix(full, repo.prefix);
    if (path === undefined || out.some((f) => f.path === path)) continue;
    let bytes: Uint8Array | undefined;
    try {
      const abs = nodePath.join(repo.top, full);
      if (fs.statSync(abs).isFile()) bytes = fs.readFileSync(abs);
    } catch {
      bytes = undefined;
    }
    if (!bytes) continue;
    const binary = bytes.subarray(0, 8000).includes(0);
    out.push(binary ? { ...addedFile(path, 0), binary: true } : addedFile(path, countLines(bytes)));
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

interface TreeEntry {
  readonly object: string;
  readonly size: number;
}

/** Reads blobs through one long-lived `git cat-file --batch`, one request at a time, in order. */
class BlobReader implements Disposable {
  private proc: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: { resolve(b: Uint8Array | undefined): void }[] = [];
  private failed = false;

  constructor(private readonly top: string) {}

  private start(): ChildProcessWithoutNullStreams {
    const proc = spawn('git', ['cat-file', '--batch'], { cwd: this.top, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    proc.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    const fail = () => {
      this.failed = true;
      for (const w of this.waiting.splice(0)) w.resolve(undefined);
    };
    proc.on('error', fail);
    proc.on('close', fail);
    proc.stdin.on('error', fail);
    proc.stderr.resume();
    return proc;
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const nl = this.buffer.indexOf(10);
      if (nl < 0) return;
      const header = this.buffer.subarray(0, nl).toString('utf8');
      const m = /^\S+ (\S+) (\d+)$/.exec(header);
      if (!m) {
        // "<object> missing" (or anything unexpected): no content follows.
        this.buffer = this.buffer.subarray(nl + 1);
        this.waiting.shift()!.resolve(undefined);
        continue;
      }
      const size = Number(m[2]);
      if (this.buffer.length < nl + 1 + size + 1) return;
      const content = Uint8Array.prototype.slice.call(this.buffer, nl + 1, nl + 1 + size);
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.waiting.shift()!.resolve(m[1] === 'blob' ? content : undefined);
    }
  }

  read(object: string): Promise<Uint8Array | undefined> {
    if (this.failed || !/^[0-9a-f]{4,64}$/.test(object)) return Promise.resolve(undefined);
    this.proc ??= this.start();
    return new Promise((resolve) => {
      this.waiting.push({ resolve });
      this.proc!.stdin.write(object + '\n');
    });
  }

  dispose(): void {
    this.failed = true;
    this.proc?.stdin.end();
    this.proc?.kill();
    this.proc = undefined;
  }
}

/**
 * The files of a commit as a WorkspaceHost: the listing from `git ls-tree`, contents from `git cat-file`. Files
 * the change left alone are read from the working tree when given (identical bytes, no git round trip).
 */
export class GitTreeHost implements WorkspaceHost, Disposable {
  private constructor(
    private readonly entries: ReadonlyMap<string, TreeEntry>,
    private readonly blobs: BlobReader,
    private readonly unchanged?: { readonly disk: WorkspaceHost; readonly changed: ReadonlySet<string> },
  ) {}

  /**
   * @param unchanged when given, paths not in `changed` (base paths of the diff) are read from `disk`, the
   *   working tree the diff was taken against.
   */
  static async open(repo: RepoLocation, sha: string, unchanged?: { disk: WorkspaceHost; changed: ReadonlySet<string> }): Promise<GitTreeHost> {
    const out = await git(repo.top, ['ls-tree', '-r', '-z', '-l', '--full-tree', sha, ...(repo.prefix ? ['--', repo.prefix] : [])]);
    const entries = new Map<string, TreeEntry>();
    for (const record of out.split('\0')) {
      const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.*)$/s.exec(record);
      if (!m || m[2] !== 'blob' || m[1] === '120000') continue;
      const path = withinPrefix(m[5], repo.prefix);
      if (path === undefined || normalizeRelative(path) !== path) continue;
      entries.set(path, { object: m[3], size: m[4] === '-' ? 0 : Number(m[4]) });
    }
    return new GitTreeHost(entries, new BlobReader(repo.top), unchanged);
  }

  async *listFiles(options?: ListOptions): AsyncIterable<string> {
    const exclude = options?.exclude?.length ? new IgnoreFile('', options.exclude.join('\n')) : undefined;
    for (const path of [...this.entries.keys()].sort()) {
      if (exclude && excluded(exclude, path)) continue;
      yield path;
    }
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    if (this.unchanged && !this.unchanged.changed.has(path)) {
      const bytes = await this.unchanged.disk.read(path);
      if (bytes) return bytes;
    }
    return this.blobs.read(entry.object);
  }

  async size(path: string): Promise<number | undefined> {
    return this.entries.get(path)?.size;
  }

  dispose(): void {
    this.blobs.dispose();
  }
}

function excluded(rules: IgnoreFile, path: string): boolean {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    if (rules.match(sub, parts[i - 1], i < parts.length) === 'ignored') return true;
  }
  return false;
}

export interface WorkingTreeReviewOptions {
  /** Base ref (default: the merge-base with the upstream or the default branch). */
  readonly base?: string;
  readonly exclude?: readonly string[];
  readonly maxFileSize?: number;
  readonly finder?: SymbolFinder;
  /** The working tree side when the caller already has it (the editor's session); built from disk otherwise. */
  readonly head?: ReviewSide;
  /** Reads the working tree (default: a NodeHost on `root`). */
  readonly disk?: WorkspaceHost;
  /**
   * Keeps the last indexed base between calls (the editor refreshes often): reused while the base commit and
   * the set of changed files are the same, since every other base file is read from the unchanged working tree.
   */
  readonly baseCache?: { key?: string; side?: ReviewSide };
}

export interface WorkingTreeReview {
  readonly review: Review;
  readonly base: ResolvedBase;
  readonly repo: RepoLocation;
}

/** Indexes a side (graph + index) over a host, as `IntentProject.open` does. */
export async function indexSide(host: WorkspaceHost, options: { exclude?: readonly string[]; maxFileSize?: number; finder?: SymbolFinder }): Promise<ReviewSide & { index: WorkspaceIndex }> {
  const index = new WorkspaceIndex(host, { exclude: options.exclude, maxFileSize: options.maxFileSize, concurrency: 32 });
  await index.build();
  const graph = await loadGraph(host, index.files());
  return { graph, index, documents: hostDocuments(host, options.finder) };
}

/** The review of everything in `root`'s working tree that differs from the base. */
export async function reviewWorkingTree(root: string, options: WorkingTreeReviewOptions = {}): Promise<WorkingTreeReview> {
  const repo = await locateRepo(root);
  const base = await resolveBase(repo.top, options.base);
  const changes = await changedFiles(repo, base.sha);
  const disk = options.disk ?? new NodeHost(root);
  const changedAtBase = new Set(changes.map((c) => c.oldPath ?? c.path));
  const key = `${base.sha}\u0000${[...changedAtBase].sort().join('\u0000')}\u0000${(options.exclude ?? []).join('\u0000')}`;
  const cached = options.baseCache?.key === key ? options.baseCache.side : undefined;
  const baseHost = cached ? undefined : await GitTreeHost.open(repo, base.sha, { disk, changed: changedAtBase });
  try {
    let baseSide = cached;
    if (!baseSide) {
      baseSide = await indexSide(baseHost!, options);
      await preloadChanged(baseSide, changedAtBase);
      if (options.baseCache) Object.assign(options.baseCache, { key, side: baseSide });
    }
    const head = options.head ?? (await indexSide(disk, options));
    const review = await computeReview({ base: baseSide, head, changes });
    return { review, base, repo };
  } finally {
    baseHost?.dispose();
    if (!options.disk && disk instanceof NodeHost) disk.dispose();
  }
}

/** Reads and parses the changed base files now, while their git reader is open (the rest reads the working tree). */
async function preloadChanged(side: ReviewSide, changed: ReadonlySet<string>): Promise<void> {
  await Promise.all([...changed].map((path) => side.documents?.(path, []).catch(() => undefined)));
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
    'log', `--since=${sinceIso}`, `--max-count=${maxCommits}`, '--no-merges', '--name-only', '-z',
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
