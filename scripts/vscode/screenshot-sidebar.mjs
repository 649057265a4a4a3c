#!/usr/bin/env node
// Screenshot of the Intent sidebar for the docs: opens a copy of demo/ in code-server with the built extension,
// opens a file, shows the Intent container with the Objectives view expanded (first objective and its first key
// result open), and saves docs/screenshots/sidebar.png.
//
//   node scripts/vscode/screenshot-sidebar.mjs [--workspace DIR] [--file src/search/ranking.ts] [--out docs/screenshots/sidebar.png]
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, copyWorkspace, freePort, launchChromium, log, makeTempDir, onAnyExit, remoteUri, removeDir,
  requireTools, startCodeServer, withTimeout, workbenchUrl,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    workspace: { type: 'string', default: 'demo' },
    file: { type: 'string', default: 'src/search/ranking.ts' },
    out: { type: 'string', default: 'docs/screenshots/sidebar.png' },
    width: { type: 'string', default: '1440' },
    height: { type: 'string', default: '900' },
  },
});

let temp;
let server;
let browser;
const exit = onAnyExit(async () => {
  if (browser) await withTimeout(browser.close(), 10_000, 'closing Chromium').catch(() => {});
  if (server) await server.stop();
  removeDir(temp);
});
setTimeout(() => {
  log('FAIL: screenshot took longer than 120 s');
  void exit(1);
}, 120_000).unref();

async function main() {
  requireTools();
  temp = makeTempDir('intent-lens-shot-');
  const workspace = copyWorkspace(path.resolve(ROOT, opts.workspace), path.join(temp, 'workspace'));
  const port = await freePort();
  server = await startCodeServer({ temp, port });
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: Number(opts.width), height: Number(opts.height) } });
  await page.goto(workbenchUrl(port, workspace, [
    ['extensionDevelopmentPath', remoteUri(port, ROOT)],
    ['skipWelcome', 'true'],
  ]), { timeout: 60_000 });
  await page.waitForFunction(() => (window).driver, null, { timeout: 60_000 });
  await withTimeout(page.evaluate(() => (window).driver.whenWorkbenchRestored()), 60_000, 'the workbench');

  if (opts.file) {
    // Quick Open: type the path, wait for the row, Enter.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(opts.file);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator(`.tab[aria-label*="${path.basename(opts.file)}"]`).first().waitFor({ timeout: 10_000 });
  }

  await page.locator('.activitybar [aria-label^="Intent"]').first().click({ timeout: 15_000 });
  await page.locator('.sidebar .pane-header').first().waitFor({ timeout: 15_000 });
  // Objectives: the first objective is expanded by the extension; open its first key result too.
  const objectives = page.locator('.sidebar .pane').filter({ has: page.locator('.pane-header[aria-label^="Objectives"]') });
  const firstKr = objectives.locator('.monaco-list-row[aria-level="2"]').first();
  await firstKr.waitFor({ timeout: 30_000 });
  if ((await firstKr.getAttribute('aria-expanded')) === 'false') await firstKr.click();
  await objectives.locator('.monaco-list-row[aria-level="3"]').first().waitFor({ timeout: 15_000 });
  await page.mouse.move(Number(opts.width) / 2, Number(opts.height) - 5); // no hover tooltip in the picture
  await page.waitForTimeout(2_000); // let views, welcome content and decorations settle
  const out = path.resolve(ROOT, opts.out);
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  log(`saved ${path.relative(ROOT, out)}`);
}

main().then(() => exit(0), (error) => {
  log(`FAIL: ${error?.message ?? error}`);
  void exit(1);
});
