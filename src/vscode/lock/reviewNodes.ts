// The Review view's "Links to re-confirm" group (intent.lock): items whose change makes their links suspect
// ("kr:cycle-time changed (target: 3 → 2) · 14 links"), and linked code rewritten since review.
import * as vscode from 'vscode';
import { isEmptySummary, type SuspectPlace, type SuspectSummary } from '../../core/lock/summary';

export interface SuspectNode {
  readonly item: vscode.TreeItem;
  readonly children: readonly SuspectNode[];
}

function open(uri: (path: string) => vscode.Uri, p: SuspectPlace): vscode.Command {
  const at = new vscode.Position(p.line - 1, 0);
  return { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri(p.file), { selection: new vscode.Range(at, at), preview: true }] };
}

function leaf(label: string, description: string, command: vscode.Command | undefined, icon: string): SuspectNode {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.description = description;
  item.iconPath = new vscode.ThemeIcon(icon);
  if (command) item.command = command;
  item.contextValue = 'suspectLink';
  return { item, children: [] };
}

/** The group, or undefined when the folder has no lock or nothing to re-confirm. */
export function suspectGroup(summary: SuspectSummary | undefined, uri: (path: string) => vscode.Uri): SuspectNode | undefined {
  if (!summary || isEmptySummary(summary)) return undefined;
  const children: SuspectNode[] = [];
  for (const i of summary.items) {
    const item = new vscode.TreeItem(vscode.l10n.t('{0} changed', i.id), vscode.TreeItemCollapsibleState.Collapsed);
    item.description = `${i.changes.join('; ')} · ${i.links.length === 1 ? vscode.l10n.t('1 link to re-confirm') : vscode.l10n.t('{0} links to re-confirm', i.links.length)}`;
    item.iconPath = new vscode.ThemeIcon('warning');
    item.contextValue = 'suspectItem';
    children.push({ item, children: i.links.map((p) => leaf(p.symbol ?? p.file, `${p.file}:${p.line}`, open(uri, p), 'link')) });
  }
  for (const c of summary.code) {
    const what = c.kind === 'signature' ? vscode.l10n.t('signature changed ({0}% similar)', c.similarity) : vscode.l10n.t('code rewritten ({0}% similar)', c.similarity);
    children.push(leaf(c.symbol ?? c.file, `${c.file}:${c.line} · ${what} · ${c.id}`, open(uri, c), 'edit'));
  }
  if (summary.unreviewed) children.push(leaf(summary.unreviewed === 1 ? vscode.l10n.t('1 link never reviewed') : vscode.l10n.t('{0} links never reviewed', summary.unreviewed), '', undefined, 'question'));
  const group = new vscode.TreeItem(vscode.l10n.t('Links to re-confirm'), vscode.TreeItemCollapsibleState.Expanded);
  group.iconPath = new vscode.ThemeIcon('warning');
  group.contextValue = 'suspects';
  return { item: group, children };
}
