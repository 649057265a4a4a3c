#!/usr/bin/env node
// `npm run package`: production build, then a VSIX with @vscode/vsce (3.x runs on Node 20). Dependencies are
// bundled by esbuild, so the VSIX carries no node_modules; .vscodeignore is an allowlist.
// Prints the VSIX path; `run-tests.mjs --installed` installs that file into code-server and tests it.
//
// Nothing about where the project lives is invented here. Only when set at packaging time:
//   INTENT_LENS_REPOSITORY=<git URL>      → package.json `repository` in the VSIX (restored afterwards)
//   INTENT_LENS_BASE_IMAGES_URL=<URL>     → vsce --baseImagesUrl  (README images become absolute, for the
//   INTENT_LENS_BASE_CONTENT_URL=<URL>    → vsce --baseContentUrl  Marketplace page)
// Without them the README keeps relative image paths, which render from the images inside the VSIX.
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, vsixPath } from './lib.mjs';

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.error?.message})`);
}

function fail(message) {
  console.error(`[package] ${message}`);
  process.exit(1);
}

const out = vsixPath();
rmSync(out, { force: true });
try {
  run(process.execPath, ['esbuild.mjs', '--production']);
} catch (error) {
  fail(error.message);
}

const repository = process.env.INTENT_LENS_REPOSITORY?.trim();
const baseImages = process.env.INTENT_LENS_BASE_IMAGES_URL?.trim();
const baseContent = process.env.INTENT_LENS_BASE_CONTENT_URL?.trim();
for (const [name, value] of [['INTENT_LENS_REPOSITORY', repository], ['INTENT_LENS_BASE_IMAGES_URL', baseImages], ['INTENT_LENS_BASE_CONTENT_URL', baseContent]]) {
  if (value && !/^https:\/\/[^\s]+$/.test(value)) {
    fail(`${name} must be an https:// URL, got ${JSON.stringify(value)}`);
  }
}

const manifestPath = path.join(ROOT, 'package.json');
const original = readFileSync(manifestPath, 'utf8');
if (repository) {
  // Atomic swap in, restored on every exit path below.
  const pkg = JSON.parse(original);
  pkg.repository = { type: 'git', url: repository };
  writeFileSync(`${manifestPath}.tmp`, `${JSON.stringify(pkg, null, 2)}\n`);
  renameSync(`${manifestPath}.tmp`, manifestPath);
}
let failure;
try {
  const links = baseImages || baseContent
    ? [...(baseImages ? ['--baseImagesUrl', baseImages] : []), ...(baseContent ? ['--baseContentUrl', baseContent] : [])]
    : ['--no-rewrite-relative-links'];
  run(process.execPath, [
    path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package',
    '--no-dependencies', '--skip-license', ...(repository ? [] : ['--allow-missing-repository']), ...links, '--out', out,
  ]);
} catch (error) {
  failure = error.message;
} finally {
  if (repository) writeFileSync(manifestPath, original);
}
if (failure) fail(failure);
console.log(`[package] ${path.relative(ROOT, out)}`);
