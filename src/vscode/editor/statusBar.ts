// The status bar item for the active file: how many objectives and KRs its code serves, with a tooltip that
// lists them; clicking lets the user pick one and opens it in the manifest. Hidden when the file has no intent.
import * as vscode from 'vscode';
import type { IntentItem } from '../../core/types';
import { CommandId, ConfigSection } from '../ids';
import type { Services } from '../services';
import { untrustedMarkdown } from './hoverProvider';
import { locate } from './locate';
import { revealItem } from './revealItem';
import { codeSpan, escapeMarkdown } from '../../core/untrusted/markdown';

export class IntentStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];
  private items: IntentItem[] = [];
  private generation = 0;

  constructor(private readonly services: Services) {
    this.item = vscode.window.createStatusBarItem('intentLens.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Intent Lens: file intent');
    this.item.command = CommandId.showFileIntent;
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      services.sessions.onDidChange(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${ConfigSection}.statusBar.enabled`)) void this.update();
      }),
    ];
    void this.update();
  }

  /** The items of the active file, for the click handler. */
  fileItems(): readonly IntentItem[] {
    return this.items;
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const where = document && locate(this.services, document.uri);
    if (!document || !where || !this.services.settings(document.uri)['statusBar.enabled']) return this.hide();
    const intent = await where.session.effectiveAt(document);
    if (generation !== this.generation) return;
    const seen = new Set<string>();
    const items: IntentItem[] = [];
    for (const link of intent?.links ?? []) {
      if (!link.item || link.debt || seen.has(link.id)) continue;
      seen.add(link.id);
      items.push(link.item);
    }
    if (items.length === 0) return this.hide();
    const order = { objective: 0, keyResult: 1, problem: 2, constraint: 3, debt: 4 } as const;
    items.sort((a, b) => order[a.kind] - order[b.kind]);
    this.items = items;
    const count = (kind: IntentItem['kind']) => items.filter((i) => i.kind === kind).length;
    const parts: string[] = [];
    const objectives = count('objective');
    const krs = count('keyResult');
    if (objectives) parts.push(objectives === 1 ? vscode.l10n.t('1 objective') : vscode.l10n.t('{0} objectives', objectives));
    if (krs) parts.push(krs === 1 ? vscode.l10n.t('1 KR') : vscode.l10n.t('{0} KRs', krs));
    if (parts.length === 0) {
      const problems = count('problem');
      const constraints = count('constraint');
      if (problems) parts.push(problems === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', problems));
      if (constraints) parts.push(constraints === 1 ? vscode.l10n.t('1 constraint') : vscode.l10n.t('{0} constraints', constraints));
    }
    if (parts.length === 0) return this.hide();
    this.item.text = `◎ ${parts.join(' · ')}`;
    this.item.tooltip = untrustedMarkdown(items.map((i) => `- ${codeSpan(i.id)} ${escapeMarkdown(i.title)}`).join('\n'));
    this.item.show();
  }

  private hide(): void {
    this.items = [];
    this.item.hide();
  }

  /** The click: pick one of the file's items and open it in the manifest. */
  async showFileIntent(): Promise<vscode.TextEditor | undefined> {
    const document = vscode.window.activeTextEditor?.document;
    const where = document && locate(this.services, document.uri);
    if (!where || this.items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The current file has no intent.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      this.items.map((item) => ({ label: item.id, description: item.title, item })),
      { placeHolder: vscode.l10n.t('Intent of this file') },
    );
    return picked ? revealItem(where.session, picked.item) : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
