// Core text edits → one vscode.WorkspaceEdit: applied to the open (possibly dirty) buffers, undoable at once.
import * as vscode from 'vscode';
import type { TextEdit } from '../../core/views/commentText';
import { toVscodeRange } from '../symbols';

export function addEdit(edit: vscode.WorkspaceEdit, uri: vscode.Uri, change: TextEdit, label: string): void {
  edit.replace(uri, toVscodeRange(change.range), change.text, { label, needsConfirmation: false });
}

export async function applyEdit(edit: vscode.WorkspaceEdit): Promise<boolean> {
  return vscode.workspace.applyEdit(edit);
}
