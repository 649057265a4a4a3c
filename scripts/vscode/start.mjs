#!/usr/bin/env node
// `npm start`: serves a workspace (default demo/) in code-server with this folder's built extension loaded as
// a development extension, on 127.0.0.1 and a free port, and prints the URL to open in a browser.
// Ctrl+C stops code-server and its extension host. Edits in the browser change the real files of the workspace.
//
//   node scripts/vscode/start.mjs [--workspace DIR] [--port N]
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, codeServerVersion, freePort, log, makeTempDir, onAnyExit, remoteUri, removeDir, requireTools,
  startCodeServer, workbenchUrl,
} from './lib.mjs';

const { values: opts } = parseArgs({ options: { workspace: { type: 'string' }, port: { type: 'string' } } });

let temp;
let server;
const exit = onAnyExit(async () => {
  if (server) await server.stop();
  removeDir(temp);
});

async function main() {
  requireTools();
  if (!existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js missing: run npm run build');
  const workspace = path.resolve(ROOT, opts.workspace ?? 'demo');
  if (!existsSync(workspace)) throw new Error(`workspace ${workspace} not found`);

  temp = makeTempDir('intent-lens-start-');
  const port = opts.port ? Number(opts.port) : await freePort();
  server = await startCodeServer({
    temp, port,
    onLine: (line) => {
      if (/error|exited with code/i.test(line)) console.error(`[code-server] ${line}`);
    },
  });
  server.child.on('exit', (code) => {
    if (server.killed) return; // we are stopping it
    log(`code-server exited (${code})`);
    void exit(1);
  });
  const url = workbenchUrl(port, workspace, [
    ['extensionDevelopmentPath', remoteUri(port, ROOT)],
    ['skipWelcome', 'true'],
  ]);
  const { version } = codeServerVersion();
  console.log(`\nIntent Lens in VS Code ${version} (code-server), workspace ${path.relative(ROOT, workspace) || '.'}:\n\n  ${url}\n`);
  console.log('Open that URL in a browser on this machine. After `npm run build`, reload the page to pick up changes.');
  console.log('Ctrl+C stops the server.\n');
}

main().catch((error) => {
  log(`error: ${error?.message ?? error}`);
  void exit(1);
});
