// IL009: a part of the workspace or a manifest that could not be evaluated (unreadable, or past a limit).
// Hosts report such parts as plain data; this turns them into findings so `check` never passes silently.
import { english, message, type Message } from '../l10n';
import type { Finding } from '../types';

/** A part of the workspace the host could not list or evaluate. Plain data (crosses worker threads). */
export interface ListingProblem {
  /** Root-relative path of the folder or file ('' for the root folder). */
  readonly path: string;
  /** 0-based line in `path`, when the problem is at a line (an ignore rule past a limit). */
  readonly line?: number;
  /** What could not be evaluated and why. */
  readonly reason: Message;
}

/** How a folder is named in a sentence: the root is '.'. */
function folderName(path: string): string {
  return path === '' ? '.' : path;
}

/** A folder that could not be read: its files were not checked. `code` is the system's (EACCES, ENAMETOOLONG…). */
export function unreadableFolder(path: string, code: string): ListingProblem {
  return code === 'ENAMETOOLONG'
    ? { path, reason: message("folder '{0}' is past the system's path length limit (ENAMETOOLONG): its files were not checked", folderName(path)) }
    : { path, reason: message("folder '{0}' could not be read ({1}): its files were not checked", folderName(path), code) };
}

/** An ignore file that could not be read: without its rules the folder cannot be listed correctly. */
export function unreadableIgnoreFile(path: string, folder: string, code: string): ListingProblem {
  return { path, reason: message("ignore file '{0}' could not be read ({1}): folder '{2}' was not checked", path, code, folderName(folder)) };
}

/** An ignore file past a limit: the folder it governs is not listed rather than listed wrongly. */
export function ignoreFileOverLimit(path: string, folder: string, line: number, limit: Message): ListingProblem {
  return { path, line, reason: message("ignore file '{0}': {1}; folder '{2}' was not checked", path, limit, folderName(folder)) };
}

/** A manifest the host listed but could not read: its items are missing from the graph. */
export function unreadableManifest(path: string): ListingProblem {
  return { path, reason: message("manifest '{0}' could not be read: its items are missing, so links to them cannot be checked", path) };
}

/** A listed file that could not be read: its tags were not checked. */
export function unreadableFile(path: string): ListingProblem {
  return { path, reason: message("file '{0}' could not be read: its tags were not checked", path) };
}

export function notEvaluatedFinding(p: ListingProblem): Finding {
  const line = p.line ?? 0;
  return {
    code: 'IL009',
    severity: 'error',
    file: p.path,
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    message: english(p.reason),
    l10n: p.reason,
  };
}
