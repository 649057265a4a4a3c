// Lists a folder's files with git's ignore rules, pruning ignored folders as it goes, so the CLI and the
// benchmark see the same file set as `git ls-files --others --cached --exclude-standard` at ripgrep speed.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { IgnoreChain, IgnoreFile, parseGitignore } from '../core/ignore/gitignore';
import { readBoundedText } from './boundedRead';

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
}

export function newWalkStats(): WalkStats {
  return { dirs: 0, files: 0, ignoredDirs: 0, ignoredFiles: 0, unreadableDirs: 0, skippedSymlinks: 0 };
}

function readText(abs: string): string | undefined {
  // Bounded and non-blocking (a .gitignore can be a FIFO or a huge file); an unreadable one counts as absent.
  return readBoundedText(abs);
}

/** The root-level rule sets: caller excludes (highest) and .git/info/exclude (lowest). */
export function rootChain(root: string, options: WalkOptions = {}): IgnoreChain {
  const highest = options.exclude?.length ? [new IgnoreFile('', options.exclude.join('\n'))] : [];
  const lowest: IgnoreFile[] = [];
  if (options.useGitignore !== false) {
    const info = readText(nodePath.join(root, '.git', 'info', 'exclude'));
    if (info) lowest.push(new IgnoreFile('', info));
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
}

/**
 * Reads one folder at a time with git's ignore rules: synchronous readdir (withFileTypes: no stat per
 * file); `.git` is never entered; symlinked folders are not followed; a symlink is listed only when it
 * points at a regular file inside the root. Unreadable folders are counted and skipped, never thrown.
 */
export class TreeWalker {
  private realRoot: string | undefined;
  private readonly base: IgnoreChain;
  private readonly useGitignore: boolean;

  constructor(private readonly root: string, options: WalkOptions = {}, readonly stats: WalkStats = newWalkStats()) {
    this.base = rootChain(root, options);
    this.useGitignore = options.useGitignore !== false;
  }

  rootDir(): WalkDir {
    return { rel: '', chain: this.base, sources: [] };
  }

  /** The folder of a task (e.g. one handed to a worker), with the same chain the splitting walker had. */
  fromTask(task: DirTask): WalkDir {
    let chain = this.base;
    for (const f of task.ignoreFiles) chain = chain.withFile(new IgnoreFile(f.base, parseGitignore(f.text)));
    return { rel: task.rel, chain, sources: task.ignoreFiles };
  }

  static task(dir: WalkDir): DirTask {
    return { rel: dir.rel, ignoreFiles: dir.sources };
  }

  /** Read one folder: append its listed files to `files` and return its subfolders, in directory order. */
  readDir(dir: WalkDir, files: string[]): WalkDir[] {
    const { rel } = dir;
    const stats = this.stats;
    const abs = rel === '' ? this.root : nodePath.join(this.root, rel);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      stats.unreadableDirs++;
      return [];
    }
    stats.dirs++;
    let chain = dir.chain;
    let sources = dir.sources;
    if (this.useGitignore) {
      for (const e of entries) {
        if (e.name === '.gitignore') {
          if (e.isFile()) {
            const text = readText(nodePath.join(abs, '.gitignore'));
            if (text) {
              const rules = parseGitignore(text);
              if (rules.length > 0) {
                chain = chain.withFile(new IgnoreFile(rel, rules));
                sources = [...sources, { base: rel, text }];
              }
            }
          }
          break;
        }
      }
    }
    const prefix = rel === '' ? '' : rel + '/';
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

/** Depth-first walk from `start`, in the order walkFiles lists: a folder's files, then each subfolder. */
export function* walkDepthFirst(walker: TreeWalker, start: WalkDir, batchSize: number): Generator<string[]> {
  const stack: WalkDir[] = [start];
  let batch: string[] = [];
  while (stack.length > 0) {
    const subdirs = walker.readDir(stack.pop()!, batch);
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Walk `root` depth-first (see TreeWalker) and yield root-relative file paths in batches.
 */
export async function* walkFiles(root: string, options: WalkOptions = {}, stats: WalkStats = newWalkStats()): AsyncGenerator<string[]> {
  const walker = new TreeWalker(root, options, stats);
  yield* walkDepthFirst(walker, walker.rootDir(), options.batchSize ?? 512);
}
