// Objectives view: objective → key results (progress first, so a long title cannot hide it) → the problems
// that move each KR, and one "Code" row for the linked files (never problems and files mixed on one level).
import * as vscode from 'vscode';
import { effectiveStatus } from '../../core/analysis/codeFindings';
import { krProgress } from '../../core/manifest/progress';
import type { IntentItem, KeyResult, Objective, Problem } from '../../core/types';
import type { FolderSession } from '../session';
import { treeMark } from '../lock/lockMarks';
import { fileNodes } from './codeNodes';
import { itemIcon, itemTooltip, retiredStatus } from './itemPresentation';
import type { Node } from './tree';
import type { ViewContext } from './viewContext';

/** Item nodes carry `item.<kind>` as contextValue: the view/item/context menus act on them. */
export function itemContextValue(item: IntentItem | undefined): string {
  return item ? `item.${item.kind}` : 'unknownId';
}

function visible(ctx: ViewContext, session: FolderSession, item: IntentItem): boolean {
  if (!ctx.activeOnly) return true;
  const status = effectiveStatus(session.graph, item);
  return status === undefined || status === 'active';
}

export function objectiveRoots(ctx: ViewContext): Promise<Node[]> {
  return ctx.roots('obj', (session, prefix) => {
    const out: Node[] = [];
    for (const item of session.graph.items.values()) {
      if (item.kind === 'objective' && visible(ctx, session, item)) out.push(objectiveNode(ctx, session, prefix, item));
    }
    return out;
  });
}

function linkedCodeNodes(ctx: ViewContext, session: FolderSession, id: string, itemId: string): Node[] {
  return fileNodes(id, session, ctx.model(session).linkedCode(itemId));
}

/** The linked code of an item beside its sub-items: one collapsed "Code" row, or nothing. */
function codeGroup(ctx: ViewContext, session: FolderSession, parent: string, itemId: string): Node[] {
  const files = ctx.model(session).linkedCode(itemId).length;
  if (files === 0) return [];
  const id = `${parent}/code`;
  return [
    {
      id,
      item: () => {
        const item = new vscode.TreeItem(vscode.l10n.t('Code'), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = files === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', files);
        item.iconPath = new vscode.ThemeIcon('code');
        item.contextValue = 'code';
        return item;
      },
      children: () => linkedCodeNodes(ctx, session, id, itemId),
    },
  ];
}

function objectiveNode(ctx: ViewContext, session: FolderSession, prefix: string, objective: Objective): Node {
  const id = `${prefix}/${objective.id}`;
  const graph = session.graph;
  const krs = () => objective.keyResults.map((k) => graph.items.get(k)).filter((k): k is KeyResult => k?.kind === 'keyResult' && visible(ctx, session, k));
  return {
    id,
    ref: { kind: 'item', session, id: objective.id },
    item: () => {
      const retired = retiredStatus(graph, objective);
      const count = krs().length;
      const item = new vscode.TreeItem(objective.title, retired ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.description = [retired, objective.period, count === 1 ? vscode.l10n.t('1 key result') : vscode.l10n.t('{0} key results', count)]
        .filter(Boolean)
        .join(' · ');
      item.iconPath = itemIcon(graph, objective);
      item.tooltip = itemTooltip(graph, objective, objective.id);
      item.contextValue = itemContextValue(objective);
      return item;
    },
    children: () => [...krs().map((kr) => krNode(ctx, session, id, kr)), ...codeGroup(ctx, session, id, objective.id)],
  };
}

function krNode(ctx: ViewContext, session: FolderSession, parent: string, kr: KeyResult): Node {
  const id = `${parent}/${kr.id}`;
  const graph = session.graph;
  return {
    id,
    ref: { kind: 'item', session, id: kr.id },
    item: () => {
      const retired = retiredStatus(graph, kr);
      const percent = krProgress(kr).percent;
      const item = new vscode.TreeItem(percent === undefined ? kr.title : `${percent}% · ${kr.title}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = [retired, krProgress(kr).label, treeMark(ctx.services, session, kr.id)].filter(Boolean).join(' · ');
      item.iconPath = itemIcon(graph, kr);
      item.tooltip = itemTooltip(graph, kr, kr.id);
      item.contextValue = itemContextValue(kr);
      return item;
    },
    children: () => [
      ...ctx.model(session).problemsFor(kr.id).filter((p) => visible(ctx, session, p)).map((p) => problemNode(ctx, session, id, p)),
      ...codeGroup(ctx, session, id, kr.id),
    ],
  };
}

function problemNode(ctx: ViewContext, session: FolderSession, parent: string, problem: Problem): Node {
  const id = `${parent}/${problem.id}`;
  const graph = session.graph;
  return {
    id,
    ref: { kind: 'item', session, id: problem.id },
    item: () => {
      const files = ctx.model(session).linkedCode(problem.id).length;
      const item = new vscode.TreeItem(problem.title, files ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = [retiredStatus(graph, problem), files === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', files)].filter(Boolean).join(' · ');
      item.iconPath = itemIcon(graph, problem);
      item.tooltip = itemTooltip(graph, problem, problem.id);
      item.contextValue = itemContextValue(problem);
      return item;
    },
    children: () => linkedCodeNodes(ctx, session, id, problem.id),
  };
}
