// After every successful write: say what changed, with "Open" (show it) and "Undo" (undo it in one step).
// Not awaited by the commands: the message resolves only when dismissed.
import * as vscode from 'vscode';

export interface Written {
  readonly uri: vscode.Uri;
  /** Where to put the cursor when opened. */
  readonly line: number;
}

/** Shows the changed places: the first in the active editor, the others beside it without taking focus. */
export async function showWritten(places: readonly Written[]): Promise<void> {
  const [first, ...rest] = places;
  for (const place of rest) {
    const at = new vscode.Range(place.line, 0, place.line, 0);
    await vscode.window.showTextDocument(place.uri, { selection: at, preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  }
  if (first) {
    const at = new vscode.Range(first.line, 0, first.line, 0);
    await vscode.window.showTextDocument(first.uri, { selection: at, preview: false, viewColumn: rest.length ? vscode.ViewColumn.One : undefined });
  }
}

/** Undoes the last edit of `place`'s document (a WorkspaceEdit over several files is undone as a whole). */
export async function undoWritten(place: Written): Promise<void> {
  await vscode.window.showTextDocument(place.uri, { preview: false });
  await vscode.commands.executeCommand('undo');
}

export function confirmWrite(message: string, places: readonly Written[], log: vscode.LogOutputChannel): void {
  const open = vscode.l10n.t('Open');
  const undo = vscode.l10n.t('Undo');
  void vscode.window.showInformationMessage(message, open, undo).then(
    async (choice) => {
      if (choice === open) await showWritten(places);
      else if (choice === undo && places[0]) await undoWritten(places[0]);
    },
    (error: unknown) => log.warn(`confirmation: ${error instanceof Error ? error.message : String(error)}`),
  );
}
