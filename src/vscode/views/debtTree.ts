// Tech Debt view: each debt once, most urgent first (impact, then cost), with what it hurts in its
// description; then Untriaged: the TODO/FIXME/HACK comments no tag covers yet, folder → file → comment,
// filterable by marker word. Untriaged shows even before the folder has an intent.yaml.
import * as vscode from 'vscode';
import { basename } from '../../core/paths';
import type { DebtEntry } from '../../core/model/debtRanking';
import type { UntriagedMarker } from '../../core/model/untriaged';
import { shortTitle } from '../../core/editor/lensTitle';
import type { FolderSession } from '../session';
import { groupedNodes, openCommand, placeNodes } from './codeNodes';
import { itemIcon, itemTooltip } from './itemPresentation';
import { itemContextValue } from './objectivesTree';
import type { Node } from './tree';
import type { ViewContext } from './viewContext';
import { pushAll } from '../../core/arrays';

export function debtRoots(ctx: ViewContext): Promise<Node[]> {
  return ctx.roots(
    'debt',
    (session, prefix) => {
      const model = ctx.model(session);
      // The one ranking (core/model/debtRanking): each debt once, with the IDs it hurts.
      const debts = session.graph.manifests.length ? model.debt().map((d) => entryNode(ctx, session, prefix, d, d.hurts)) : [];
      const markers = model.untriaged().filter((m) => !ctx.markerFilter || ctx.markerFilter.includes(m.marker.marker));
      return markers.length || ctx.markerFilter ? [...debts, untriagedNode(ctx, session, prefix, markers)] : debts;
    },
    true,
  );
}

/** `Median casting cycle from 7 to 3 days, Search p95 under 300 ms` (titles; an unknown ID as written). */
function hurtsText(session: FolderSession, hurts: readonly string[]): string {
  const names = hurts.map((id) => {
    const item = session.graph.items.get(id);
    return item ? shortTitle(item.title, 40) : id;
  });
  return names.length ? vscode.l10n.t('hurts {0}', names.join(', ')) : '';
}

function entryNode(ctx: ViewContext, session: FolderSession, parent: string, entry: DebtEntry, hurts: readonly string[]): Node {
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
          hurtsText(session, hurts),
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
      item.description = [hurtsText(session, hurts), `${basename(entry.file)}:${line + 1}`].filter(Boolean).join(' · ');
      item.tooltip = `${entry.file}:${line + 1}${entry.tag.note ? `\n${entry.tag.note}` : ''}\n${hurts.join(', ')}`;
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

function untriagedNode(ctx: ViewContext, session: FolderSession, prefix: string, markers: readonly UntriagedMarker[]): Node {
  const id = `${prefix}/untriaged`;
  const byFile = new Map<string, UntriagedMarker[]>();
  for (const m of markers) {
    let list = byFile.get(m.file);
    if (!list) byFile.set(m.file, (list = []));
    list.push(m);
  }
  return {
    id,
    item: () => {
      const item = new vscode.TreeItem(vscode.l10n.t('Untriaged'), session.graph.manifests.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      const count = markers.length === 1 ? vscode.l10n.t('1 comment') : vscode.l10n.t('{0} comments', markers.length);
      item.description = ctx.markerFilter ? `${count} · ${ctx.markerFilter.join(', ')}` : count;
      item.tooltip = vscode.l10n.t('TODO, FIXME and HACK comments that no @intent or @debt tag covers yet');
      item.iconPath = new vscode.ThemeIcon('inbox');
      item.contextValue = 'untriagedGroup';
      return item;
    },
    // Folder → file → comment: a repository's hundreds of TODOs stay browsable.
    children: () =>
      groupedNodes(id, session, [...byFile].map(([path, list]) => ({ path, value: list })), (parent, list, showFolder) => markerFileNode(session, parent, list, showFolder)),
  };
}

function markerFileNode(session: FolderSession, parent: string, list: readonly UntriagedMarker[], showFolder: boolean): Node {
  const file = list[0].file;
  const id = `${parent}/f:${file}`;
  return {
    id,
    item: () => {
      const item = new vscode.TreeItem(basename(file), vscode.TreeItemCollapsibleState.Collapsed);
      const count = list.length === 1 ? vscode.l10n.t('1 comment') : vscode.l10n.t('{0} comments', list.length);
      item.description = showFolder ? `${file.slice(0, Math.max(0, file.lastIndexOf('/')))} · ${count}`.replace(/^ · /, '') : count;
      item.resourceUri = session.uri(file);
      item.iconPath = vscode.ThemeIcon.File;
      item.tooltip = file;
      item.contextValue = 'untriagedFile';
      return item;
    },
    children: () => list.map((m) => markerNode(session, id, m)),
  };
}

function markerNode(session: FolderSession, parent: string, { file, marker }: UntriagedMarker): Node {
  const { line, character } = marker.range.start;
  return {
    id: `${parent}/${line}:${character}`,
    ref: { kind: 'marker', session, file, line, character, marker: marker.marker, text: marker.text },
    item: () => {
      const item = new vscode.TreeItem(marker.text || marker.marker, vscode.TreeItemCollapsibleState.None);
      item.description = `${marker.marker} · ${vscode.l10n.t('line {0}', line + 1)}`;
      item.tooltip = `${file}:${line + 1}\n${marker.marker}: ${marker.text}`;
      item.iconPath = new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('charts.yellow'));
      item.contextValue = 'untriaged';
      item.command = openCommand(session, file, marker.range);
      return item;
    },
  };
}
