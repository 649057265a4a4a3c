// Context view: the effective intent at the cursor (enclosing symbols, tags, file tags, scopes, constraints,
// debt), each link with where it comes from. Computed when read; refreshed (debounced) as the cursor moves.
import * as vscode from 'vscode';
import { provenanceMessage, type IntentLink } from '../../core/analysis/effectiveIntent';
import { basename } from '../../core/paths';
import type { IntentGraph } from '../../core/types';
import { localize } from '../l10n';
import type { FolderSession } from '../session';
import { itemIcon, itemTooltip } from './itemPresentation';
import { itemContextValue } from './objectivesTree';
import type { Node } from './tree';
import type { ViewContext } from './viewContext';

type Section = 'serves' | 'constraints' | 'debt';

export async function contextRoots(ctx: ViewContext, editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor): Promise<Node[]> {
  if (!editor) return [];
  const document = editor.document;
  const session = ctx.services.sessions.forUri(document.uri);
  if (!session || session.graph.manifests.length === 0) return [];
  const line = editor.selection.active.line;
  const intent = await session.effectiveAt(document, line);
  if (!intent) return [];
  const prefix = 'ctx';
  const where: Node = {
    id: `${prefix}/where`,
    item: () => {
      const item = new vscode.TreeItem(intent.symbols.length ? intent.symbols.join(' › ') : basename(intent.file), vscode.TreeItemCollapsibleState.None);
      item.description = `${intent.file}:${line + 1}`;
      item.iconPath = new vscode.ThemeIcon(intent.symbols.length ? 'symbol-method' : 'file');
      item.tooltip = `${intent.file}:${line + 1}`;
      item.contextValue = 'location';
      return item;
    },
  };
  const sections: Record<Section, IntentLink[]> = { serves: [], constraints: [], debt: [] };
  for (const link of intent.links) {
    if (link.debt) sections.debt.push(link);
    else if (link.item?.kind === 'constraint') sections.constraints.push(link);
    else sections.serves.push(link);
  }
  const out: Node[] = [where];
  const titles: Record<Section, string> = {
    serves: vscode.l10n.t('Serves'),
    constraints: vscode.l10n.t('Constraints'),
    debt: vscode.l10n.t('Tech debt'),
  };
  for (const section of ['serves', 'constraints', 'debt'] as const) {
    const links = sections[section];
    if (links.length === 0) continue;
    const id = `${prefix}/${section}`;
    const children = linkNodes(session, id, links, section === 'debt');
    out.push({
      id,
      item: () => {
        const item = new vscode.TreeItem(titles[section], vscode.TreeItemCollapsibleState.Expanded);
        item.description = String(children.length);
        item.iconPath = new vscode.ThemeIcon(section === 'serves' ? 'target' : section === 'constraints' ? 'shield' : 'flame');
        return item;
      },
      children: () => children,
    });
  }
  return out;
}

/** One node per ID, its provenances joined: `tagged here (line 11); via scope src/search/** (intent.yaml)`. */
function linkNodes(session: FolderSession, parent: string, links: readonly IntentLink[], debt: boolean): Node[] {
  const byId = new Map<string, IntentLink[]>();
  for (const l of links) byId.set(l.id, [...(byId.get(l.id) ?? []), l]);
  return [...byId].map(([id, list]) => linkNode(session.graph, session, `${parent}/${id}`, id, list, debt));
}

function linkNode(graph: IntentGraph, session: FolderSession, nodeId: string, id: string, links: readonly IntentLink[], debt: boolean): Node {
  const item = links[0].item;
  return {
    id: nodeId,
    ref: { kind: 'item', session, id },
    item: () => {
      const tree = new vscode.TreeItem(id, vscode.TreeItemCollapsibleState.None);
      const provenance = links.map((l) => localize(provenanceMessage(l.via), ''));
      const notes = debt ? links.map((l) => l.note).filter(Boolean) : [];
      tree.description = [...provenance, ...notes].join('; ');
      tree.iconPath = itemIcon(graph, item);
      const tooltip = itemTooltip(graph, item, id);
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(provenance.join('\n'));
      tree.tooltip = tooltip;
      tree.contextValue = itemContextValue(item);
      return tree;
    },
  };
}
