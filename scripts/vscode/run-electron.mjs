#!/usr/bin/env node
// Runs the same suite (out/test/vscode/index.js) in desktop VS Code via @vscode/test-electron, for machines
// that can download VS Code (this one cannot: use run-tests.mjs, code-server). Needs a display; on a headless
// Linux run it under `xvfb-run -a`.
//
//   node scripts/vscode/run-electron.mjs [--workspace DIR] [--version stable|insiders|1.x.y]
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, copyWorkspace } from './lib.mjs';

const { values: opts } = parseArgs({
  options: { workspace: { type: 'string' }, version: { type: 'string', default: 'stable' } },
});

const testsIndex = path.join(ROOT, 'out/test/vscode/index.js');
for (const file of [testsIndex, path.join(ROOT, 'dist/extension.js')]) {
  if (!existsSync(file)) {
    console.error(`${file} missing: run npm run build && node scripts/vscode/build-tests.mjs`);
    process.exit(1);
  }
}

const temp = mkdtempSync(path.join(tmpdir(), 'intent-lens-electron-'));
const cleanup = () => rmSync(temp, { recursive: true, force: true });
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const source = path.resolve(ROOT, opts.workspace ?? 'demo');
const workspace = path.join(temp, 'workspace');
if (existsSync(source)) copyWorkspace(source, workspace);
else {
  mkdirSync(workspace);
  writeFileSync(path.join(workspace, 'intent.yaml'), 'version: 1\n');
}

try {
  // runTests resolves with VS Code's exit code; index.js throws (exit 1) on a failure or when no test ran.
  const code = await runTests({
    version: opts.version,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: testsIndex,
    extensionTestsEnv: { INTENT_LENS_EXPECT_EXTENSION_ROOT: ROOT },
    launchArgs: [
      workspace,
      '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', path.join(temp, 'user-data'), '--extensions-dir', path.join(temp, 'extensions'),
    ],
  });
  process.exitCode = code;
} catch (error) {
  console.error(`[electron] FAIL: ${error?.message ?? error}`);
  process.exitCode = 1;
}
