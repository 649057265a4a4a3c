// Tag Tech Debt… and Triage as Tech Debt…: ask what the debt hurts, a note, and where to record it — an inline
// `@debt <ids> -- note` tag, or a new `debt:` entry in the root intent.yaml (inserted as text, comments kept;
// its ID editable; cost and impact asked, never preselected) with an `@debt debt:<id>` anchor in the code.
// Triage shows the comment it triages and keeps its TODO/FIXME word (the tag goes on the line above) unless
// the user chooses to replace it. One WorkspaceEdit (undone at once); what changed is opened and confirmed.
import * as vscode from 'vscode';
import { symbolChainAt } from '../../core/analysis/effectiveIntent';
import { cleanNote, lineAt, planDebtTag, planTriage, type TextEdit } from '../../core/views/commentText';
import { planDebtEntry, uniqueDebtId } from '../../core/views/manifestText';
import { ID_PATTERN } from '../../core/manifest/idSyntax';
import { DEBT_COSTS, DEBT_IMPACTS } from '../../core/manifest/manifestSchema';
import type { DebtCost, DebtImpact } from '../../core/types';
import type { Services } from '../services';
import type { FolderSession } from '../session';
import type { NodeRef } from '../views/tree';
import { confirmWrite, showWritten, type Written } from './confirm';
import { addEdit, applyEdit, declarationAt } from './edits';
import { itemPicks } from './itemPicks';
import type { PrompterSlot } from './prompter';

export type DebtResult = 'inline' | 'manifest' | 'cancelled' | 'unavailable';

interface Answers {
  readonly hurts: string[];
  readonly note: string;
  readonly mode: 'inline' | 'manifest';
  readonly id?: string;
  readonly cost?: DebtCost;
  readonly impact?: DebtImpact;
}

interface Flow {
  readonly title: string;
  /** Step 1's placeholder (triage: the comment being triaged). */
  readonly firstQuestion: string;
  readonly defaultNote: string;
  /** Steps after the common ones (triage: keep or replace the marker word). */
  readonly extraSteps: number;
}

/** Is `id` free in the graph and not already written in the manifest text (an unsaved entry)? */
function idTaken(session: FolderSession, text: string, id: string): boolean {
  return session.graph.items.has(id) || new RegExp(`\\bid:\\s*['"]?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*$`, 'm').test(text);
}

