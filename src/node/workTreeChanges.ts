// The change from a base commit to the working tree without letting git read the working tree: git would run
// the repository's clean filters, fsmonitor and diff drivers on it. We hash the files ourselves, hand git only
// the blobs that differ (hash-object --no-filters into a temporary object folder, a temporary index), and ask
// for a tree-to-index diff, which touches objects only. The repository's own index and objects stay untouched.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { parseUnifiedDiff, type ChangedFile } from '../core/review/diff';
import { readBounded } from './boundedRead';
import { git, withinPrefix, type RepoLocation } from './git';
import { listTree, type TreeEntry } from './gitTree';

const CHUNK = 1024 * 1024;

/** Git's object id of a file's bytes (`blob <size>\0` + content), read in chunks; undefined unless a regular file. */
export function hashBlob(abs: string, format: 'sha1' | 'sha256'): string | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink is not the file it points to; O_NONBLOCK: a FIFO swapped in cannot block the open.
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    // Gone, a symlink or unreadable: not a file the change can contain (as git, which sees no file there).
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const hash = createHash(format).update(`blob ${stat.size}\0`);
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, stat.size)));
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      total += n;
    }
    // A file that grew or shrank while read: its header no longer matches, so it reads as changed (re-hashed by git).
    return total === stat.size ? hash.digest('hex') : '0'.repeat(format === 'sha1' ? 40 : 64);
  } finally {
    fs.closeSync(fd);
  }
}

/** What to tell the temporary index: a new blob for a path, or that the path is gone. */
type Update = { readonly full: string; readonly mode: string; readonly gone: false } | { readonly full: string; readonly gone: true };

/**
 * Files changed from `baseSha` to the working tree (committed, staged, unstaged and untracked but not ignored),
 * with git's rename detection and hunks, paths relative to the reviewed folder.
 */
export async function changedFiles(repo: RepoLocation, baseSha: string, base?: ReadonlyMap<string, TreeEntry>): Promise<ChangedFile[]> {
  const pathspec = repo.prefix ? ['--', repo.prefix] : [];
  // The index and .gitignore say which files are part of the working tree; git reads no file content for this.
  const [baseEntries, cached, others, paths] = await Promise.all([
    base ?? listTree(repo, baseSha),
    git(repo.top, ['ls-files', '-z', '-s', '--debug', '--full-name', ...pathspec]),
    git(repo.top, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name', ...pathspec]),
    git(repo.top, ['rev-parse', '--show-object-format', '--git-path', 'index', '--git-path', 'objects']),
  ]);
  const [objectFormat, indexPath, objects] = paths.trim().split('\n');
  const format = objectFormat === 'sha256' ? 'sha256' : 'sha1';
  const index = parseIndexListing(cached, repo.prefix);
  const work = new Set<string>(index.keys());
  for (const name of others.split('\0')) {
    const path = name ? withinPrefix(name, repo.prefix) : undefined;
    if (path !== undefined) work.add(path);
  }
  const indexMtimeMs = mtimeMs(nodePath.resolve(repo.top, indexPath));
  const full = (path: string) => (repo.prefix ? `${repo.prefix}/${path}` : path);
  const updates: Update[] = [];
  for (const path of new Set([...baseEntries.keys(), ...work])) {
    const entry = baseEntries.get(path);
    const abs = nodePath.join(repo.top, full(path));
    const oid = work.has(path) ? (statMatches(abs, index.get(path), indexMtimeMs) ?? hashBlob(abs, format)) : undefined;
    if (oid === undefined) {
      if (entry) updates.push({ full: full(path), gone: true });
      continue;
    }
    if (entry?.object === oid) continue;
    const executable = (fs.lstatSync(abs).mode & 0o111) !== 0;
    updates.push({ full: full(path), mode: entry?.mode ?? (executable ? '100755' : '100644'), gone: false });
  }
  if (updates.length === 0) return [];
  return diffAgainstTemporaryIndex(repo, baseSha, updates, pathspec, format, nodePath.resolve(repo.top, objects));
}

/** What the index recorded for a file when it last hashed it: its object id and the stat data of that moment. */
interface IndexEntry {
  readonly object: string;
  /** Milliseconds with the index's nanoseconds as a fraction (what fs.Stats gives, to about a microsecond). */
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly size: number;
}

// `ls-files -z -s --debug`: "mode oid stage\tpath\0" then five indented lines of stat data per entry.
const INDEX_RECORD = /(\d{6}) ([0-9a-f]+) (\d)\t([^\0]*)\0 {2}ctime: (\d+):(\d+)\n {2}mtime: (\d+):(\d+)\n {2}dev: \d+\tino: (\d+)\n {2}uid: \d+\tgid: \d+\n {2}size: (\d+)\tflags: [0-9a-f]+\n/y;

/** The index's stage-0 entries under the reviewed folder (conflicted paths are hashed, never trusted). */
export function parseIndexListing(text: string, prefix: string): Map<string, IndexEntry> {
  const entries = new Map<string, IndexEntry>();
  INDEX_RECORD.lastIndex = 0;
  for (let m = INDEX_RECORD.exec(text); m; m = INDEX_RECORD.exec(text)) {
    const path = withinPrefix(m[4], prefix);
    if (path === undefined || m[3] !== '0' || m[1] === '160000' || m[1] === '120000') continue;
    entries.set(path, {
      object: m[2],
      ctimeMs: Number(m[5]) * 1000 + Number(m[6]) / 1e6,
      mtimeMs: Number(m[7]) * 1000 + Number(m[8]) / 1e6,
      ino: Number(m[9]),
      size: Number(m[10]),
    });
  }
  return entries;
}

function mtimeMs(abs: string): number | undefined {
  try {
    return fs.statSync(abs).mtimeMs;
  } catch {
    // No index file (a fresh repository): every file is hashed.
    return undefined;
  }
}

/**
 * The index's object id for a file whose stat data is what the index recorded, as git's own stat check does
 * (the index keeps 32 bits of inode and size); undefined when the file must be hashed: no entry, a different
 * stat, or "racily clean" (modified in the same instant the index was written).
 */
function statMatches(abs: string, entry: IndexEntry | undefined, indexMtimeMs: number | undefined): string | undefined {
  if (!entry || indexMtimeMs === undefined || entry.mtimeMs >= indexMtimeMs) return undefined;
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    // Gone: hashBlob says so.
    return undefined;
  }
  const low32 = (n: number) => n % 0x1_0000_0000;
  // Within a microsecond (the precision of a double at today's epoch), or the same second when git kept no nanoseconds.
  const sameTime = (a: number, b: number) => Math.abs(a - b) < 0.001 || (b % 1000 === 0 && Math.floor(a / 1000) === b / 1000);
  if (!st.isFile() || low32(st.size) !== entry.size || low32(st.ino) !== entry.ino) return undefined;
  if (!sameTime(st.mtimeMs, entry.mtimeMs) || !sameTime(st.ctimeMs, entry.ctimeMs)) return undefined;
  return entry.object;
}

