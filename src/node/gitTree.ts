// The files of a commit as a WorkspaceHost (`git ls-tree` + one `git cat-file --batch`), so the core indexes
// the base of a review the same way as the working tree. Git runs through ./git (objects only, nothing runs).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Disposable, ListOptions, WorkspaceHost } from '../core/host';
import { IgnoreFile } from '../core/ignore/gitignore';
import { normalizeRelative } from '../core/paths';
import { git, spawnGit, withinPrefix, type RepoLocation } from './git';

export interface TreeEntry {
  readonly object: string;
  readonly size: number;
  readonly mode: string;
}

/** The blobs of `sha` under the reviewed folder, by path relative to it (symlinks and submodules left out). */
export async function listTree(repo: RepoLocation, sha: string): Promise<Map<string, TreeEntry>> {
  const out = await git(repo.top, ['ls-tree', '-r', '-z', '-l', '--full-tree', sha, ...(repo.prefix ? ['--', repo.prefix] : [])]);
  const entries = new Map<string, TreeEntry>();
  for (const record of out.split('\0')) {
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.*)$/s.exec(record);
    if (!m || m[2] !== 'blob' || m[1] === '120000') continue;
    const path = withinPrefix(m[5], repo.prefix);
    if (path === undefined || normalizeRelative(path) !== path) continue;
    entries.set(path, { object: m[3], size: m[4] === '-' ? 0 : Number(m[4]), mode: m[1] });
  }
  return entries;
}

/** Reads blobs through one long-lived `git cat-file --batch`, one request at a time, in order. */
class BlobReader implements Disposable {
  private proc: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: { resolve(b: Uint8Array | undefined): void }[] = [];
  private failed = false;

  constructor(private readonly top: string) {}

  private start(): ChildProcessWithoutNullStreams {
    const proc = spawnGit(this.top, ['cat-file', '--batch']);
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
   * @param entries the listing of `sha` when the caller already has it (listTree).
   * @param unchanged when given, paths not in `changed` (base paths of the diff) are read from `disk`, the
   *   working tree the diff was taken against.
   */
  static async open(
    repo: RepoLocation,
    sha: string,
    unchanged?: { disk: WorkspaceHost; changed: ReadonlySet<string> },
    entries?: ReadonlyMap<string, TreeEntry>,
  ): Promise<GitTreeHost> {
    return new GitTreeHost(entries ?? (await listTree(repo, sha)), new BlobReader(repo.top), unchanged);
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
