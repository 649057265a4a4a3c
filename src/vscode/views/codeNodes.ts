// Tree nodes for code: a linked file (opens it; expands to its tagged places) and a tagged place (opens at
// its line, labelled with the symbol the code model binds the tag to).
import * as vscode from 'vscode';
import type { TagLocation } from '../../core/index/workspaceIndex';
import { basename, dirname } from '../../core/paths';
import type { Range, Tag } from '../../core/types';
import type { LinkedFile } from '../../core/model/codeModel';
import { groupByFolder, type GroupNode } from '../../core/views/folderGroups';
import type { FolderSession } from '../session';
import { moreItem, type Node } from './tree';

export function openCommand(session: FolderSession, file: string, range?: Range): vscode.Command {
  const selection = range ? new vscode.Range(range.start.line, range.start.character, range.start.line, range.start.character) : undefined;
  return {
    command: 'vscode.open',
    title: vscode.l10n.t('Open'),
    arguments: [session.uri(file), selection ? { selection, preview: true } : { preview: true }],
  };
}

/** Folder → file nodes for any per-file list: flat (folder in the description) when short. */
export function groupedNodes<T>(
  parentId: string,
  session: FolderSession,
  entries: readonly { path: string; value: T }[],
  leaf: (parentId: string, value: T, showFolder: boolean) => Node,
): Node[] {
  const groups = groupByFolder(entries);
  const flat = groups.every((g) => g.kind === 'file');
  const toNode = (g: GroupNode<T>): Node => {
    switch (g.kind) {
      case 'file':
        return leaf(parentId, g.value, flat);
      case 'folder':
        return {
          id: `${parentId}/d:${g.path}`,
          item: () => {
            const item = new vscode.TreeItem(g.label, vscode.TreeItemCollapsibleState.Collapsed);
            item.description = g.count === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', g.count);
            item.iconPath = vscode.ThemeIcon.Folder;
            item.resourceUri = session.uri(g.path);
            item.tooltip = g.path;
            item.contextValue = 'folder';
            return item;
          },
          children: () => g.children().map(toNode),
        };
      case 'more':
        return {
          id: `${parentId}/m:${g.key}`,
          item: () => moreItem(g.count),
          children: () => g.children().map(toNode),
        };
    }
  };
  return groups.map(toNode);
}

/** Linked files, grouped by folder when there are many. */
export function fileNodes(parentId: string, session: FolderSession, files: readonly LinkedFile[]): Node[] {
  return groupedNodes(parentId, session, files.map((f) => ({ path: f.file, value: f })), (parent, f, showFolder) => fileNode(parent, session, f, showFolder));
}

export function fileNode(parentId: string, session: FolderSession, linked: LinkedFile, showFolder = true): Node {
  const id = `${parentId}/f:${linked.file}`;
  return {
    id,
    item: () => {
      const item = new vscode.TreeItem(basename(linked.file), linked.places.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.resourceUri = session.uri(linked.file);
      const where = showFolder ? dirname(linked.file) : '';
      // One row per file: tagged places and the glob that brings it in, together.
      const how = [linked.places.length ? vscode.l10n.t('{0} tagged', linked.places.length) : '', linked.glob ? vscode.l10n.t('via {0}', linked.glob) : ''];
      item.description = [where, ...how].filter(Boolean).join(' · ');
      item.tooltip = linked.file;
      item.iconPath = vscode.ThemeIcon.File;
      item.contextValue = 'file';
      item.command = openCommand(session, linked.file, linked.places[0]?.tag.range);
      return item;
    },
    children: linked.places.length ? () => placeNodes(id, session, linked.file, linked.places) : undefined,
  };
}

/** The name of the symbol each tag binds to, from the folder's code model (the same binding as lenses and CLI). */
async function boundNames(session: FolderSession, file: string, tags: readonly Tag[]): Promise<Map<Tag, string>> {
  const names = new Map<Tag, string>();
  for (const { tag, target } of await session.model.bindings(file)) {
    if (tags.includes(tag) && target.kind === 'symbol') names.set(tag, target.path.map((s) => s.name).join('.'));
  }
  return names;
}

export async function placeNodes(parentId: string, session: FolderSession, file: string, places: readonly TagLocation[]): Promise<Node[]> {
  const names = await boundNames(session, file, places.map((p) => p.tag));
  return places.map((p) => placeNode(parentId, session, file, p.tag, names.get(p.tag)));
}

export function placeNode(parentId: string, session: FolderSession, file: string, tag: Tag, symbol: string | undefined): Node {
  const line = tag.range.start.line;
  return {
    id: `${parentId}/l:${line}:${tag.range.start.character}`,
    item: () => {
      const label = symbol ?? (tag.kind === 'intent-file' ? vscode.l10n.t('whole file') : vscode.l10n.t('line {0}', line + 1));
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      item.description = [symbol || tag.kind === 'intent-file' ? vscode.l10n.t('line {0}', line + 1) : '', tag.note ?? ''].filter(Boolean).join(' · ');
      item.tooltip = `${file}:${line + 1}${tag.note ? `\n${tag.note}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(tag.kind === 'debt' ? 'flame' : tag.kind === 'intent-file' ? 'file-code' : 'symbol-method');
      item.contextValue = 'place';
      item.command = openCommand(session, file, tag.range);
      return item;
    },
  };
}
