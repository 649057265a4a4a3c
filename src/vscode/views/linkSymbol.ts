// Link Symbol to Intent…: pick items for the symbol at the cursor; writes `// @intent a, b` above it (in the
// file's comment syntax, with its indentation) or extends the @intent tag already directly above it.
import * as vscode from 'vscode';
import { symbolChainAt } from '../../core/analysis/effectiveIntent';
import { planIntentLink } from '../../core/views/commentText';
import type { Services } from '../services';
import { addEdit, applyEdit, declarationAt } from './edits';
import { itemPicks } from './itemPicks';
import type { PrompterSlot } from './prompter';

export type LinkResult = 'linked' | 'unchanged' | 'cancelled' | 'unavailable';

export async function linkSymbol(services: Services, prompter: PrompterSlot): Promise<LinkResult> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and put the cursor in a symbol to link it to intent.'));
    return 'unavailable';
  }
  const document = editor.document;
  const session = services.sessions.forUri(document.uri);
  const path = session?.relativePath(document.uri);
  if (!session || path === undefined || session.graph.items.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This file is not in a workspace folder with an intent.yaml.'));
    return 'unavailable';
  }
  const chain = symbolChainAt(await services.symbols.symbols(document, path), editor.selection.active.line);
  const symbol = declarationAt(chain);
  if (!symbol) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No symbol at the cursor: put it inside a function, method or class.'));
    return 'unavailable';
  }
  const ids = await prompter.current.pickMany(itemPicks(session.graph, ['objective', 'keyResult', 'problem', 'constraint']), {
    title: vscode.l10n.t('Link {0} to intent', symbol.name),
    placeHolder: vscode.l10n.t('Pick the objectives, key results, problems or constraints it serves'),
  });
  if (!ids || ids.length === 0) return 'cancelled';
  const plan = planIntentLink(document.getText(), path, symbol.range.start.line, ids);
  if (plan.kind === 'unsupported') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Intent Lens does not know the comment syntax of {0}.', path));
    return 'unavailable';
  }
  if (plan.kind === 'unchanged') return 'unchanged';
  const edit = new vscode.WorkspaceEdit();
  addEdit(edit, document.uri, plan.edit, vscode.l10n.t('Link Symbol to Intent'));
  return (await applyEdit(edit)) ? 'linked' : 'unavailable';
}
