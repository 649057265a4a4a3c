// Lists a folder's files with git's ignore rules, pruning ignored folders as it goes, so the CLI and the
// benchmark see the same file set as `git ls-files --others --cached --exclude-standard` at ripgrep speed.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { readBounded } from './boundedRead';
import { ignoreFileOverLimit, unreadableFolder, unreadableIgnoreFile, type ListingProblem } from '../core/findings/notEvaluated';
import { ignoreFileTooLarge, IgnoreChain, IgnoreFile, MAX_IGNORE_FILE_BYTES, parseGitignore, parseIgnoreFile } from '../core/ignore/gitignore';

export interface WalkOptions {
  /** Caller excludes in .gitignore syntax, root-relative; they win over every ignore file. */
  readonly exclude?: readonly string[];
  /** Read `.gitignore` files and `.git/info/exclude` (default true). */
  readonly useGitignore?: boolean;
  /** Files per yielded batch (default 512). */
  readonly batchSize?: number;
}

export interface WalkStats {
  dirs: number;
  files: number;
  ignoredDirs: number;
  ignoredFiles: number;
  unreadableDirs: number;
  skippedSymlinks: number;
  /** Folders and ignore files that could not be evaluated (IL009): never a silent skip. */
  problems: ListingProblem[];
}

export function newWalkStats(): WalkStats {
  return { dirs: 0, files: 0, ignoredDirs: 0, ignoredFiles: 0, unreadableDirs: 0, skippedSymlinks: 0, problems: [] };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** An ignore file's text (bounded, non-blocking, regular files only), 'missing', 'tooLarge', or why it cannot be read. */
function readIgnoreText(abs: string): { text: string } | { error: string } | 'missing' | 'tooLarge' {
  const r = readBounded(abs, { maxBytes: MAX_IGNORE_FILE_BYTES });
  if (r.ok) return { text: new TextDecoder('utf-8').decode(r.bytes) };
  if (r.reason === 'missing' || r.reason === 'tooLarge') return r.reason;
  return { error: r.reason === 'notFile' ? 'not a regular file' : r.code ?? 'unreadable' };
}

/**
 * Parse an ignore file of folder `dir` (root-relative `rel` path of the file itself); undefined, with the reason
 * in `problems`, when it cannot be read or is past a limit: the caller then does not list the folder.
 */
function loadIgnoreFile(abs: string, rel: string, dir: string, problems: ListingProblem[]): { file?: IgnoreFile; text: string } | undefined {
  const read = readIgnoreText(abs);
  if (read === 'missing') return { text: '' }; // gone since the listing: as if it never existed
  if (read === 'tooLarge') {
    problems.push(ignoreFileOverLimit(rel, dir, 0, ignoreFileTooLarge()));
    return undefined;
  }
  if ('error' in read) {
    problems.push(unreadableIgnoreFile(rel, dir, read.error));
    return undefined;
  }
  const parsed = parseIgnoreFile(read.text);
  if (parsed.limit) {
    problems.push(ignoreFileOverLimit(rel, dir, parsed.limit.line, parsed.limit.reason));
    return undefined;
  }
  return { file: parsed.rules.length > 0 ? new IgnoreFile(dir, parsed.rules) : undefined, text: read.text };
}

/** The root-level rule sets: caller excludes (highest) and .git/info/exclude (lowest); undefined when unusable. */
export function rootChain(root: string, options: WalkOptions = {}, problems: ListingProblem[] = []): IgnoreChain | undefined {
  const highest = options.exclude?.length ? [new IgnoreFile('', options.exclude.join('\n'))] : [];
  const lowest: IgnoreFile[] = [];
  if (options.useGitignore !== false) {
    const info = loadIgnoreFile(nodePath.join(root, '.git', 'info', 'exclude'), '.git/info/exclude', '', problems);
    if (!info) return undefined;
    if (info.file) lowest.push(info.file);
  }
  return new IgnoreChain([], highest, lowest);
}

/** A .gitignore file's folder (root-relative) and text: what a worker needs to rebuild an ignore chain. */
export interface IgnoreSource {
  readonly base: string;
  readonly text: string;
}

/** A folder still to walk and the .gitignore files on its way from the root (shallowest first): plain data. */
export interface DirTask {
  readonly rel: string;
  readonly ignoreFiles: readonly IgnoreSource[];
}

/** A folder to read, with its compiled ignore chain. */
export interface WalkDir {
  readonly rel: string;
  readonly chain: IgnoreChain;
  readonly sources: readonly IgnoreSource[];
  /** Its rules cannot be evaluated (already reported): the folder is not listed. */
  readonly unusable?: boolean;
}

/**
 * Reads one folder at a time with git's ignore rules: synchronous readdir (withFileTypes: no stat per
 * file); `.git` is never entered; symlinked folders are not followed; a symlink is listed only when it
 * points at a regular file inside the root. Unreadable folders are counted and skipped, never thrown.
 */
export class TreeWalker {
  private realRoot: string | undefined;
  /** Undefined when .git/info/exclude is unusable: nothing is listed and stats.problems says why. */
  private readonly base: IgnoreChain | undefined;
  private readonly useGitignore: boolean;

  /**
   * @param parsed `.gitignore` files already parsed for tasks of one listing, by folder: a worker walking many
   * tasks of a listing parses each file once, not once per task under it.
   */
  constructor(private readonly root: string, options: WalkOptions = {}, readonly stats: WalkStats = newWalkStats(), private readonly parsed = new Map<string, IgnoreFile>()) {
    this.base = rootChain(root, options, stats.problems);
    this.useGitignore = options.useGitignore !== false;
  }

  rootDir(): WalkDir {
    return { rel: '', chain: this.base ?? new IgnoreChain([]), sources: [], unusable: this.base === undefined };
  }

  /** The folder of a task (e.g. one handed to a worker), with the same chain the splitting walker had. */
  fromTask(task: DirTask): WalkDir {
    let chain = this.base ?? new IgnoreChain([]);
    for (const f of task.ignoreFiles) {
      // By folder: within one listing a folder's .gitignore was read once, by whichever thread walked it.
      let file = this.parsed.get(f.base);
      if (!file) this.parsed.set(f.base, (file = new IgnoreFile(f.base, parseGitignore(f.text))));
      chain = chain.withFile(file);
    }
    return { rel: task.rel, chain, sources: task.ignoreFiles, unusable: this.base === undefined };
  }

  static task(dir: WalkDir): DirTask {
    return { rel: dir.rel, ignoreFiles: dir.sources };
  }

  /** Read one folder: append its listed files to `files` and return its subfolders, in directory order. */
  readDir(dir: WalkDir, files: string[]): WalkDir[] {
    const { rel } = dir;
    const stats = this.stats;
    if (dir.unusable) return [];
    const abs = rel === '' ? this.root : this.root + nodePath.sep + rel;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (error) {
      stats.unreadableDirs++;
      stats.problems.push(unreadableFolder(rel, errorCode(error)));
      return [];
    }
    stats.dirs++;
    let chain = dir.chain;
    let sources = dir.sources;
    if (this.useGitignore) {
      for (const e of entries) {
        if (e.name === '.gitignore') {
          if (e.isFile()) {
            const loaded = loadIgnoreFile(nodePath.join(abs, '.gitignore'), prefixOf(rel) + '.gitignore', rel, stats.problems);
            if (!loaded) return [];
            if (loaded.file) {
              chain = chain.withFile(loaded.file);
              sources = [...sources, { base: rel, text: loaded.text }];
            }
          }
          break;
        }
      }
    }
    const prefix = prefixOf(rel);
    const subdirs: WalkDir[] = [];
    for (const e of entries) {
      const name = e.name;
      if (name === '.git') continue;
      const path = prefix + name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        isDir = false;
        isFile = false;
        try {
          const st = fs.statSync(nodePath.join(abs, name));
          if (st.isFile()) {
            this.realRoot ??= fs.realpathSync(this.root);
            const real = fs.realpathSync(nodePath.join(abs, name));
            isFile = real.startsWith(this.realRoot + nodePath.sep);
          }
        } catch {
          // broken link or loop
        }
        if (!isFile) {
          stats.skippedSymlinks++;
          continue;
        }
      }
      if (isDir) {
        if (chain.ignores(path, true)) stats.ignoredDirs++;
        else subdirs.push({ rel: path, chain, sources });
      } else if (isFile) {
        if (chain.ignores(path, false)) {
          stats.ignoredFiles++;
        } else {
          stats.files++;
          files.push(path);
        }
      }
    }
    return subdirs;
  }
}