async function diffAgainstTemporaryIndex(repo: RepoLocation, baseSha: string, updates: readonly Update[], pathspec: readonly string[], format: 'sha1' | 'sha256', objects: string): Promise<ChangedFile[]> {
  const scratch = fs.mkdtempSync(nodePath.join(tmpdir(), 'intent-lens-git-'));
  try {
    fs.mkdirSync(nodePath.join(scratch, 'objects'));
    // New blobs go to our scratch object folder; the repository's objects are read as an alternate.
    const env = {
      GIT_INDEX_FILE: nodePath.join(scratch, 'index'),
      GIT_OBJECT_DIRECTORY: nodePath.join(scratch, 'objects'),
      GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
    };
    await git(repo.top, ['read-tree', baseSha], { env });
    const written = updates.filter((u): u is Extract<Update, { gone: false }> => !u.gone);
    const oids = new Map<string, string>();
    // hash-object reads one path per line: a name with a newline is hashed on its own, through stdin.
    const plain = written.filter((u) => !u.full.includes('\n'));
    if (plain.length) {
      const out = (await git(repo.top, ['hash-object', '-w', '--no-filters', '--stdin-paths'], { env, input: plain.map((u) => u.full).join('\n') + '\n' })).trim().split('\n');
      plain.forEach((u, i) => oids.set(u.full, out[i]));
    }
    for (const u of written.filter((w) => w.full.includes('\n'))) {
      const read = readBounded(nodePath.join(repo.top, u.full), { noFollow: true, maxBytes: Number.MAX_SAFE_INTEGER });
      if (!read.ok) continue;
      const bytes = read.bytes;
      oids.set(u.full, (await git(repo.top, ['hash-object', '-w', '--no-filters', '--stdin'], { env, input: bytes })).trim());
    }
    const zero = '0'.repeat(format === 'sha256' ? 64 : 40);
    // A file that vanished between our hash and git's is left as it was at the base.
    const info = updates.filter((u) => u.gone || oids.has(u.full))
      .map((u) => (u.gone ? `0 ${zero}\t${u.full}` : `${u.mode} ${oids.get(u.full)}\t${u.full}`)).join('\0') + '\0';
    await git(repo.top, ['update-index', '-z', '--index-info'], { env, input: info });
    const diff = await git(repo.top, [
      'diff-index', '--cached', '-p', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '-U0',
      '--src-prefix=a/', '--dst-prefix=b/', '--ignore-submodules=all', baseSha, ...pathspec,
    ], { env });
    return relativeFiles(parseUnifiedDiff(diff), repo.prefix);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Paths relative to the reviewed folder; a rename from outside it is an addition. */
function relativeFiles(files: readonly ChangedFile[], prefix: string): ChangedFile[] {
  const out: ChangedFile[] = [];
  for (const f of files) {
    const path = withinPrefix(f.path, prefix);
    if (path === undefined) continue;
    const oldPath = f.oldPath === undefined ? undefined : withinPrefix(f.oldPath, prefix);
    if (f.oldPath !== undefined && oldPath === undefined) {
      out.push({ ...f, path, oldPath: undefined, status: 'added', removed: [] });
    } else {
      out.push({ ...f, path, ...(oldPath !== undefined ? { oldPath } : {}) });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
