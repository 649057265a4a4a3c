// The VS Code implementation of the core's WorkspaceHost: the CLI's worker-thread listing and scanning
// (NodeHost through BufferedHost) with `files.exclude` / `search.exclude` added and open buffers winning.
import * as vscode from 'vscode';
import { BufferedHost } from '../node/bufferedHost';
import { EDITOR_HOST_OPTIONS, NodeHost } from '../node/nodeHost';

/** The globs set to `true` in `files.exclude` and `search.exclude` for a folder (conditional entries are skipped). */
export function configuredExcludes(folder: vscode.Uri): string[] {
  const globs = new Set<string>();
  for (const [section, key] of [['files', 'exclude'], ['search', 'exclude']] as const) {
    const value = vscode.workspace.getConfiguration(section, folder).get<Record<string, unknown>>(key) ?? {};
    for (const [glob, on] of Object.entries(value)) {
      if (on === true) globs.add(glob.replace(/^\*\*\//, '**/'));
    }
  }
  return [...globs];
}

/** Root-relative path → text of the open documents under `folder` (unsaved edits win over disk). */
function openBuffers(folder: vscode.Uri): Map<string, string> {
  const out = new Map<string, string>();
  const base = folder.path.replace(/\/$/, '') + '/';
  for (const d of vscode.workspace.textDocuments) {
    const uri = d.uri;
    if (d.isClosed || uri.scheme !== folder.scheme || uri.authority !== folder.authority || !uri.path.startsWith(base)) continue;
    out.set(uri.path.slice(base.length), d.getText());
  }
  return out;
}

export class VscodeWorkspaceHost extends BufferedHost {
  constructor(folder: vscode.Uri) {
    super(new NodeHost(folder.fsPath, EDITOR_HOST_OPTIONS), { buffers: () => openBuffers(folder), excludes: () => configuredExcludes(folder) });
  }
}
