// The few parts of VS Code's built-in git extension API (vscode.git, getAPI(1)) the Review view uses: find the
// repository of a folder and hear when its state changes. Absent or disabled git extension → undefined.
import * as vscode from 'vscode';

/** The subset of the git extension's `Repository` we read. */
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly onDidChange: vscode.Event<void> };
}

/** The subset of the git extension's API v1 we read. */
export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtensionExports {
  readonly enabled?: boolean;
  getAPI(version: 1): GitApi;
}

/** The git extension's API once initialized, or undefined when the extension is missing or disabled. */
export async function gitApi(timeoutMs = 5_000): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!ext) return undefined;
  try {
    const exports = ext.isActive ? ext.exports : await ext.activate();
    if (!exports || exports.enabled === false || typeof exports.getAPI !== 'function') return undefined;
    const api = exports.getAPI(1);
    if (api.state === 'initialized') return api;
    return await new Promise<GitApi | undefined>((resolve) => {
      const timer = setTimeout(() => {
        sub.dispose();
        resolve(api.state === 'initialized' ? api : undefined);
      }, timeoutMs);
      const sub = api.onDidChangeState((s) => {
        if (s !== 'initialized') return;
        clearTimeout(timer);
        sub.dispose();
        resolve(api);
      });
    });
  } catch {
    return undefined;
  }
}

function contains(root: vscode.Uri, uri: vscode.Uri): boolean {
  const base = root.path.replace(/\/$/, '');
  return root.scheme === uri.scheme && root.authority === uri.authority && (uri.path === base || uri.path.startsWith(base + '/'));
}

/** The innermost repository containing `folder` (asking the git extension to open one there if none is known). */
export async function repositoryFor(api: GitApi, folder: vscode.Uri): Promise<GitRepository | undefined> {
  const pick = () => [...api.repositories]
    .filter((r) => contains(r.rootUri, folder))
    .sort((a, b) => b.rootUri.path.length - a.rootUri.path.length)[0];
  const known = pick();
  if (known) return known;
  try {
    return (await api.openRepository?.(folder)) ?? pick();
  } catch {
    return undefined;
  }
}
