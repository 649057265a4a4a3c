// The shared shape of the sidebar trees: nodes with a stable id (expansion survives refreshes) whose
// children are computed only when expanded, and one provider that rebuilds from the roots on change.
import * as vscode from 'vscode';
import { MAX_TREE_CHILDREN } from '../../core/views/folderGroups';
import type { FolderSession } from '../session';

export interface Node {
  /** Stable across refreshes: the path of keys from the root, so expansion state is kept. */
  readonly id: string;
  item(): vscode.TreeItem;
  children?(): Node[] | Promise<Node[]>;
  /** What context-menu commands act on. */
  readonly ref?: NodeRef;
}

export type NodeRef =
  | { readonly kind: 'item'; readonly session: FolderSession; readonly id: string }
  | { readonly kind: 'marker'; readonly session: FolderSession; readonly file: string; readonly line: number; readonly character: number; readonly marker: string; readonly text: string };

/** Children beyond this many go behind one "N more…" node that expands to the next page. */
export const MAX_CHILDREN = MAX_TREE_CHILDREN;

export class TreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly roots: () => Node[] | Promise<Node[]>) {}

  getTreeItem(node: Node): vscode.TreeItem {
    const item = node.item();
    item.id = node.id;
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const list = node ? ((await node.children?.()) ?? []) : await this.roots();
    return capped(list, node?.id ?? 'root');
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The row that stands for `count` more children past a cap; expanding it shows the next ones. */
export function moreItem(count: number): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('{0} more…', count), vscode.TreeItemCollapsibleState.Collapsed);
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.tooltip = vscode.l10n.t('Expand to show the next ones');
  item.contextValue = 'more';
  return item;
}

export function capped(list: Node[], parentId: string): Node[] {
  if (list.length <= MAX_CHILDREN) return list;
  const rest = list.slice(MAX_CHILDREN);
  const id = `${parentId}/…more`;
  return [
    ...list.slice(0, MAX_CHILDREN),
    {
      id,
      item: () => moreItem(rest.length),
      children: () => capped(rest, id),
    },
  ];
}

/** Calls `fire` at most once per `ms` after the last `schedule()`. */
export class Debouncer implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly ms: number, private readonly fire: () => void) {}
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, this.ms);
  }
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
