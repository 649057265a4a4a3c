// The VS Code implementation of the core's WorkspaceHost: files listed from disk with .gitignore rules plus
// `files.exclude` / `search.exclude`, and open, unsaved buffers winning over disk when a file is read.
import * as vscode from 'vscode';
import type { ListOptions, WorkspaceHost } from '../core/host';
import { NodeHost } from '../node/nodeHost';

const encoder = new TextEncoder();

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

export class VscodeWorkspaceHost implements WorkspaceHost {
  private readonly disk: NodeHost;

  constructor(private readonly folder: vscode.Uri) {
    this.disk = new NodeHost(folder.fsPath);
  }

  listFiles(options?: ListOptions): AsyncIterable<string> {
    return this.disk.listFiles({ exclude: [...configuredExcludes(this.folder), ...(options?.exclude ?? [])] });
  }

  /** The open document for a root-relative path, if any. */
  document(path: string): vscode.TextDocument | undefined {
    const uri = vscode.Uri.joinPath(this.folder, path).toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const doc = this.document(path);
    if (doc && !doc.isClosed) return encoder.encode(doc.getText());
    return this.disk.read(path);
  }

  async size(path: string): Promise<number | undefined> {
    const doc = this.document(path);
    if (doc && !doc.isClosed) return doc.getText().length;
    return this.disk.size?.(path);
  }
}
