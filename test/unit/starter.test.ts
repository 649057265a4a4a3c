// Create intent.yaml's starter: fits the repository (scope suggestions from npm/pnpm/yarn workspaces, Cargo,
// Go modules, src folders, as comments) and yields zero findings by itself, manifest and code alike.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { IntentProject } from '../../src/core/project';
import { starterManifest } from '../../src/core/views/manifestText';
import { suggestScopes } from '../../src/core/views/starterScopes';
import { NodeHost } from '../../src/node/nodeHost';

async function findingsOf(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'starter-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const host = new NodeHost(dir);
    try {
      const project = await IntentProject.open(host);
      assert.ok(project.graph.manifests.length === 1, 'the starter is read as a manifest');
      return project.findings().map((f) => `${f.code} ${f.file}:${f.range.start.line + 1} ${f.message}`);
    } finally {
      host.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('views: the starter intent.yaml', () => {
  it('yields no finding in an empty folder', async () => {
    assert.deepEqual(await findingsOf({ 'intent.yaml': starterManifest('empty') }), []);
  });

  it('yields no finding beside code with TODOs, comments and scope suggestions', async () => {
    const scopes = suggestScopes({ files: ['packages/api/package.json'], texts: new Map([['package.json', '{"workspaces":["packages/*"]}']]) });
    const text = starterManifest('Casting Hub', scopes);
    assert.match(text, /^#  - paths: \["packages\/api\/\*\*"\]\s+# npm workspace$/m);
    assert.deepEqual(
      await findingsOf({
        'intent.yaml': text,
        'package.json': '{"workspaces":["packages/*"]}',
        'packages/api/package.json': '{}',
        'packages/api/src/index.ts': '// TODO: validate input\nexport function handler() {}\n',
      }),
      [],
    );
  });

  it('suggests npm/yarn workspaces (array or {packages}), with exclusions', () => {
    const files = ['package.json', 'packages/a/package.json', 'packages/b/package.json', 'packages/legacy/package.json', 'node_modules/x/package.json', 'tools/c/package.json'];
    const npm = suggestScopes({ files, texts: new Map([['package.json', JSON.stringify({ workspaces: ['packages/*', '!packages/legacy', 'tools/c'] })]]) });
    assert.deepEqual(npm.map((s) => `${s.glob} ${s.source}`), ['packages/a/** npm workspace', 'packages/b/** npm workspace', 'tools/c/** npm workspace']);
    const yarn = suggestScopes({ files, texts: new Map([['package.json', JSON.stringify({ workspaces: { packages: ['packages/**'] } })]]) });
    assert.deepEqual(yarn.map((s) => s.glob), ['packages/a/**', 'packages/b/**', 'packages/legacy/**']);
  });

  it('suggests pnpm workspaces, Cargo members and Go modules', () => {
    const pnpm = suggestScopes({ files: ['apps/web/package.json', 'libs/ui/package.json'], texts: new Map([['pnpm-workspace.yaml', "packages:\n  - 'apps/*'\n  # a comment\n  - \"libs/*\"\n"]]) });
    assert.deepEqual(pnpm.map((s) => `${s.glob} ${s.source}`), ['apps/web/** pnpm workspace', 'libs/ui/** pnpm workspace']);
    const cargo = suggestScopes({ files: ['crates/core/Cargo.toml', 'crates/cli/Cargo.toml', 'Cargo.toml'], texts: new Map([['Cargo.toml', '[workspace]\nmembers = [\n  "crates/*",\n]\n']]) });
    assert.deepEqual(cargo.map((s) => s.glob), ['crates/cli/**', 'crates/core/**']);
    const go = suggestScopes({ files: ['go.mod', 'tools/gen/go.mod', 'vendor/x/go.mod'], texts: new Map() });
    assert.deepEqual(go.map((s) => `${s.glob} ${s.source}`), ['tools/gen/** Go module']);
  });

  it('falls back to the folders under src/, and to nothing without packages or src', () => {
    assert.deepEqual(suggestScopes({ files: [], texts: new Map(), srcFolders: ['search', 'db'] }).map((s) => s.glob), ['src/db/**', 'src/search/**']);
    assert.deepEqual(suggestScopes({ files: [], texts: new Map(), srcFolders: [] }).map((s) => s.glob), ['src/**']);
    assert.deepEqual(suggestScopes({ files: ['package.json'], texts: new Map([['package.json', 'not json']]) }), []);
  });
});
