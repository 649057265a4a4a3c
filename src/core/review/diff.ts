// Reads a unified diff (what `git diff` prints) into changed files and their changed line ranges, host-free,
// so the CLI, the editor and the tests turn the same text into the same review input.
import { minOf } from '../arrays';

/** 0-based, inclusive line range. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

export interface Hunk {
  /** 1-based, as in the `@@ -oldStart,oldLines +newStart,newLines @@` header. */
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
}

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface ChangedFile {
  /** Path at the head (after the change); for a deleted file, its path at the base. */
  readonly path: string;
  /** Path at the base when it differs (renames); undefined otherwise. */
  readonly oldPath?: string;
  readonly status: ChangeStatus;
  /** Lines added or changed at the head, 0-based ranges. */
  readonly added: readonly LineRange[];
  /** Lines removed or changed at the base, 0-based ranges. */
  readonly removed: readonly LineRange[];
  readonly hunks: readonly Hunk[];
  readonly binary?: boolean;
}

/** Files in one diff above which the rest is dropped (untrusted input stays bounded). */
export const MAX_DIFF_FILES = 20_000;

/** Undoes git's C-style quoting of paths with unusual bytes: `"a/caf\303\251.ts"` → `a/café.ts`. */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, a: 7, v: 11, '\\': 92, '"': 34 };
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...encoder.encode(c));
      continue;
    }
    const next = body[i + 1];
    if (next !== undefined && /[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      bytes.push(parseInt(oct, 8) & 0xff);
      i += oct.length;
    } else if (next !== undefined && next in simple) {
      bytes.push(simple[next]);
      i++;
    } else {
      bytes.push(92);
    }
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bytes));
}

/** `a/src/x.ts` → `src/x.ts`; `/dev/null` → undefined. Handles quoting and a trailing tab (GNU diff). */
function stripPrefix(raw: string): string | undefined {
  let text = raw.replace(/\t.*$/, '').trimEnd();
  text = unquoteGitPath(text);
  if (text === '/dev/null') return undefined;
  return /^[ab]\//.test(text) ? text.slice(2) : text;
}

/** The two paths of a `diff --git a/X b/Y` line (used when no ---/+++ lines follow: binary, pure rename). */
function pathsFromDiffGit(rest: string): [string | undefined, string | undefined] {
  if (rest.startsWith('"')) {
    const m = /^("(?:\\.|[^"\\])*")\s+(.*)$/.exec(rest);
    if (m) return [stripPrefix(m[1]), stripPrefix(m[2])];
  }
  // Unquoted: `a/P b/P` — for an unchanged name both halves are equal, which resolves spaces in P.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ' && rest.slice(2, half) === rest.slice(half + 3)) {
    return [rest.slice(2, half), rest.slice(half + 3)];
  }
  const m = /^(\S+)\s+(\S+)$/.exec(rest);
  return m ? [stripPrefix(m[1]), stripPrefix(m[2])] : [undefined, undefined];
}

interface Building {
  oldPath?: string;
  newPath?: string;
  renameFrom?: string;
  renameTo?: string;
  isNew: boolean;
  isDeleted: boolean;
  binary: boolean;
  added: number[];
  removed: number[];
  hunks: Hunk[];
}

function toRanges(lines: number[]): LineRange[] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: { start: number; end: number }[] = [];
  for (const l of sorted) {
    const last = out[out.length - 1];
    if (last && l === last.end + 1) last.end = l;
    else out.push({ start: l, end: l });
  }
  return out;
}

