// Restricted Mode in a real VS Code: run only by `node scripts/vscode/run-tests.mjs --untrusted`, which opens the
// workspace with workspace trust on and untrusted. The extension still reads and shows intent (a hover on a tag),
// but starts no git process: the workspace is a real repository with a change, and the review says why it is
// missing instead of computing it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { intentLens, waitFor } from './helpers';

interface Api {
  settled(): Promise<void>;
  testing: { computeReview(): Promise<readonly { review?: unknown; error?: string }[]> };
}

const untrustedRun = process.env.INTENT_LENS_UNTRUSTED === '1';

(untrustedRun ? describe : describe.skip)('Restricted Mode (untrusted workspace)', function () {
  this.timeout(90_000);
  let root: string;
  const SEARCH = 'src/search/searchService.ts';

  before(async () => {
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // A repository with a change: with trust, this folder would get a review.
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeFileSync(path.join(root, 'src/restrictedNew.ts'), 'export const fresh = 1;\n');
  });
  after(() => {
    rmSync(path.join(root, '.git'), { recursive: true, force: true });
    rmSync(path.join(root, 'src/restrictedNew.ts'), { force: true });
  });

  it('the workspace is untrusted and the extension runs in it', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const api = (await intentLens().activate()) as Api;
    await api.settled();
    const uri = vscode.Uri.file(path.join(root, SEARCH));
    await vscode.workspace.openTextDocument(uri);
    const line = readFileSync(uri.fsPath, 'utf8').split('\n').findIndex((l) => l.includes('@intent kr:search-latency-p95'));
    const character = readFileSync(uri.fsPath, 'utf8').split('\n')[line].indexOf('kr:search-latency-p95') + 3;
    const hover = await waitFor('a hover on the tag', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character))) ?? [];
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes('kr:search-latency-p95') ? text : undefined;
    });
    assert.match(hover, /Key result/);
  });

  it('starts no git process: the review says Restricted Mode instead of reviewing the change', async () => {
    const api = (await intentLens().activate()) as Api;
    const results = await api.testing.computeReview();
    assert.equal(results.length, 1);
    assert.equal(results[0].review, undefined);
    assert.match(results[0].error ?? '', /Restricted Mode/);
  });
});
