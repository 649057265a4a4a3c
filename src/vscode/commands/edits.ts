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

const NOT_DECLARATIONS = new Set(['variable', 'constant', 'property', 'field', 'key', 'string', 'number', 'boolean', 'array', 'object', 'null', 'typeparameter', 'enummember', 'event', 'operator']);

/**
 * The declaration a command at the cursor is about: the innermost function, method, class… enclosing it (a
 * local `const` inside a function is not what one links), else the outermost symbol (`export const f = …`).
 */
export function declarationAt<T extends { kind: string }>(chain: readonly T[]): T | undefined {
  for (let i = chain.length - 1; i >= 0; i--) if (!NOT_DECLARATIONS.has(chain[i].kind)) return chain[i];
  return chain[0];
}
