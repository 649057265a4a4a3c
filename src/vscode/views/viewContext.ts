// What the sidebar trees share: the services, one ViewModel per folder (rebuilt after each change batch),
// the filter state, and the folder level shown only in multi-root workspaces.
import * as vscode from 'vscode';
import { ViewModel } from '../../core/views/linkedCode';
import type { Services } from '../services';
import type { FolderSession } from '../session';
import type { Node } from './tree';

export class ViewContext implements vscode.Disposable {
  private readonly models = new Map<FolderSession, ViewModel>();
  private readonly subscription: vscode.Disposable;
  /** Objectives view: hide retired and proposed objectives and key results. */
  activeOnly = false;

  constructor(readonly services: Services) {
    this.subscription = services.sessions.onDidChange((e) => this.models.delete(e.session));
  }

  model(session: FolderSession): ViewModel {
    let model = this.models.get(session);
    if (!model || model.graph !== session.graph) {
      model = new ViewModel(session.graph, session.index);
      this.models.set(session, model);
    }
    return model;
  }

  /** Sessions whose folder has at least one manifest. */
  sessions(): FolderSession[] {
    return this.services.sessions.all().filter((s) => s.graph.manifests.length > 0);
  }

  /** The roots of a tree: `build` per folder, under a folder node when several folders have manifests. */
  async roots(view: string, build: (session: FolderSession, prefix: string) => Node[] | Promise<Node[]>): Promise<Node[]> {
    const sessions = this.sessions();
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
    this.subscription.dispose();
    this.models.clear();
  }
}
