// Opens the manifest at an item's ID: what a CodeLens or the status bar does when clicked. With several IDs,
// a quick pick asks which one first.
import * as vscode from 'vscode';
import type { IntentItem } from '../../core/types';
import type { Services } from '../services';
import type { FolderSession } from '../session';
import { toVscodeRange } from '../symbols';

export interface RevealArgs {
  readonly ids: readonly string[];
  /** The workspace folder URI (string) whose graph declares the IDs. */
  readonly folder?: string;
}

function sessionFor(services: Services, folder: string | undefined): FolderSession | undefined {
  const all = services.sessions.all();
  return all.find((s) => s.folder.uri.toString() === folder) ?? all[0];
}

/**
 * The one way to show an item: its manifest opened with the ID selected. A lens or status-bar click previews
 * it; a tree's "Go to Manifest Entry" opens it for editing (`preview: false`).
 */
export async function revealItem(session: FolderSession, item: IntentItem, options: { readonly preview?: boolean } = {}): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(session.uri(item.source.manifest));
  const range = toVscodeRange(item.source.idRange);
  return vscode.window.showTextDocument(document, { selection: range, preview: options.preview ?? true });
}

/** The command handler: reveals the one item, or asks which of several. */
export function revealItemCommand(services: Services) {
  return async (args?: RevealArgs): Promise<vscode.TextEditor | undefined> => {
    const session = sessionFor(services, args?.folder);
    if (!session || !args?.ids?.length) return undefined;
    const items = args.ids.map((id) => session.graph.items.get(id)).filter((i): i is IntentItem => i !== undefined);
    if (items.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No intent.yaml declares {0}.', args.ids.join(', ')));
      return undefined;
    }
    if (items.length === 1) return revealItem(session, items[0]);
    const picked = await vscode.window.showQuickPick(
      items.map((item) => ({ label: item.id, description: item.title, item })),
      { placeHolder: vscode.l10n.t('Which item to show?') },
    );
    return picked ? revealItem(session, picked.item) : undefined;
  };
}
