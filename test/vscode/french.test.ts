// French, seen (run-tests.mjs --scenario fr: code-server with --locale fr): the UI language reaches the
// extension, and what it shows — command titles, tree labels, lens words, messages — is French.
// Skipped in the other scenarios.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { intentLens, waitFor } from './helpers';

interface Provider {
  getChildren(node?: unknown): Promise<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem;
}

(process.env.INTENT_LENS_SCENARIO === 'fr' ? describe : describe.skip)('French UI', function () {
  this.timeout(60_000);
  let testing: { debtTree: Provider; objectivesTree: Provider };

  before(async () => {
    const ext = intentLens();
    await waitFor('Intent Lens to activate', () => ext.isActive, 20_000);
    const api = ext.exports as { settled(): Promise<void>; testing: typeof testing };
    testing = api.testing;
    await api.settled();
  });

  it('runs with the UI language set to French', () => {
    assert.equal(vscode.env.language, 'fr');
  });

  it('shows French command titles and view names (package.nls.fr.json)', () => {
    const contributes = intentLens().packageJSON.contributes;
    // The workbench localises the manifest: a localised string is `{ original, value }`.
    const shown = (v: string | { value: string } | undefined) => (typeof v === 'object' ? v.value : v);
    const title = (id: string) => shown(contributes.commands.find((c: { command: string }) => c.command === id)?.title);
    assert.equal(title('intentLens.createManifest'), 'Créer intent.yaml');
    assert.equal(title('intentLens.linkSymbol'), 'Lier le symbole à une intention…');
    assert.equal(shown(contributes.views.intent.find((v: { id: string }) => v.id === 'intentLens.debt')?.name), 'Dette technique');
  });

  it('shows French tree labels and descriptions (l10n/bundle.l10n.fr.json)', async () => {
    const p = testing.debtTree;
    const roots = await p.getChildren();
    const labels = roots.map((n) => {
      const l = p.getTreeItem(n).label;
      return typeof l === 'string' ? l : (l?.label ?? '');
    });
    assert.ok(labels.includes('À trier'), labels.join(', '));
    const n1 = roots.find((n) => (p.getTreeItem(n).label as string) === 'N+1 queries in availability search')!;
    assert.match(String(p.getTreeItem(n1).description), /^impact high · coût M · freine /);
    const objective = (await testing.objectivesTree.getChildren())[0];
    assert.match(String(testing.objectivesTree.getTreeItem(objective).description), /résultats clés$/);
  });

  it('writes the lens words in French', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'worker/availability_sync.py');
    await vscode.workspace.openTextDocument(uri);
    const titles = await waitFor('lenses', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      const t = lenses.map((l) => l.command?.title ?? '');
      return t.length >= 3 ? t : undefined;
    });
    assert.ok(titles.some((t) => t.includes('impact medium')), titles.join('\n'));
    assert.ok(titles.some((t) => t.includes('2 contraintes')), titles.join('\n'));
  });
});
