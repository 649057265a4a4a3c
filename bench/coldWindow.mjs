#!/usr/bin/env node
// Cold window on the demo, as a person sees it: a fresh code-server and browser page per run, Quick Open
// src/search/searchService.ts as soon as the workbench is restored, and time until its first CodeLens renders.
// A measurement (printed), not a test. Needs `npm run build` and the tools of scripts/vscode/setup.sh.
//   node bench/coldWindow.mjs [--runs 3] [--workspace demo] [--extension DIR (another build, to compare)]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, copyWorkspace, freePort, launchChromium, log, makeTempDir, onAnyExit, remoteUri, removeDir,
  requireTools, startCodeServer, withTimeout, workbenchUrl,
} from '../scripts/vscode/lib.mjs';

const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, workspace: { type: 'string', default: 'demo' }, extension: { type: 'string', default: ROOT } },
});
const FILE = 'src/search/searchService.ts';

let temp;
let server;
let browser;
const exit = onAnyExit(async () => {
  if (browser) await withTimeout(browser.close(), 10_000, 'closing Chromium').catch(() => {});
  if (server) await server.stop();
  removeDir(temp);
});

async function once(run) {
  temp = makeTempDir('intent-lens-cold-');
  const workspace = copyWorkspace(path.resolve(ROOT, opts.workspace), path.join(temp, 'workspace'));
  const port = await freePort();
  server = await startCodeServer({ temp, port });
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const t0 = Date.now();
  await page.goto(workbenchUrl(port, workspace, [['extensionDevelopmentPath', remoteUri(port, path.resolve(opts.extension))], ['skipWelcome', 'true']]), { timeout: 60_000 });
  await page.waitForFunction(() => window.driver, null, { timeout: 60_000 });
  await withTimeout(page.evaluate(() => window.driver.whenWorkbenchRestored()), 60_000, 'the workbench');
  const restored = Date.now();
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(FILE);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label*="${path.basename(FILE)}"]`).first().waitFor({ timeout: 10_000 });
  const opened = Date.now();
  await page.locator('.codelens-decoration a').first().waitFor({ timeout: 60_000 });
  const lensed = Date.now();
  console.log(`run ${run}: workbench restored ${restored - t0} ms after load; file open +${opened - restored} ms; first lens ${lensed - opened} ms after the tab opened (${lensed - t0} ms after page load)`);
  // Where the time went, from the logs: when the extension host activated Intent Lens and when its first index
  // was in, relative to the tab opening (negative: before it). The rest, up to the lens, is the editor's.
  for (const [label, at] of logMoments(temp)) console.log(`        ${label}: ${at - opened >= 0 ? '+' : ''}${at - opened} ms from the tab opening`);
  await browser.close();
  browser = undefined;
  await server.stop();
  server = undefined;
  removeDir(temp);
  return lensed - opened;
}

/** [label, epoch ms] of the activation (extension host log) and the first index (Intent Lens log). */
function logMoments(temp) {
  const logs = path.join(temp, 'user-data', 'logs');
  const files = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }).map((f) => path.join(logs, f)) : [];
  // Log lines start with a local time "2026-12-01 19:58:32.573", on this machine's clock like Date.now().
  const at = (line) => Date.parse(line.slice(0, 23).replace(' ', 'T'));
  const moments = [];
  const find = (name, pattern, label) => {
    const file = files.find((f) => path.basename(f) === name);
    const line = file && fs.readFileSync(file, 'utf8').split('\n').find((l) => pattern.test(l));
    if (line && !Number.isNaN(at(line))) moments.push([label, at(line)]);
  };
  find('remoteexthost.log', /_doActivateExtension intent-lens\./, 'Intent Lens activated');
  find('Intent Lens.log', /\bindexed \S+: \d+ files/, 'first index complete');
  return moments;
}

async function main() {
  requireTools();
  const times = [];
  for (let i = 1; i <= Number(opts.runs); i++) times.push(await once(i));
  times.sort((a, b) => a - b);
  console.log(`first lens after the tab opened: median ${times[Math.floor(times.length / 2)]} ms (${times.join(', ')})`);
}

main().then(() => exit(0), (error) => {
  log(`FAIL: ${error.stack ?? error}`);
  void exit(1);
});
