// Context-menu commands on tree items: go to the manifest entry, find its references, copy its ID.
import * as vscode from 'vscode';
import { revealItem } from '../editor/revealItem';
import type { FolderSession } from '../session';
import { toVscodeRange } from '../symbols';
import type { Node, NodeRef } from './tree';

/** Commands receive the node (from a tree menu) or nothing (palette): only item nodes are acted on. */
export function itemRef(arg: unknown): Extract<NodeRef, { kind: 'item' }> | undefined {
  const ref = (arg as Node | undefined)?.ref;
  return ref?.kind === 'item' ? ref : undefined;
}

async function openManifestEntry(session: FolderSession, id: string): Promise<vscode.TextEditor | undefined> {
  const item = session.graph.items.get(id);
  if (!item) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not declared in any intent.yaml.', id));
    return undefined;
  }
  return revealItem(session, item, { preview: false });
}

/** The Go to Manifest Entry command on a tree item. */
export async function goToManifestEntry(arg: unknown): Promise<boolean> {
  const ref = itemRef(arg);
  if (!ref) return false;
  return (await openManifestEntry(ref.session, ref.id)) !== undefined;
}

/** Opens the manifest entry and shows every code tag that names the ID, in the references peek. */
export async function findItemReferences(arg: unknown): Promise<vscode.Location[] | undefined> {
  const ref = itemRef(arg);
  if (!ref) return undefined;
  const editor = await openManifestEntry(ref.session, ref.id);
  if (!editor) return undefined;
  const locations = ref.session.model.tagsById(ref.id).map((l) => new vscode.Location(ref.session.uri(l.file), toVscodeRange(l.ref.range)));
  await vscode.commands.executeCommand('editor.action.showReferences', editor.document.uri, editor.selection.active, locations);
  return locations;
}

export async function copyItemId(arg: unknown): Promise<string | undefined> {
  const ref = itemRef(arg);
  if (!ref) return undefined;
  await vscode.env.clipboard.writeText(ref.id);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', ref.id), 3000);
  return ref.id;
}
