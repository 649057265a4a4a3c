// Create intent.yaml: writes the commented starter manifest at the first folder's root as one undoable
// WorkspaceEdit, then opens it. An existing intent.yaml is never overwritten: it is opened instead.
import * as vscode from 'vscode';
import { MANIFEST_NAME } from '../../core/project';
import { starterManifest } from '../../core/views/manifestText';

export type CreateResult = 'created' | 'exists' | 'noFolder' | 'failed';

async function exists(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function createManifest(): Promise<CreateResult> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: intent.yaml goes at the root of the workspace.'));
    return 'noFolder';
  }
  const uri = vscode.Uri.joinPath(folder.uri, MANIFEST_NAME);
  if (await exists(uri)) {
    await vscode.window.showTextDocument(uri, { preview: false });
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already has an intent.yaml: opened it instead of replacing it.', folder.name));
    return 'exists';
  }
  const edit = new vscode.WorkspaceEdit();
  const label = vscode.l10n.t('Create intent.yaml');
  edit.createFile(uri, { overwrite: false, ignoreIfExists: true }, { label, needsConfirmation: false });
  edit.insert(uri, new vscode.Position(0, 0), starterManifest(folder.name), { label, needsConfirmation: false });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}.', uri.fsPath));
    return 'failed';
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return 'created';
}
