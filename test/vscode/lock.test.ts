// Suspect links in a real VS Code on the demo: an empty intent.lock makes links unreviewed (IL042); the quick fix
// "Mark link as reviewed" writes the lock in one edit that undo restores; re-targeting the KR in the manifest
// shows IL040, the ⚠ mark on the CodeLens and the field diff in the hover; the walk-through accepts it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { intentLens, waitFor } from './helpers';

interface Api {
  settled(): Promise<void>;
  testing: Record<string, any>;
}

const HEADER = '# intent.lock (test)\n';
const ID = 'kr:search-latency-p95';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return folder.uri;
}
const file = (path: string) => vscode.Uri.joinPath(root(), path);

async function api(): Promise<Api> {
  const ext = intentLens();
  await waitFor('Intent Lens to activate', () => ext.isActive, 20_000);
  const a = ext.exports as Api;
  await a.settled();
  await a.testing.locks.settled();
  return a;
}

/** The Intent Lens diagnostics of a file at (1-based) line:column, as `CODE message`. */
function diagnosticsAt(uri: vscode.Uri, line: number, column: number): string[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.source === 'Intent Lens' && d.range.start.line === line - 1 && d.range.start.character === column - 1)
    .map((d) => `${d.code} ${d.message}`);
}

async function replaceAll(uri: vscode.Uri, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('suspect links (intent.lock)', function () {
  this.timeout(60_000);
  const search = () => file('src/search/searchService.ts');
  const lockUri = () => file('intent.lock');
  let manifest = '';

  before(async () => {
    await api();
    manifest = (await vscode.workspace.openTextDocument(file('intent.yaml'))).getText();
    await vscode.workspace.fs.writeFile(lockUri(), new TextEncoder().encode(HEADER));
  });

  after(async () => {
    await replaceAll(file('intent.yaml'), manifest);
    await (await vscode.workspace.openTextDocument(file('intent.yaml'))).save();
    await replaceAll(lockUri(), HEADER);
    await (await vscode.workspace.openTextDocument(lockUri())).save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(lockUri());
    // Later suites must not see this lock's suspect links.
    await waitFor('the lock findings to clear', () => !vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => /^IL04/.test(String(d.code)))), 15_000);
  });

  it('quick fix "Mark link as reviewed" writes intent.lock in one edit, and undo restores it', async () => {
    await vscode.workspace.openTextDocument(search());
    await waitFor('IL042 on the unreviewed link', () => diagnosticsAt(search(), 29, 12).some((d) => d.startsWith('IL042')));
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', search(), new vscode.Range(28, 11, 28, 11 + ID.length))) ?? [];
    const fix = actions.find((a) => a.title === 'Mark link as reviewed');
    assert.ok(fix?.edit, `no quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const lock = await vscode.workspace.openTextDocument(lockUri());
    assert.match(lock.getText(), /\{"id":"kr:search-latency-p95","at":"src\/search\/searchService\.ts#SearchService","item":"[0-9a-f]{16}"/);
    await waitFor('IL042 to go', async () => {
      await (await api()).testing.locks.settled();
      return !diagnosticsAt(search(), 29, 12).some((d) => d.startsWith('IL042'));
    });

    await vscode.window.showTextDocument(lock);
    await vscode.commands.executeCommand('undo');
    assert.equal(lock.getText(), HEADER);
    await vscode.commands.executeCommand('redo');
    assert.match(lock.getText(), /kr:search-latency-p95/);
  });

  it('a re-targeted KR: IL040 naming the field, the ⚠ mark on the lens, the diff in the hover', async () => {
    await replaceAll(file('intent.yaml'), manifest.replace('        target: 300\n', '        target: 250\n'));
    const il040 = await waitFor('IL040 on the link', () => diagnosticsAt(search(), 29, 12).find((d) => d.startsWith('IL040')));
    assert.match(il040, /'kr:search-latency-p95' changed since this link was reviewed: target: 300 → 250/);

    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', search())) ?? [];
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.includes('⚠ kr:search-latency-p95 changed')), titles.join('\n'));

    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', search(), new vscode.Position(28, 14))) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Suspect link.*kr:search-latency-p95 changed since this link was reviewed/);
    assert.match(text, /`target: 300 → 250`/);

    // The Objectives tree counts the KR's suspect links.
    const tree = (await api()).testing.objectivesTree as vscode.TreeDataProvider<{ ref?: { id?: string } }>;
    const roots = (await tree.getChildren()) ?? [];
    const krs = (await tree.getChildren(roots[0])) ?? [];
    const kr = krs.find((n) => n.ref?.id === ID);
    assert.ok(kr, 'KR not in the tree');
    assert.match(String((await tree.getTreeItem(kr)).description), /⚠ 1 suspect link$/);
  });

  it('the walk-through command peeks the code, shows the diff and accepts the link', async () => {
    const a = await api();
    const asked: string[] = [];
    a.testing.setLockPrompter({
      pickOne: async (items: { value?: string; detail?: string }[], options: { title: string; placeHolder?: string }) => {
        asked.push(`${options.title} | ${options.placeHolder}`);
        return items[0].value;
      },
      pickMany: async () => undefined,
      input: async () => undefined,
    });
    try {
      const result = await vscode.commands.executeCommand<{ accepted: number; skipped: number }>('intentLens.reviewSuspectLinks', ID);
      assert.equal(result?.accepted, 1);
      assert.deepEqual(asked, ['Suspect link 1 of 1: src/search/searchService.ts (SearchService) → kr:search-latency-p95 | target: 300 → 250']);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), search().toString());
      await waitFor('IL040 to go', async () => {
        await a.testing.locks.settled();
        return !diagnosticsAt(search(), 29, 12).some((d) => d.startsWith('IL040'));
      });
    } finally {
      a.testing.setLockPrompter(undefined);
    }
  });
});