function prefixOf(rel: string): string {
  return rel === '' ? '' : rel + '/';
}

/** Depth-first walk from `start`, in the order walkFiles lists: a folder's files, then each subfolder. */
export function* walkDepthFirst(walker: TreeWalker, start: WalkDir, batchSize: number): Generator<string[]> {
  const stack: WalkDir[] = [start];
  let batch: string[] = [];
  while (stack.length > 0) {
    walkSlice(walker, stack, 1, batch);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Depth-first from the folders on `stack` (taken from its end), reading at most `maxDirs` folders: listed files
 * go to `files`, and `stack` is left holding (and returned as) the rest of the walk, separate subtrees another
 * thread can take. Every walk here is made of these steps.
 */
export function walkSlice(walker: TreeWalker, stack: WalkDir[], maxDirs: number, files: string[]): WalkDir[] {
  for (let read = 0; stack.length > 0 && read < maxDirs; read++) {
    const subdirs = walker.readDir(stack.pop()!, files);
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
  return stack;
}

/**
 * Walk `root` depth-first (see TreeWalker) and yield root-relative file paths in batches.
 */
export async function* walkFiles(root: string, options: WalkOptions = {}, stats: WalkStats = newWalkStats()): AsyncGenerator<string[]> {
  const walker = new TreeWalker(root, options, stats);
  yield* walkDepthFirst(walker, walker.rootDir(), options.batchSize ?? 512);
}
