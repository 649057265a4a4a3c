// Constraints view: each constraint → the files where it applies (appliesTo globs) and the places tagged with it.
import * as vscode from 'vscode';
import type { Constraint } from '../../core/types';
import type { FolderSession } from '../session';
import { fileNodes } from './codeNodes';
import { itemIcon, itemTooltip, retiredStatus } from './itemPresentation';
import { itemContextValue } from './objectivesTree';
import type { Node } from './tree';
import type { ViewContext } from './viewContext';

export function constraintRoots(ctx: ViewContext): Promise<Node[]> {
  return ctx.roots('con', (session, prefix) => {
    const out: Node[] = [];
    for (const item of session.graph.items.values()) if (item.kind === 'constraint') out.push(constraintNode(ctx, session, prefix, item));
    return out;
  });
}

function constraintNode(ctx: ViewContext, session: FolderSession, prefix: string, constraint: Constraint): Node {
  const id = `${prefix}/${constraint.id}`;
  const graph = session.graph;
  return {
    id,
    ref: { kind: 'item', session, id: constraint.id },
    item: () => {
      const files = ctx.model(session).constraintCode(constraint.id).length;
      const item = new vscode.TreeItem(constraint.title, files ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = [retiredStatus(graph, constraint), constraint.constraintKind, files === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', files)]
        .filter(Boolean)
        .join(' · ');
      item.iconPath = itemIcon(graph, constraint);
      item.tooltip = itemTooltip(graph, constraint, constraint.id);
      item.contextValue = itemContextValue(constraint);
      return item;
    },
    // Grouped by folder when long (a constraint over `**/*.ts` reaches thousands of files).
    children: () => fileNodes(id, session, ctx.model(session).constraintCode(constraint.id)),
  };
}
