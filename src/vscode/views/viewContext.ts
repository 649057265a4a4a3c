// What the sidebar trees share: the services, each folder's code model (the session's, rebuilt after each
// change batch), the filter state, and the folder level shown only in multi-root workspaces.
import * as vscode from 'vscode';
import type { CodeModel } from '../../core/model/codeModel';
import type { Services } from '../services';
import type { FolderSession } from '../session';
import type { Node } from './tree';

export class ViewContext implements vscode.Disposable {
  /** Objectives view: hide retired and proposed objectives and key results. */
  activeOnly = false;
  /** Tech Debt view: the marker words Untriaged shows (undefined: all). */
  markerFilter: readonly string[] | undefined;

  constructor(readonly services: Services) {}

  /** The folder's code model: the trees derive nothing themselves. */
  model(session: FolderSession): CodeModel {
    return session.model;
  }

  /** Sessions whose folder has at least one manifest. */
  sessions(): FolderSession[] {
    return this.services.sessions.all().filter((s) => s.graph.manifests.length > 0);
  }

  /**
   * The roots of a tree: `build` per folder, under a folder node when several folders have manifests (or,
   * with `all`, several folders at all: the Tech Debt view shows untriaged comments before any manifest).
   */
  async roots(view: string, build: (session: FolderSession, prefix: string) => Node[] | Promise<Node[]>, all = false): Promise<Node[]> {
    const sessions = all ? this.services.sessions.all() : this.sessions();
    if (sessions.length === 0) return [];
    if (sessions.length === 1) return build(sessions[0], view);
    return sessions.map((session) => {
      const id = `${view}/${session.folder.uri.toString()}`;
      return {
        id,
        item: () => {
          const item = new vscode.TreeItem(session.folder.name, vscode.TreeItemCollapsibleState.Expanded);
          item.iconPath = vscode.ThemeIcon.Folder;
          item.resourceUri = session.folder.uri;
          return item;
        },
        children: () => build(session, id),
      };
    });
  }

  dispose(): void {
    // Nothing to release: the models belong to the sessions.
  }
}
