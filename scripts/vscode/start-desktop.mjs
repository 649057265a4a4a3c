#!/usr/bin/env node
// `npm run start:desktop`: opens a desktop VS Code (`code` on PATH) on demo/ with this folder as the
// development extension. Where there is no desktop VS Code, says so and points at `npm start`.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './lib.mjs';

const code = process.env.VSCODE_BIN ?? 'code';
if (spawnSync(code, ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error(`No desktop VS Code ("${code}") on PATH: use \`npm start\` (code-server in a browser) instead.`);
  process.exit(1);
}
const workspace = path.resolve(ROOT, process.argv[2] ?? 'demo');
const r = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${ROOT}`, workspace], { stdio: 'inherit' });
process.exit(r.status ?? 1);
