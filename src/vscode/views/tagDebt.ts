// Tag Tech Debt… and Triage as Tech Debt…: ask what the debt hurts, a note, and where to record it — an inline
// `@debt <ids> -- note` tag, or a new `debt:` entry in the root intent.yaml (inserted as text, comments kept)
// with an `@debt debt:<id>` anchor in the code. Triage rewrites the TODO/FIXME comment into that tag.
// Everything is one WorkspaceEdit (undone at once), applied to the buffers as they are, saved or not.
import * as vscode from 'vscode';
import { symbolChainAt } from '../../core/analysis/effectiveIntent';
import { cleanNote, lineAt, planDebtTag, planTriage, type TextEdit } from '../../core/views/commentText';
import { planDebtEntry, uniqueDebtId } from '../../core/views/manifestText';
import { DEBT_COSTS, DEBT_IMPACTS } from '../../core/manifest/manifestSchema';
import type { DebtCost, DebtImpact } from '../../core/types';
import type { Services } from '../services';
import type { FolderSession } from '../session';
import { addEdit, applyEdit, declarationAt } from './edits';
import { itemPicks } from './itemPicks';
import type { PrompterSlot } from './prompter';
import type { NodeRef } from './tree';

export type DebtResult = 'inline' | 'manifest' | 'cancelled' | 'unavailable';

interface Answers {
  readonly hurts: string[];
  readonly note: string;
  readonly mode: 'inline' | 'manifest';
  readonly cost?: DebtCost;
  readonly impact?: DebtImpact;
}

async function ask(session: FolderSession, prompter: PrompterSlot, defaultNote: string): Promise<Answers | undefined> {
  const p = prompter.current;
  const title = vscode.l10n.t('Tag Tech Debt');
  const hurts = await p.pickMany(itemPicks(session.graph, ['objective', 'keyResult', 'problem', 'constraint']), {
    title,
    placeHolder: vscode.l10n.t('What does this debt slow down? Pick one or more items'),
  });
  if (!hurts || hurts.length === 0) return undefined;
  const note = await p.input({
    title,
    prompt: vscode.l10n.t('What is wrong, in one line'),
    value: defaultNote,
    validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Write a short note')),
  });
  if (!note?.trim()) return undefined;
  const mode = await p.pickOne(
    [
      { value: 'inline', label: vscode.l10n.t('Inline tag in the code'), detail: `@debt ${hurts.join(', ')} -- …` },
      { value: 'manifest', label: vscode.l10n.t('New debt item in intent.yaml'), detail: vscode.l10n.t('With cost and impact, anchored here by a @debt tag') },
    ],
    { title, placeHolder: vscode.l10n.t('Where should the debt be recorded?') },
  );
  if (mode !== 'inline' && mode !== 'manifest') return undefined;
  if (mode === 'inline') return { hurts, note: note.trim(), mode };
  const cost = await p.pickOne(
    DEBT_COSTS.map((c) => ({ value: c, label: c, description: costHint(c) })),
    { title, placeHolder: vscode.l10n.t('Cost: the effort to repay it') },
  );
  if (!cost) return undefined;
  const impact = await p.pickOne(
    [...DEBT_IMPACTS].reverse().map((i) => ({ value: i, label: i })),
    { title, placeHolder: vscode.l10n.t('Impact: how much it slows the items it hurts') },
  );
  if (!impact) return undefined;
  return { hurts, note: note.trim(), mode, cost: cost as DebtCost, impact: impact as DebtImpact };
}

function costHint(cost: string): string {
  switch (cost) {
    case 'S': return vscode.l10n.t('hours');
    case 'M': return vscode.l10n.t('days');
    case 'L': return vscode.l10n.t('weeks');
    default: return vscode.l10n.t('months');
  }
}

/** The manifest the new entry goes to: the folder's root intent.yaml, else the first one. */
function rootManifest(session: FolderSession): string | undefined {
  const manifests = session.graph.manifests.filter((m) => m.parsed);
  return (manifests.find((m) => m.base === '') ?? manifests[0])?.path;
}

/**
 * Adds the manifest entry (when asked) to `edit` and returns the IDs the code tag names: the hurt items for
 * an inline tag, the new debt item's ID for an anchor.
 */