async function ask(session: FolderSession, prompter: PrompterSlot, flow: Flow): Promise<Answers | undefined> {
  const p = prompter.current;
  const { title } = flow;
  let total = 3 + flow.extraSteps;
  const hurts = await p.pickMany(itemPicks(session.graph, ['objective', 'keyResult', 'problem', 'constraint']), {
    title,
    placeHolder: flow.firstQuestion,
    step: 1,
    totalSteps: total,
  });
  if (!hurts || hurts.length === 0) return undefined;
  const note = await p.input({
    title,
    prompt: vscode.l10n.t('What is wrong, in one line'),
    value: flow.defaultNote,
    step: 2,
    totalSteps: total,
    validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Write a short note')),
  });
  if (!note?.trim()) return undefined;
  const mode = await p.pickOne(
    [
      { value: 'inline', label: vscode.l10n.t('Inline tag in the code'), detail: `@debt ${hurts.join(', ')} -- …` },
      { value: 'manifest', label: vscode.l10n.t('New debt item in intent.yaml'), detail: vscode.l10n.t('With an ID, cost and impact, anchored here by a @debt tag') },
    ],
    { title, placeHolder: vscode.l10n.t('Where should the debt be recorded?'), step: 3, totalSteps: total },
  );
  if (mode !== 'inline' && mode !== 'manifest') return undefined;
  if (mode === 'inline') return { hurts, note: note.trim(), mode };
  total += 3;
  const manifest = rootManifest(session);
  const text = manifest ? (await vscode.workspace.openTextDocument(session.uri(manifest))).getText() : '';
  const id = await p.input({
    title,
    prompt: vscode.l10n.t('ID of the new debt item (edit it if you like)'),
    value: uniqueDebtId(note, (candidate) => idTaken(session, text, candidate)),
    step: 4,
    totalSteps: total,
    validate: (v) =>
      !ID_PATTERN.test(v.trim())
        ? vscode.l10n.t('An ID starts with a letter and contains only letters, digits and . _ : / -')
        : idTaken(session, text, v.trim())
          ? vscode.l10n.t('{0} is already taken', v.trim())
          : undefined,
  });
  if (!id?.trim()) return undefined;
  const cost = await p.pickOne(
    DEBT_COSTS.map((c) => ({ value: c, label: c, description: costHint(c) })),
    { title, placeHolder: vscode.l10n.t('Cost: the effort to repay it'), step: 5, totalSteps: total, noDefault: true },
  );
  if (!cost) return undefined;
  const impact = await p.pickOne(
    [...DEBT_IMPACTS].reverse().map((i) => ({ value: i, label: i })),
    { title, placeHolder: vscode.l10n.t('Impact: how much it slows the items it hurts'), step: 6, totalSteps: total, noDefault: true },
  );
  if (!impact) return undefined;
  return { hurts, note: note.trim(), mode, id: id.trim(), cost: cost as DebtCost, impact: impact as DebtImpact };
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
 * Adds the manifest entry (when asked) to `edit` and returns the IDs the code tag names (the hurt items for
 * an inline tag, the new debt item's ID for an anchor) and where the entry went.
 */
async function recordDebt(session: FolderSession, answers: Answers, edit: vscode.WorkspaceEdit, label: string): Promise<{ ids: string[]; entry?: Written } | undefined> {
  if (answers.mode === 'inline') return { ids: answers.hurts };
  const manifest = rootManifest(session);
  if (!manifest || !answers.id) return undefined;
  const uri = session.uri(manifest);
  const document = await vscode.workspace.openTextDocument(uri);
  const change = planDebtEntry(document.getText(), { id: answers.id, title: answers.note, hurts: answers.hurts, cost: answers.cost, impact: answers.impact });
  addEdit(edit, uri, change, label);
  // The entry's `- id:` line: after the insertion point, past the blank line and section header it may add.
  const lead = change.text.split('\n').findIndex((l) => /- id: /.test(l));
  return { ids: [answers.id], entry: { uri, line: change.range.start.line + Math.max(lead, 0) } };
}

function noManifest(): void {
  const create = vscode.l10n.t('Create intent.yaml');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Tech debt is recorded against the items of an intent.yaml: this folder has none yet.'), create)
    .then((c) => (c === create ? vscode.commands.executeCommand('intentLens.createManifest') : undefined));
}

export async function tagDebt(services: Services, prompter: PrompterSlot): Promise<DebtResult> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select the code (or put the cursor in a symbol) to tag as tech debt.'));
    return 'unavailable';
  }
  const session = services.sessions.forUri(editor.document.uri);
  const path = session?.relativePath(editor.document.uri);
  if (!session || path === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This file is not in a workspace folder.'));
    return 'unavailable';
  }
  if (session.graph.items.size === 0) {
    noManifest();
    return 'unavailable';
  }
  const document = editor.document;
  // The place: the selection's first line, else the symbol at the cursor, else the cursor's line.
  let line = editor.selection.start.line;
  if (editor.selection.isEmpty) {
    const chain = symbolChainAt(await services.symbols.symbols(document, path), editor.selection.active.line);
    line = declarationAt(chain)?.range.start.line ?? editor.selection.active.line;
  }
  const title = vscode.l10n.t('Tag Tech Debt');
  const answers = await ask(session, prompter, { title, firstQuestion: vscode.l10n.t('What does this debt slow down? Tick one or more items'), defaultNote: '', extraSteps: 0 });
  if (!answers) return 'cancelled';
  const edit = new vscode.WorkspaceEdit();
  const recorded = await recordDebt(session, answers, edit, title);
  if (!recorded) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No intent.yaml of this folder parses: fix it first, then record the debt.'));
    return 'unavailable';
  }
  const tag = planDebtTag(document.getText(), path, line, recorded.ids, answers.mode === 'inline' ? answers.note : '');
  if (!tag) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Intent Lens does not know the comment syntax of {0}.', path));
    return 'unavailable';
  }
  addEdit(edit, document.uri, tag, title);
  return finish(services, edit, answers, recorded, { uri: document.uri, line }, path);
}

