// Read-only content of a file as it was at the review's base commit, for the diff editor ("Open Changes"):
// `intent-lens-base:` URIs served from `git cat-file blob <sha>:<path>`. Never in Restricted Mode (no git
// process then), and a blob larger than MAX_BASE_BYTES is not shown (bounded cost).
import * as vscode from 'vscode';
import { git } from '../../node/git';

export const BASE_SCHEME = 'intent-lens-base';
const MAX_BASE_BYTES = 8 * 1024 * 1024;

interface BaseRef {
  /** The repository's top folder (absolute). */
  readonly top: string;
  readonly sha: string;
  /** Path relative to the repository's top. */
  readonly path: string;
}

/** The base version of `file` (path shown in the editor tab) for the diff editor. */
export function baseUri(file: vscode.Uri, ref: BaseRef): vscode.Uri {
  return file.with({ scheme: BASE_SCHEME, query: JSON.stringify(ref) });
}

export class BaseContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (!vscode.workspace.isTrusted) return vscode.l10n.t('(The base version is not shown in Restricted Mode: no git command runs there.)');
    let ref: BaseRef;
    try {
      ref = JSON.parse(uri.query) as BaseRef;
    } catch (error) {
      this.log.warn(`base content: bad URI ${uri.toString()}: ${String(error)}`);
      return '';
    }
    if (!/^[0-9a-f]{40,64}$/.test(ref.sha) || ref.path.startsWith('-') || ref.path.includes('..')) return '';
    try {
      const size = Number((await git(ref.top, ['cat-file', '-s', `${ref.sha}:${ref.path}`])).trim());
      if (!(size <= MAX_BASE_BYTES)) return vscode.l10n.t('(The base version is too large to show: {0} bytes.)', size);
      return await git(ref.top, ['cat-file', 'blob', `${ref.sha}:${ref.path}`]);
    } catch (error) {
      // Not in the base (added since): the diff shows it all as new.
      this.log.info(`base content of ${ref.path} at ${ref.sha.slice(0, 7)}: ${error instanceof Error ? error.message : String(error)}`);
      return '';
    }
  }
}
