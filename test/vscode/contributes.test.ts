// What package.json contributes is really registered and works in a running VS Code: commands, views,
// settings, the manifest's JSON Schema, the tree item commands and the status-bar pick (through the real
// QuickPick), and the tech-lead prompter through the real QuickPick too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId, ConfigSection, ViewContainerId, ViewId } from '../../src/vscode/ids';
import { settingDefaults } from '../../src/vscode/settings';
import { intentLens, waitFor } from './helpers';

interface TestNode {
  readonly id: string;
  readonly ref?: { kind: string; id?: string };
}
interface Provider {
  getChildren(node?: TestNode): Promise<TestNode[]>;
}
interface Session {
  readonly index: { readonly generation: number };
  readonly model: { tagsById(id: string): readonly { file: string; ref: { range: { start: { line: number; character: number } } } }[] };
  uri(path: string): vscode.Uri;
}
interface Api {
  settled(): Promise<void>;
  readonly services: { readonly sessions: { all(): Session[] } };
  readonly testing: {
    objectivesTree: Provider;
    treeViews: Record<string, vscode.TreeView<unknown>>;
    reviewView: vscode.TreeView<unknown>;
    statusBar: { item: vscode.StatusBarItem; fileItems(): readonly { id: string }[] };
    resetPrompter(): void;
  };
}

let api: Api;
let session: Session;