function finish(b: Building): ChangedFile | undefined {
  const oldPath = b.renameFrom ?? b.oldPath;
  const newPath = b.renameTo ?? b.newPath;
  const status: ChangeStatus = b.isNew || (oldPath === undefined && newPath !== undefined)
    ? 'added'
    : b.isDeleted || newPath === undefined
      ? 'deleted'
      : oldPath !== newPath
        ? 'renamed'
        : 'modified';
  const path = status === 'deleted' ? oldPath : newPath;
  if (path === undefined) return undefined;
  return {
    path,
    ...(status === 'renamed' ? { oldPath } : {}),
    status,
    added: toRanges(b.added),
    removed: toRanges(b.removed),
    hunks: b.hunks,
    ...(b.binary ? { binary: true } : {}),
  };
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses `git diff` output (any -U, with or without renames). Each file's added lines are 0-based at the head,
 * its removed lines 0-based at the base. New, deleted, renamed and binary files are recognised.
 */
export function parseUnifiedDiff(text: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  let current: Building | undefined;
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  const flush = () => {
    if (current) {
      const f = finish(current);
      if (f && files.length < MAX_DIFF_FILES) files.push(f);
    }
    current = undefined;
    inHunk = false;
  };
  const fresh = (): Building => ({ isNew: false, isDeleted: false, binary: false, added: [], removed: [], hunks: [] });

  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('diff --git ')) {
      flush();
      current = fresh();
      const [a, b] = pathsFromDiffGit(line.slice('diff --git '.length));
      current.oldPath = a;
      current.newPath = b;
      continue;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      // Merge-conflict diffs are not a change to review line by line.
      flush();
      continue;
    }
    if (inHunk && current) {
      const c = line[0];
      if (c === '+') {
        current.added.push(newLine - 1);
        newLine++;
        continue;
      }
      if (c === '-') {
        current.removed.push(oldLine - 1);
        oldLine++;
        continue;
      }
      if (c === ' ') {
        oldLine++;
        newLine++;
        continue;
      }
      if (c === '\\') continue; // "\ No newline at end of file"
      inHunk = false;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      // A bare diff (no `diff --git` header) still gets a file from its ---/+++ lines.
      current ??= fresh();
      const h: Hunk = {
        oldStart: Number(hunk[1]),
        oldLines: hunk[2] === undefined ? 1 : Number(hunk[2]),
        newStart: Number(hunk[3]),
        newLines: hunk[4] === undefined ? 1 : Number(hunk[4]),
      };
      current.hunks.push(h);
      oldLine = h.oldStart;
      newLine = h.newStart;
      inHunk = true;
      continue;
    }
    if (line.startsWith('--- ')) {
      if (current && current.hunks.length > 0) flush();
      current ??= fresh();
      const p = stripPrefix(line.slice(4));
      current.oldPath = p;
      if (p === undefined) current.isNew = true;
      continue;
    }
    if (!current) continue;
    if (line.startsWith('+++ ')) {
      const p = stripPrefix(line.slice(4));
      current.newPath = p;
      if (p === undefined) current.isDeleted = true;
    } else if (line.startsWith('new file mode')) {
      current.isNew = true;
    } else if (line.startsWith('deleted file mode')) {
      current.isDeleted = true;
    } else if (line.startsWith('rename from ')) {
      current.renameFrom = unquoteGitPath(line.slice('rename from '.length));
    } else if (line.startsWith('rename to ')) {
      current.renameTo = unquoteGitPath(line.slice('rename to '.length));
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      current.binary = true;
    }
  }
  flush();
  return files;
}

/** The head line a base line maps to, through the hunks (a removed line maps to where its hunk now is). */
export function mapBaseLine(file: ChangedFile, baseLine: number): number {
  let delta = 0;
  const line1 = baseLine + 1;
  for (const h of file.hunks) {
    const oldEnd = h.oldStart + Math.max(h.oldLines, 1) - 1;
    // A removed line maps to the first line of its hunk at the head, or (pure deletion) to the line after it.
    if (h.oldLines > 0 && line1 >= h.oldStart && line1 <= oldEnd) return Math.max(0, h.newLines === 0 ? h.newStart : h.newStart - 1);
    if (h.oldLines === 0 ? line1 > h.oldStart : line1 > oldEnd) delta = h.newStart + h.newLines - (h.oldStart + h.oldLines);
  }
  return Math.max(0, baseLine + delta);
}

/** The first head line the change touches (a pure deletion touches the line after it). */
export function firstChangedLine(file: ChangedFile): number {
  const candidates = [
    ...file.added.map((r) => r.start),
    ...file.hunks.filter((h) => h.newLines === 0).map((h) => Math.max(0, h.newStart)),
  ];
  return candidates.length ? minOf(candidates) : 0;
}
