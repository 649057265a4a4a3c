// Accepting links in the editor: one WorkspaceEdit that rewrites intent.lock (the open buffer wins, so accepts in
// a row build on each other), undoable as one step. A lock that does not parse is never rewritten.
import * as vscode from 'vscode';
import { acceptLinks, LOCK_NAME, parseLock, type LinkStatus } from '../../core/lock';
import type { FolderSession } from '../session';

export async function acceptEdit(session: FolderSession, statuses: readonly LinkStatus[]): Promise<vscode.WorkspaceEdit | undefined> {
  const uri = session.uri(LOCK_NAME);
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined; // no lock: adoption is opt-in (intent-lens lock starts one)
  }
  const lock = parseLock(document.getText());
  if (lock.findings.length > 0) return undefined;
  const previous = new Map(statuses.filter((s) => s.entry).map((s) => [s.link, s.entry!] as const));
  const { text } = acceptLinks(lock, statuses.map((s) => s.link), session.graph.items, { previous });
  if (text === document.getText()) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text, { label: vscode.l10n.t('Mark link as reviewed'), needsConfirmation: false });
  return edit;
}
