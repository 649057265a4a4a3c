// One build script, several bundles: the extension (CommonJS, vscode external), the CLI (Node 20+),
// and the generated JSON Schema for intent.yaml. Type-checking is separate (`tsc --noEmit`).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, existsSync, readFileSync, copyFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { INTENT_LENS_VERSION: JSON.stringify(pkg.version) },
  // web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks: use its CJS build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

const builds = [];
if (existsSync('src/vscode/extension.ts')) {
  builds.push({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
}
if (existsSync('src/node/scanWorker.ts')) {
  // The NodeHost's worker threads load this file from next to the bundle that spawns them.
  builds.push({ ...common, entryPoints: ['src/node/scanWorker.ts'], outfile: 'dist/scanWorker.js' });
}
if (existsSync('src/cli/main.ts')) {
  // `intent-lens mcp` (the MCP SDK, ajv) is a bundle of its own, loaded only by that command: every other run
  // (a CI `check` most of all) parses a third of the code at start-up.
  const mcpApart = {
    name: 'mcp-apart',
    setup(build) {
      build.onResolve({ filter: /^\.\/mcp$/ }, (a) => (a.importer.endsWith(join('src', 'cli', 'agents.ts')) ? { path: './cli-mcp.js', external: true } : undefined));
    },
  };
  // import() becomes require(): the launcher compiles this bundle as a script, which has no loader for import().
  builds.push({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [mcpApart], supported: { 'dynamic-import': false } });
  // The `bin`: loads cli-main.js with the code cache written below.
  builds.push({ ...common, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
  builds.push({ ...common, entryPoints: ['src/cli/mcp.ts'], outfile: 'dist/cli-mcp.js' });
}

mkdirSync('dist', { recursive: true });

// tree-sitter's runtime and the grammars of the CLI's symbol finder ship next to the bundles (dist/wasm/).
const GRAMMARS = ['typescript', 'tsx', 'javascript', 'python', 'go', 'java', 'c-sharp', 'rust'];
function copyWasm() {
  mkdirSync('dist/wasm', { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/wasm/web-tree-sitter.wasm');
  const grammars = dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
  for (const g of GRAMMARS) copyFileSync(join(grammars, `tree-sitter-${g}.wasm`), `dist/wasm/tree-sitter-${g}.wasm`);
}
copyWasm();
if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  // The JSON Schema for intent.yaml is generated from the same zod schema the core validates with.
  if (existsSync('src/core/manifest/jsonSchema.ts')) {
    const out = 'dist/schema-gen.cjs';
    await esbuild.build({ ...common, sourcemap: false, entryPoints: ['src/core/manifest/jsonSchema.ts'], outfile: out });
    const { manifestJsonSchema } = await import(new URL(out, import.meta.url).href);
    writeFileSync('dist/intent.schema.json', JSON.stringify(manifestJsonSchema(), null, 2) + '\n');
  }
  // V8's code cache for the CLI, written after a sample `check` of the demo so the functions a run calls are in it
  // (this Node's only: another version rejects it and compiles as usual). A failed sample run leaves no cache.
  if (existsSync('dist/cli-main.js') && existsSync('demo/intent.yaml')) {
    rmSync('dist/cli-main.js.cache', { force: true });
    spawnSync(process.execPath, ['dist/cli.js', 'check', 'demo', '--format', 'json'], { stdio: 'ignore', env: { ...process.env, INTENT_LENS_WRITE_CODE_CACHE: '1' } });
  }
}