async function recordDebt(session: FolderSession, answers: Answers, edit: vscode.WorkspaceEdit, label: string): Promise<string[] | undefined> {
  if (answers.mode === 'inline') return answers.hurts;
  const manifest = rootManifest(session);
  if (!manifest) return undefined;
  const uri = session.uri(manifest);
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const id = uniqueDebtId(answers.note, (candidate) => session.graph.items.has(candidate) || new RegExp(`\\bid:\\s*['"]?${candidate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*$`, 'm').test(text));
  addEdit(edit, uri, planDebtEntry(text, { id, title: answers.note, hurts: answers.hurts, cost: answers.cost, impact: answers.impact }), label);
  return [id];
}

function activeContext(services: Services): { editor: vscode.TextEditor; session: FolderSession; path: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const session = services.sessions.forUri(editor.document.uri);
  const path = session?.relativePath(editor.document.uri);
  if (!session || path === undefined || session.graph.items.size === 0) return undefined;
  return { editor, session, path };
}

export async function tagDebt(services: Services, prompter: PrompterSlot): Promise<DebtResult> {
  const active = activeContext(services);
  if (!active) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the code (or put the cursor in a symbol) of a file in a folder with an intent.yaml, then tag it as tech debt.'));
    return 'unavailable';
  }
  const { editor, session, path } = active;
  const document = editor.document;
  // The place: the selection's first line, else the symbol at the cursor, else the cursor's line.
  let line = editor.selection.start.line;
  if (editor.selection.isEmpty) {
    const chain = symbolChainAt(await services.symbols.symbols(document, path), editor.selection.active.line);
    line = declarationAt(chain)?.range.start.line ?? editor.selection.active.line;
  }
  const answers = await ask(session, prompter, '');
  if (!answers) return 'cancelled';
  const label = vscode.l10n.t('Tag Tech Debt');
  const edit = new vscode.WorkspaceEdit();
  const ids = await recordDebt(session, answers, edit, label);
  if (!ids) return 'unavailable';
  const tag = planDebtTag(document.getText(), path, line, ids, answers.mode === 'inline' ? answers.note : '');
  if (!tag) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Intent Lens does not know the comment syntax of {0}.', path));
    return 'unavailable';
  }
  addEdit(edit, document.uri, tag, label);
  if (!(await applyEdit(edit))) return 'unavailable';
  if (answers.mode === 'manifest') void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to {1}.', ids[0], rootManifest(session) ?? ''));
  return answers.mode;
}

export async function triageTodo(services: Services, prompter: PrompterSlot, ref: NodeRef | undefined): Promise<DebtResult> {
  if (ref?.kind !== 'marker') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Pick a comment in the Untriaged group of the Tech Debt view.'));
    return 'unavailable';
  }
  const { session, file } = ref;
  const document = await vscode.workspace.openTextDocument(session.uri(file));
  const answers = await ask(session, prompter, ref.text);
  if (!answers) return 'cancelled';
  const label = vscode.l10n.t('Triage as Tech Debt');
  const edit = new vscode.WorkspaceEdit();
  const ids = await recordDebt(session, answers, edit, label);
  if (!ids) return 'unavailable';
  const lineText = lineAt(document.getText(), ref.line);
  let change: TextEdit | undefined = planTriage(lineText, ref.line, ref.character, ref.marker, ids);
  // An inline tag's note is the comment's text; when the note was edited, it replaces that text (only).
  if (change && answers.mode === 'inline' && answers.note !== ref.text.trim()) {
    const after = change.range.end.character;
    if (ref.text && lineText.startsWith(ref.text, after)) {
      const end = { line: ref.line, character: after + ref.text.length };
      change = { range: { start: change.range.start, end }, text: `@debt ${ids.join(', ')} -- ${cleanNote(answers.note)}` };
    }
  }
  if (!change) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The {0} comment moved or changed; refresh the Tech Debt view and try again.', ref.marker));
    return 'unavailable';
  }
  addEdit(edit, document.uri, change, label);
  if (!(await applyEdit(edit))) return 'unavailable';
  return answers.mode;
}
