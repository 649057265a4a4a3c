// The first ten minutes, in a real VS Code on an EMPTY folder (run-tests.mjs --scenario empty): every view is
// empty so its welcome text shows, the walkthrough opens and each of its buttons names a real command,
// Untriaged shows a TODO before any manifest exists, Create intent.yaml writes a starter that yields no
// finding, and one undo removes it. Skipped in the other scenarios.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { intentLens, waitFor } from './helpers';

interface Provider {
  getChildren(node?: unknown): Promise<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem;
}
interface Api {
  settled(): Promise<void>;
  services: { sessions: { all(): { findings(): { code: string }[]; graph: { manifests: unknown[] }; index: { has(path: string): boolean } }[] } };
  testing: { objectivesTree: Provider; constraintsTree: Provider; debtTree: Provider; contextTree: Provider; reviewTree: Provider; computeReview(): Promise<unknown>; reviewState(): string };
}

const VIEWS = ['objectives', 'constraints', 'debt', 'context', 'review'] as const;
const label = (p: Provider, n: unknown) => {
  const l = p.getTreeItem(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};

(process.env.INTENT_LENS_SCENARIO === 'empty' ? describe : describe.skip)('first run (empty folder)', function () {
  this.timeout(60_000);
  let api: Api;
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const manifest = () => vscode.Uri.joinPath(folder(), 'intent.yaml');
  const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);

  before(async () => {
    // No intent.yaml: nothing activates the extension but the user opening its views.
    const ext = intentLens();
    assert.equal(ext.isActive, false, 'activated without an intent.yaml or a view being opened');
    await vscode.commands.executeCommand('intentLens.objectives.focus');
    await waitFor('Intent Lens to activate from its view', () => ext.isActive, 20_000);
    api = ext.exports as Api;
    await api.settled();
  });

  it('contributes a welcome text for every view in every state, and every view is empty here so it shows', async () => {
    const welcome: { view: string; contents: string; when?: string }[] = intentLens().packageJSON.contributes.viewsWelcome;
    for (const view of VIEWS) {
      const id = `intentLens.${view}`;
      const texts = welcome.filter((w) => w.view === id);
      assert.ok(texts.some((w) => w.when === 'workspaceFolderCount == 0'), `${id}: no welcome without a folder`);
      if (view !== 'review') {
        assert.ok(texts.some((w) => /!intentLens\.hasManifest/.test(w.when ?? '')), `${id}: no welcome without a manifest`);
        assert.ok(texts.some((w) => w.when === 'intentLens.hasManifest'), `${id}: no welcome for an empty list`);
      }
    }
    for (const state of ['untrusted', 'noGit', 'noBase', 'clean']) {
      assert.ok(welcome.some((w) => w.view === 'intentLens.review' && w.when?.includes(`intentLens.reviewState == ${state}`)), `review: no welcome for ${state}`);
    }
    // Welcome content shows while a tree has no row.
    const t = api.testing;
    for (const [name, tree] of [['objectives', t.objectivesTree], ['constraints', t.constraintsTree], ['debt', t.debtTree], ['context', t.contextTree]] as const) {
      assert.deepEqual(await tree.getChildren(), [], `${name} is not empty`);
    }
    await t.computeReview();
    assert.equal(t.reviewState(), 'noGit');
    assert.deepEqual(await t.reviewTree.getChildren(), []);
    // Every command a welcome text links to exists.
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const w of welcome) for (const m of w.contents.matchAll(/\(command:([\w.]+)/g)) assert.ok(commands.has(m[1]), `${w.view} links to unknown ${m[1]}`);
  });

  it('opens the walkthrough; each step links to a real command and completes on it', async () => {
    const [walkthrough] = intentLens().packageJSON.contributes.walkthroughs as { id: string; steps: { id: string; description: string; completionEvents: string[] }[] }[];
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['createManifest', 'linkSymbol', 'triage', 'review', 'ci']);
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      for (const m of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(commands.has(m[1]), `${step.id} links to unknown ${m[1]}`);
      for (const e of step.completionEvents) if (e.startsWith('onCommand:')) assert.ok(commands.has(e.slice(10)), `${step.id} completes on unknown ${e}`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `intent-lens.intent-lens#${walkthrough.id}`, false);
    const tab = await waitFor('the walkthrough tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((x) => /welcome|walkthrough|get started|intent lens/i.test(x.label)));
    assert.ok(tab);
    await vscode.window.tabGroups.close(tab);
  });

  it('shows an untriaged TODO before any manifest exists', async () => {
    const todo = vscode.Uri.joinPath(folder(), 'src/app.ts');
    const text = new TextEncoder().encode('export function start(): void {\n  // TODO: read the port from the environment\n}\n');
    await vscode.workspace.fs.writeFile(todo, text);
    // VS Code's folder watcher can miss a file created while it is still starting (seen once in a CI run: the
    // event never came, in this window's first seconds). Written again every 5 s until the index has it.
    const session = api.services.sessions.all()[0];
    let written = Date.now();
    await waitFor('the new file in the index', async () => {
      await api.settled();
      if (session.index.has('src/app.ts')) return true;
      if (Date.now() - written > 5000) {
        console.warn('firstRun: the watcher has not reported src/app.ts after 5 s; writing it again');
        await vscode.workspace.fs.writeFile(todo, text);
        written = Date.now();
      }
      return false;
    }, 30_000);
    const p = api.testing.debtTree;
    const untriaged = await waitFor('Untriaged before a manifest', async () => {
      await api.settled();
      const roots = await p.getChildren();
      return roots.find((r) => label(p, r) === 'Untriaged');
    }, 30_000); // the file watcher reports the new file first: slow on a loaded machine
    assert.equal(p.getTreeItem(untriaged).description, '1 comment');
    // Triage says why it cannot record debt yet instead of failing.
    const [file] = await p.getChildren(untriaged);
    const [marker] = await p.getChildren(file);
    assert.equal(await vscode.commands.executeCommand('intentLens.triageTodo', marker), 'unavailable');
  });

  it('creates a starter intent.yaml that fits the folder, yields no finding, and goes with one undo', async () => {
    assert.equal(await exists(manifest()), false);
    assert.equal(await vscode.commands.executeCommand('intentLens.createManifest'), 'created');
    assert.ok(await exists(manifest()), 'written to disk');
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), manifest().toString());
    assert.match(editor.document.getText(), /^#  - paths: \["src\/\*\*"\]/m, 'the src folder suggested as a scope');
    await waitFor('the manifest to load', async () => {
      await api.settled();
      return api.services.sessions.all()[0].graph.manifests.length === 1;
    });
    assert.deepEqual(api.services.sessions.all()[0].findings().map((f) => f.code), [], 'the starter yields a finding');
    await new Promise((r) => setTimeout(r, 500));
    const ours = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds).filter((d) => String(d.source).startsWith('Intent Lens'));
    assert.deepEqual(ours.map((d) => `${d.code} ${d.message}`), []);
    // One undo removes it.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor('intent.yaml to be removed by one undo', async () => !(await exists(manifest())), 10_000);
  });
});
