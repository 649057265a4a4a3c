// The symbol a tag binds to is the same in the editor and in CI: for every tag of the demo, the binding the
// editor's code model makes (TypeScript through VS Code's document symbols, Python through the fallback finder,
// as no Python extension is installed) equals what the shipped `intent-lens explain --format json` says.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { intentLens, waitFor } from './helpers';

interface Bound {
  readonly tag: { readonly ids: readonly { id: string }[]; readonly range: { start: { line: number } } };
  readonly target: { kind: 'file' } | { kind: 'symbol'; path: readonly { name: string; selectionRange: { start: { line: number } } }[] };
}
interface Session {
  readonly folder: vscode.WorkspaceFolder;
  readonly model: {
    entries(): ReadonlyMap<string, { tags: readonly unknown[] }>;
    bindings(file: string, document: { text: string; symbols?: unknown }): Promise<readonly Bound[]>;
  };
  uri(path: string): vscode.Uri;
}
interface Api {
  settled(): Promise<void>;
  readonly services: {
    readonly sessions: { all(): Session[] };
    readonly symbols: { symbols(document: vscode.TextDocument, path: string): Promise<unknown>; forget(document: vscode.TextDocument): void };
  };
}
interface ExplainJson {
  readonly symbols: readonly string[];
  readonly links: readonly { readonly id: string; readonly provenance: { readonly kind: string; readonly line?: number; readonly symbol?: string } }[];
}

function explain(cli: string, root: string, place: string): Promise<ExplainJson> {
  return new Promise((resolve, reject) => {
    // The extension host's own runtime runs the CLI the extension ships (ELECTRON_RUN_AS_NODE for desktop hosts).
    execFile(process.execPath, [cli, 'explain', place, '--root', root, '--format', 'json'], { cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`explain ${place}: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as ExplainJson);
    });
  });
}

describe('tag binding: the editor and `intent-lens explain` agree on every demo tag', function () {
  this.timeout(240_000);

  it('binds each tag to the symbol explain names (TypeScript via document symbols, Python via the fallback)', async () => {
    await waitFor('Intent Lens to activate', () => intentLens().isActive, 20_000);
    const api = intentLens().exports as Api;
    await api.settled();
    const session = api.services.sessions.all()[0];
    const root = session.folder.uri.fsPath;
    const cli = path.join(intentLens().extensionPath, 'dist', 'cli.js');
    const languages = { ts: 0, py: 0 };
    let checked = 0;
    for (const [file, scan] of session.model.entries()) {
      if (scan.tags.length === 0 || !/\.(ts|py)$/.test(file)) continue;
      const document = await vscode.workspace.openTextDocument(session.uri(file));
      if (file.endsWith('.ts')) {
        // Wait for the TypeScript server, then make the editor ask it (not the fallback it may have cached).
        await waitFor(`document symbols of ${file}`, async () => ((await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', document.uri))?.length ? true : undefined), 60_000);
        api.services.symbols.forget(document);
        languages.ts++;
      } else {
        languages.py++;
      }
      const symbols = await api.services.symbols.symbols(document, file);
      const bound = await session.model.bindings(file, { text: document.getText(), symbols });
      const cache = new Map<string, ExplainJson>();
      const at = async (place: string) => {
        if (!cache.has(place)) cache.set(place, await explain(cli, root, place));
        return cache.get(place)!;
      };
      for (const { tag, target } of bound) {
        const tagLine = tag.range.start.line + 1;
        const ids = tag.ids.map((r) => r.id);
        if (target.kind === 'file') {
          const links = (await at(file)).links.filter((l) => l.provenance.kind === 'file' && l.provenance.line === tagLine);
          assert.deepEqual(links.map((l) => l.id), ids, `${file}:${tagLine}: the editor binds it to the file, explain does not`);
        } else {
          const symbol = target.path[target.path.length - 1];
          const result = await at(`${file}:${symbol.selectionRange.start.line + 1}`);
          const links = result.links.filter((l) => l.provenance.kind === 'tag' && l.provenance.line === tagLine);
          assert.deepEqual(links.map((l) => [l.id, l.provenance.symbol]), ids.map((id) => [id, symbol.name]), `${file}:${tagLine}: the editor binds it to ${symbol.name}`);
          assert.deepEqual(result.symbols, target.path.map((s) => s.name), `${file}:${tagLine}: enclosing symbols`);
        }
        checked++;
      }
    }
    assert.ok(languages.ts >= 10 && languages.py >= 2, `tagged files checked: ${JSON.stringify(languages)}`);
    assert.ok(checked >= 25, `${checked} tags checked`);
  });
});