/** A tree node of the Objectives view for an item ID (objective → KR). */
async function itemNode(id: string): Promise<TestNode> {
  const tree = api.testing.objectivesTree;
  for (const objective of await tree.getChildren()) {
    if (objective.ref?.id === id) return objective;
    for (const kr of await tree.getChildren(objective)) if (kr.ref?.id === id) return kr;
  }
  throw new Error(`no node for ${id} in the Objectives view`);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Accepts the focused entry of the QuickPick the command under test shows, as soon as it shows. */
async function acceptQuickPick<T>(run: Thenable<T>): Promise<T> {
  let done = false;
  const result = Promise.resolve(run).finally(() => {
    done = true;
  });
  // Accepting while no QuickPick is open does nothing: keep trying until the command has its answer.
  for (let attempt = 0; attempt < 100 && !done; attempt++) {
    await pause(200);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return result;
}

/** Runs a command that asks a multi-select QuickPick; checks the focused entry and accepts it. */
async function pickFirstOfMany<T>(run: () => Thenable<T>, wanted: (result: T) => boolean): Promise<T> {
  let last: T | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const pending = Promise.resolve(run());
    await pause(1500 * (attempt + 1));
    await vscode.commands.executeCommand('quickInput.first');
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
    await pause(200);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    last = await Promise.race([pending, pause(10_000).then(() => undefined)]);
    if (last !== undefined && wanted(last)) return last;
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  throw new Error(`the QuickPick was not answered (last result ${String(last)})`);
}

describe('contributions in a running VS Code', () => {
  before(async () => {
    await waitFor('Intent Lens to activate', () => intentLens().isActive, 20_000);
    api = intentLens().exports as Api;
    await api.settled();
    session = api.services.sessions.all()[0];
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: string[] = intentLens().packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
    assert.deepEqual(Object.values(CommandId).filter((id) => !registered.has(id)), []);
  });

  it('Refresh rebuilds the folder\'s index from disk', async () => {
    const before = session.index.generation;
    await vscode.commands.executeCommand(CommandId.refresh);
    assert.ok(session.index.generation > before, `generation ${before} → ${session.index.generation}`);
  });

  it('opens the Intent view container and shows each of its views', async () => {
    await vscode.commands.executeCommand(`workbench.view.extension.${ViewContainerId}`);
    const views: Record<string, vscode.TreeView<unknown>> = { ...api.testing.treeViews, [ViewId.review]: api.testing.reviewView };
    assert.deepEqual(Object.keys(views).sort(), Object.values(ViewId).sort(), 'every contributed view has a tree view');
    for (const view of Object.values(ViewId)) {
      await vscode.commands.executeCommand(`${view}.focus`);
      await waitFor(`${view} to be visible`, () => views[view].visible);
    }
  });

  it('reads every setting with its contributed default', () => {
    const config = vscode.workspace.getConfiguration(ConfigSection);
    for (const [key, value] of Object.entries(settingDefaults)) {
      assert.deepEqual(config.inspect(key)?.defaultValue, value, `${ConfigSection}.${key}`);
    }
  });

  it('contributes the manifest schema from inside the installed extension (yamlValidation)', async () => {
    const entries: { fileMatch: string | string[]; url: string }[] = intentLens().packageJSON.contributes.yamlValidation;
    const forManifest = entries.filter((e) => [e.fileMatch].flat().some((m) => m.endsWith('intent.yaml')));
    assert.equal(forManifest.length, 1);
    assert.ok(!/^[a-z]+:/i.test(forManifest[0].url), `a path inside the extension, not a URL: ${forManifest[0].url}`);
    const uri = vscode.Uri.joinPath(intentLens().extensionUri, forManifest[0].url);
    const schema = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as { properties?: Record<string, unknown> };
    for (const key of ['version', 'objectives', 'problems', 'constraints', 'debt', 'scopes']) assert.ok(schema.properties?.[key], `the schema describes ${key}`);
  });

  it('Go to Manifest Entry opens intent.yaml with the item\'s ID selected', async () => {
    const ok = await vscode.commands.executeCommand<boolean>(CommandId.goToManifestEntry, await itemNode('kr:cycle-time'));
    assert.equal(ok, true);
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('/intent.yaml'), editor.document.uri.path);
    assert.equal(editor.document.getText(editor.selection), 'kr:cycle-time');
    assert.equal(await vscode.commands.executeCommand(CommandId.goToManifestEntry), false, 'nothing to go to without a tree item');
  });

  it('Find References lists every code tag that names the item, and nothing in manifests', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>(CommandId.findItemReferences, await itemNode('kr:cycle-time'));
    const expected = session.model.tagsById('kr:cycle-time').map((l) => `${session.uri(l.file).toString()}:${l.ref.range.start.line}:${l.ref.range.start.character}`);
    assert.ok(expected.length >= 2);
    assert.deepEqual(locations?.map((l) => `${l.uri.toString()}:${l.range.start.line}:${l.range.start.character}`), expected);
    assert.ok(!locations!.some((l) => l.uri.path.endsWith('/intent.yaml')));
  });

  it('Copy ID puts the item\'s ID on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    assert.equal(await vscode.commands.executeCommand(CommandId.copyItemId, await itemNode('obj:faster-casting')), 'obj:faster-casting');
    assert.equal(await vscode.env.clipboard.readText(), 'obj:faster-casting');
  });

  it('the status-bar pick (Show File Intent) opens the item chosen in the real QuickPick', async () => {
    await vscode.window.showTextDocument(session.uri('src/search/searchService.ts'));
    const items = await waitFor('the status bar to list the file\'s items', () => (api.testing.statusBar.fileItems().length ? api.testing.statusBar.fileItems() : undefined));
    const editor = await acceptQuickPick(vscode.commands.executeCommand<vscode.TextEditor | undefined>(CommandId.showFileIntent));
    assert.ok(editor, 'the pick returned no editor');
    assert.ok(editor.document.uri.path.endsWith('/intent.yaml'));
    assert.equal(editor.document.getText(editor.selection), items[0].id, 'the first offered item is opened');
  });

  it('Link Symbol to Intent asks through the real QuickPick prompter and writes the picked ID', async () => {
    api.testing.resetPrompter();
    const uri = session.uri('src/utils/dates.ts');
    const editor = await vscode.window.showTextDocument(uri);
    const before = editor.document.getText();
    const line = before.split('\n').findIndex((l) => /^export function /.test(l));
    assert.ok(line > 0, 'a function to link');
    editor.selection = new vscode.Selection(line, 17, line, 17);
    await pickFirstOfMany(() => vscode.commands.executeCommand<string>(CommandId.linkSymbol), (r) => r === 'linked');
    const after = editor.document.getText();
    assert.notEqual(after, before, 'the picked ID was written');
    const added = after.split('\n').filter((l) => !before.split('\n').includes(l));
    assert.equal(added.length, 1, added.join('\n'));
    assert.match(added[0], /^\s*\/\/ @intent (obj|kr|problem|constraint):[\w.:/-]+$/);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo restores the file');
    await editor.document.save();
  });
});
