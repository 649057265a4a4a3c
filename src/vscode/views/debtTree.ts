// Tech Debt view: debt grouped by the item it hurts, most urgent first (impact, then cost), then the
// Untriaged group: TODO/FIXME/HACK comments no intent or debt tag covers yet.
import * as vscode from 'vscode';
import { basename } from '../../core/paths';
import type { DebtEntry, DebtGroup } from '../../core/model/debtRanking';
import type { UntriagedMarker } from '../../core/model/untriaged';
import type { FolderSession } from '../session';
import { openCommand, placeNodes } from './codeNodes';
import { itemIcon, itemTooltip } from './itemPresentation';
import { itemContextValue } from './objectivesTree';
import type { Node } from './tree';
import type { ViewContext } from './viewContext';
import { pushAll } from '../../core/arrays';

export function debtRoots(ctx: ViewContext): Promise<Node[]> {
  return ctx.roots('debt', (session, prefix) => {
    const model = ctx.model(session);
    const groups = model.debtGroups().map((g) => groupNode(ctx, session, prefix, g));
    const markers = model.untriaged();
    return markers.length ? [...groups, untriagedNode(session, prefix, markers)] : groups;
  });
}

function groupNode(ctx: ViewContext, session: FolderSession, prefix: string, group: DebtGroup): Node {
  const id = `${prefix}/${group.id}`;
  const graph = session.graph;
  return {
    id,
    ref: { kind: 'item', session, id: group.id },
    item: () => {
      const item = new vscode.TreeItem(group.item?.title ?? group.id, vscode.TreeItemCollapsibleState.Expanded);
      const count = group.entries.length;
      item.description = [group.item ? group.id : vscode.l10n.t('unknown ID'), count === 1 ? vscode.l10n.t('1 debt') : vscode.l10n.t('{0} debts', count)].join(' · ');
      item.iconPath = itemIcon(graph, group.item);
      item.tooltip = itemTooltip(graph, group.item, group.id);
      item.contextValue = itemContextValue(group.item);
      return item;
    },
    children: () => group.entries.map((e) => entryNode(ctx, session, id, e)),
  };
}

function entryNode(ctx: ViewContext, session: FolderSession, parent: string, entry: DebtEntry): Node {
  const graph = session.graph;
  if (entry.kind === 'item') {
    const id = `${parent}/${entry.item.id}`;
    return {
      id,
      ref: { kind: 'item', session, id: entry.item.id },
      item: () => {
        const item = new vscode.TreeItem(entry.item.title, entry.anchors.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = [
          entry.impact ? vscode.l10n.t('{0} impact', entry.impact) : undefined,
          entry.cost ? vscode.l10n.t('cost {0}', entry.cost) : undefined,
          entry.item.id,
        ].filter(Boolean).join(' · ');
        item.iconPath = itemIcon(graph, entry.item);
        item.tooltip = itemTooltip(graph, entry.item, entry.item.id);
        item.contextValue = itemContextValue(entry.item);
        item.command = manifestCommand(session, entry.item.source.manifest, entry.item.source.idRange.start.line);
        return item;
      },
      children: entry.anchors.length
        ? async () => {
            const byFile = new Map<string, typeof entry.anchors[number][]>();
            for (const a of entry.anchors) byFile.set(a.file, [...(byFile.get(a.file) ?? []), a]);
            const out: Node[] = [];
            for (const [file, places] of byFile) pushAll(out, (await placeNodes(`${id}/${file}`, session, file, places)).map((n) => withFile(n, file)));
            return out;
          }
        : undefined,
    };
  }
  const line = entry.tag.range.start.line;
  return {
    id: `${parent}/${entry.key}`,
    item: () => {
      const item = new vscode.TreeItem(entry.tag.note ?? `${basename(entry.file)}:${line + 1}`, vscode.TreeItemCollapsibleState.None);
      item.description = `${basename(entry.file)}:${line + 1}`;
      item.tooltip = `${entry.file}:${line + 1}${entry.tag.note ? `\n${entry.tag.note}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('flame');
      item.contextValue = 'inlineDebt';
      item.command = openCommand(session, entry.file, entry.tag.range);
      return item;
    },
  };
}

/** A debt anchor shows its file: `availabilityFilter.ts:18`. */
function withFile(node: Node, file: string): Node {
  return {
    ...node,
    item: () => {
      const item = node.item();
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      item.description = [basename(file), item.description].filter(Boolean).join(' · ');
      item.label = label;
      return item;
    },
  };
}

function manifestCommand(session: FolderSession, manifest: string, line: number): vscode.Command {
  return openCommand(session, manifest, { start: { line, character: 0 }, end: { line, character: 0 } });
}

function untriagedNode(session: FolderSession, prefix: string, markers: readonly UntriagedMarker[]): Node {
  const id = `${prefix}/untriaged`;
  return {
    id,
    item: () => {
      const item = new vscode.TreeItem(vscode.l10n.t('Untriaged'), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = markers.length === 1 ? vscode.l10n.t('1 comment') : vscode.l10n.t('{0} comments', markers.length);
      item.tooltip = vscode.l10n.t('TODO, FIXME and HACK comments that no @intent or @debt tag covers yet');
      item.iconPath = new vscode.ThemeIcon('inbox');
      item.contextValue = 'untriagedGroup';
      return item;
    },
    children: () => markers.map((m) => markerNode(session, id, m)),
  };
}

function markerNode(session: FolderSession, parent: string, { file, marker }: UntriagedMarker): Node {
  const { line, character } = marker.range.start;
  return {
    id: `${parent}/${file}:${line}:${character}`,
    ref: { kind: 'marker', session, file, line, character, marker: marker.marker, text: marker.text },
    item: () => {
      const item = new vscode.TreeItem(marker.text || marker.marker, vscode.TreeItemCollapsibleState.None);
      item.description = `${marker.marker} · ${file}:${line + 1}`;
      item.tooltip = `${file}:${line + 1}\n${marker.marker}: ${marker.text}`;
      item.iconPath = new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('charts.yellow'));
      item.contextValue = 'untriaged';
      item.command = openCommand(session, file, marker.range);
      return item;
    },
  };
}