async function finish(services: Services, edit: vscode.WorkspaceEdit, answers: Answers, recorded: { ids: string[]; entry?: Written }, code: Written, path: string): Promise<DebtResult> {
  if (!(await applyEdit(edit))) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not edit {0}: the file may be read-only or changed meanwhile.', path));
    return 'unavailable';
  }
  const places = recorded.entry ? [code, recorded.entry] : [code];
  await showWritten(places);
  const message = recorded.entry
    ? vscode.l10n.t('Added {0} to intent.yaml and anchored it in {1}.', recorded.ids[0], path)
    : vscode.l10n.t('Tagged tech debt in {0}: hurts {1}.', path, recorded.ids.join(', '));
  confirmWrite(message, places, services.log);
  return answers.mode;
}

export async function triageTodo(services: Services, prompter: PrompterSlot, ref: NodeRef | undefined): Promise<DebtResult> {
  if (ref?.kind !== 'marker') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Pick a comment in the Untriaged group of the Tech Debt view.'));
    return 'unavailable';
  }
  const { session, file } = ref;
  if (session.graph.items.size === 0) {
    noManifest();
    return 'unavailable';
  }
  const document = await vscode.workspace.openTextDocument(session.uri(file));
  const title = vscode.l10n.t('Triage as Tech Debt');
  const comment = `${ref.marker}: ${ref.text}`.trim();
  const answers = await ask(session, prompter, {
    title: `${title} — ${file}:${ref.line + 1}`,
    firstQuestion: vscode.l10n.t('"{0}" — what does it slow down? Tick one or more items', comment.length > 80 ? `${comment.slice(0, 79)}…` : comment),
    defaultNote: ref.text,
    extraSteps: 1,
  });
  if (!answers) return 'cancelled';
  const step = answers.mode === 'inline' ? 4 : 7;
  const keep = await prompter.current.pickOne(
    [
      { value: 'keep', label: vscode.l10n.t('Keep the {0} comment, add the tag above it', ref.marker), detail: vscode.l10n.t('Other tools still see {0}', ref.marker), picked: true },
      { value: 'replace', label: vscode.l10n.t('Replace {0} with the tag', ref.marker) },
    ],
    { title, placeHolder: vscode.l10n.t('Keep the {0} word?', ref.marker), step, totalSteps: step },
  );
  if (keep !== 'keep' && keep !== 'replace') return 'cancelled';
  const edit = new vscode.WorkspaceEdit();
  const recorded = await recordDebt(session, answers, edit, title);
  if (!recorded) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No intent.yaml of this folder parses: fix it first, then record the debt.'));
    return 'unavailable';
  }
  const text = document.getText();
  const lineText = lineAt(text, ref.line);
  const edited = answers.note !== ref.text.trim();
  let change: TextEdit | undefined;
  if (!planTriage(lineText, ref.line, ref.character, ref.marker, recorded.ids)) change = undefined;
  else if (keep === 'keep') {
    // The comment stays as written; the tag goes on the line above (a TODO next to a tag is triaged).
    change = planDebtTag(text, file, ref.line, recorded.ids, answers.mode === 'inline' && edited ? answers.note : '');
  } else {
    change = planTriage(lineText, ref.line, ref.character, ref.marker, recorded.ids);
    // An inline tag's note is the comment's text; when the note was edited, it replaces that text (only).
    if (change && answers.mode === 'inline' && edited) {
      const after = change.range.end.character;
      if (ref.text && lineText.startsWith(ref.text, after)) {
        const end = { line: ref.line, character: after + ref.text.length };
        change = { range: { start: change.range.start, end }, text: `@debt ${recorded.ids.join(', ')} -- ${cleanNote(answers.note)}` };
      }
    }
  }
  if (!change) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The {0} comment moved or changed; refresh the Tech Debt view and try again.', ref.marker));
    return 'unavailable';
  }
  addEdit(edit, document.uri, change, title);
  return finish(services, edit, answers, recorded, { uri: document.uri, line: ref.line }, file);
}
