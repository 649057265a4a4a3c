// Bundles the real-VS-Code suite: test/vscode/index.ts (with mocha inside) and one bundle per *.test.ts,
// into out/test/vscode/. `vscode` stays external: the extension host provides it.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const srcDir = path.join(root, 'test/vscode');
const outDir = path.join(root, 'out/test/vscode');

const tests = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts'));
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(srcDir, 'index.ts'), ...tests.map((f) => path.join(srcDir, f))],
  outbase: srcDir,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
  // mocha's parallel mode (unused here) resolves worker files at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
console.log(`[build-tests] ${tests.length} test file(s) → ${path.relative(root, outDir)}/`);
