// Link Symbol to Intent…: pick items for the symbol at the cursor (the IDs of its @intent tag pre-ticked);
// writes `// @intent a, b` above it (in the file's comment syntax, with its indentation) or rewrites the ID
// list of the @intent tag already directly above it. Says why when it cannot, confirms with Open / Undo.
import * as vscode from 'vscode';
import { symbolChainAt } from '../../core/analysis/effectiveIntent';
import { planIntentLink } from '../../core/views/commentText';
import { scanTags } from '../../core/tags/tagScanner';
import type { Tag } from '../../core/types';
import type { Services } from '../services';
import { confirmWrite } from './confirm';
import { addEdit, applyEdit, declarationAt } from './edits';
import { itemPicks } from './itemPicks';
import type { PrompterSlot } from './prompter';

export type LinkResult = 'linked' | 'unchanged' | 'cancelled' | 'unavailable';

/** The @intent tag on the line directly above `line`, if any. */
function tagAbove(text: string, path: string, line: number): Tag | undefined {
  if (line === 0) return undefined;
  return scanTags(text, path, { markers: [] }).tags.find((t) => t.kind === 'intent' && t.range.start.line === line - 1 && t.ids.length > 0);
}

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
    const create = vscode.l10n.t('Create intent.yaml');
    void vscode.window.showInformationMessage(vscode.l10n.t('This file is not in a workspace folder with an intent.yaml.'), create).then((c) => {
      if (c === create) void vscode.commands.executeCommand('intentLens.createManifest');
    });
    return 'unavailable';
  }
  const chain = symbolChainAt(await services.symbols.symbols(document, path), editor.selection.active.line);
  const symbol = declarationAt(chain);
  if (!symbol) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No symbol at the cursor: put it inside a function, method or class.'));
    return 'unavailable';
  }
  const text = document.getText();
  const line = symbol.range.start.line;
  const existing = tagAbove(text, path, line);
  const have = new Set(existing?.ids.map((r) => r.id) ?? []);
  const picks = itemPicks(session.graph, ['objective', 'keyResult', 'problem', 'constraint']).map((p) => (p.value && have.has(p.value) ? { ...p, picked: true } : p));
  const ids = await prompter.current.pickMany(picks, {
    title: vscode.l10n.t('Link {0} to intent', symbol.name),
    placeHolder: vscode.l10n.t('Tick the objectives, key results, problems or constraints it serves (Enter takes the focused row)'),
  });
  if (!ids || ids.length === 0) return 'cancelled';
  const label = vscode.l10n.t('Link Symbol to Intent');
  const edit = new vscode.WorkspaceEdit();
  let tagLine = line;
  if (existing) {
    // The tag's ID list becomes the ticked set (unticked IDs removed), in the order written, then the new ones.
    const unique = [...new Set(ids)];
    const kept = existing.ids.map((r) => r.id).filter((id) => unique.includes(id));
    const next = [...kept, ...unique.filter((id) => !have.has(id))];
    if (next.length === have.size && next.every((id) => have.has(id))) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already linked to {1}.', symbol.name, next.join(', ')));
      return 'unchanged';
    }
    const range = { start: existing.ids[0].range.start, end: existing.ids[existing.ids.length - 1].range.end };
    addEdit(edit, document.uri, { range, text: next.join(', ') }, label);
    tagLine = line - 1;
  } else {
    const plan = planIntentLink(text, path, line, ids);
    if (plan.kind === 'unsupported') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Intent Lens does not know the comment syntax of {0}.', path));
      return 'unavailable';
    }
    if (plan.kind === 'unchanged') {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already linked to {1}.', symbol.name, ids.join(', ')));
      return 'unchanged';
    }
    addEdit(edit, document.uri, plan.edit, label);
  }
  if (!(await applyEdit(edit))) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not edit {0}: the file may be read-only or changed meanwhile.', path));
    return 'unavailable';
  }
  confirmWrite(vscode.l10n.t('Linked {0} to {1}.', symbol.name, ids.join(', ')), [{ uri: document.uri, line: tagLine }], services.log);
  return 'linked';
}
