// The extension activates by itself on a workspace with an intent.yaml, as a user would see it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { intentLens, waitFor } from './helpers';

describe('activation', () => {
  it('opens a workspace that contains an intent.yaml', async () => {
    const found = await vscode.workspace.findFiles('**/intent.yaml', '**/node_modules/**', 10);
    assert.ok(found.length > 0, `no intent.yaml in ${vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath)}`);
  });

  it('activates through workspaceContains:**/intent.yaml, without being asked', async () => {
    const ext = intentLens();
    // No ext.activate() here: that would hide a broken activation event.
    await waitFor('Intent Lens to activate', () => ext.isActive, 20_000);
    const api = ext.exports as { activated?: unknown; settled?: unknown };
    assert.equal(api.activated, true);
    assert.equal(typeof api.settled, 'function');
  });

  it('is the copy this run meant to test (development folder or installed VSIX)', () => {
    const expected = process.env.INTENT_LENS_EXPECT_EXTENSION_ROOT;
    assert.ok(expected, 'the launcher must set INTENT_LENS_EXPECT_EXTENSION_ROOT (scripts/vscode/run-*.mjs do)');
    const actual = intentLens().extensionUri.fsPath;
    assert.ok(
      path.resolve(actual).startsWith(path.resolve(expected)),
      `extension loaded from ${actual}, expected under ${expected}`,
    );
  });
});
