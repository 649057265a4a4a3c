// Create intent.yaml: writes the commented starter manifest at the first folder's root as one undoable
// WorkspaceEdit, with scope suggestions from the repository's packages and src folders, then opens it and
// confirms with Open / Undo. An existing intent.yaml is never overwritten: it is opened instead.
import * as vscode from 'vscode';
import { MANIFEST_NAME } from '../../core/project';
import { starterManifest } from '../../core/views/manifestText';
import { SCOPE_SOURCES, suggestScopes, type ScopeSuggestion } from '../../core/views/starterScopes';
import type { Services } from '../services';
import { confirmWrite } from './confirm';

export type CreateResult = 'created' | 'exists' | 'noFolder' | 'failed';

async function exists(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false; // stat fails exactly when there is no such file
  }
}

/** Reads what suggestScopes needs: a bounded search for package files, the root's workspace files, src/. */
async function scopeSuggestions(folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel): Promise<ScopeSuggestion[]> {
  try {
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/{package.json,Cargo.toml,go.mod}'), '**/{node_modules,vendor,target,.git}/**', 2000);
    const base = folder.uri.path.replace(/\/$/, '');
    const files = found.map((u) => u.path.slice(base.length + 1));
    const texts = new Map<string, string>();
    for (const name of SCOPE_SOURCES) {
      const uri = vscode.Uri.joinPath(folder.uri, name);
      const stat = await vscode.workspace.fs.stat(uri).then((s) => s, () => undefined);
      if (stat && stat.size < 512 * 1024) texts.set(name, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    }
    const src = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder.uri, 'src')).then((e) => e, () => undefined);
    const srcFolders = src?.filter(([, type]) => type === vscode.FileType.Directory).map(([name]) => name).slice(0, 50);
    return suggestScopes({ files, texts, srcFolders });
  } catch (error) {
    log.warn(`create intent.yaml: no scope suggestions (${error instanceof Error ? error.message : String(error)})`);
    return [];
  }
}

export async function createManifest(services: Services): Promise<CreateResult> {
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
  const scopes = await scopeSuggestions(folder, services.log);
  const edit = new vscode.WorkspaceEdit();
  const label = vscode.l10n.t('Create intent.yaml');
  edit.createFile(uri, { overwrite: false, ignoreIfExists: true }, { label, needsConfirmation: false });
  edit.insert(uri, new vscode.Position(0, 0), starterManifest(folder.name, scopes), { label, needsConfirmation: false });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}.', uri.fsPath));
    return 'failed';
  }
  // Saved, so the folder's index and the CLI read the same starter (undo still removes the file).
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  if (!(await editor.document.save())) services.log.warn('create intent.yaml: the new file could not be saved');
  const message = scopes.length
    ? vscode.l10n.t('Created intent.yaml with {0} suggested scope(s) from this repository, commented out: uncomment what fits.', scopes.length)
    : vscode.l10n.t('Created intent.yaml: uncomment an example and fill it in.');
  confirmWrite(message, [{ uri, line: 0 }], services.log);
  return 'created';
}
