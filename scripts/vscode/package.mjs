#!/usr/bin/env node
// `npm run package`: production build, then a VSIX with @vscode/vsce (3.x runs on Node 20). Dependencies are
// bundled by esbuild, so the VSIX carries no node_modules; .vscodeignore is an allowlist.
// Prints the VSIX path; `run-tests.mjs --installed` installs that file into code-server and tests it.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, vsixPath } from './lib.mjs';

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[package] ${command} ${args.join(' ')} failed (${r.status ?? r.error?.message})`);
    process.exit(1);
  }
}

const out = vsixPath();
rmSync(out, { force: true });
run(process.execPath, ['esbuild.mjs', '--production']);
run(process.execPath, [
  path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package',
  '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out,
]);
console.log(`[package] ${path.relative(ROOT, out)}`);
