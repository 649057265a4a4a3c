#!/usr/bin/env node
// Screenshot of the editor features for the README: a copy of demo/ in code-server with the built extension,
// demo/src/search/searchService.ts opened via Quick Open, its CodeLenses rendered and the hover of a tag's ID
// shown. Modelled on screenshot.mjs (which stays as it is).
//
//   node scripts/vscode/screenshot-editor.mjs [--file src/search/searchService.ts] [--id kr:search-latency-p95]
//                                             [--out docs/screenshots/editor.png]
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
    file: { type: 'string', default: 'src/search/searchService.ts' },
    id: { type: 'string', default: 'kr:search-latency-p95' },
    out: { type: 'string', default: 'docs/screenshots/editor.png' },
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

  // Quick Open: type the path, wait for the row, Enter.
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(opts.file);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label*="${path.basename(opts.file)}"]`).first().waitFor({ timeout: 10_000 });

  // CodeLenses render a few seconds after the file opens (the index builds, then TypeScript's symbols).
  await page.locator('.codelens-decoration a').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_500);

  // Hover the ID inside the tag: find the rendered token that holds it and point at the ID's characters.
  const target = await page.evaluate((id) => {
    for (const span of document.querySelectorAll('.monaco-editor .view-line span span')) {
      const text = span.textContent ?? '';
      const at = text.indexOf(id);
      if (at < 0) continue;
      const box = span.getBoundingClientRect();
      const charWidth = box.width / text.length;
      return { x: box.left + (at + Math.min(4, id.length / 2)) * charWidth, y: box.top + box.height / 2 };
    }
    return undefined;
  }, opts.id);
  if (!target) throw new Error(`${opts.id} is not visible in ${opts.file}`);
  await page.mouse.move(target.x, target.y);
  await page.locator('.monaco-hover .rendered-markdown').first().waitFor({ timeout: 15_000 });
  // TypeScript's own hover part says "Loading..." until tsserver is up; give it a moment (not required).
  await page.locator('.monaco-hover :text("Loading...")').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(800);
  const out = path.resolve(ROOT, opts.out);
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  log(`saved ${path.relative(ROOT, out)}`);
}

main().then(() => exit(0), (error) => {
  log(`FAIL: ${error?.message ?? error}`);
  void exit(1);
});
