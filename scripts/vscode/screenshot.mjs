#!/usr/bin/env node
// Screenshots of the extension in the real workbench, for the docs (and a check in `npm test`): opens a copy of
// demo/ in code-server with the built extension and, per scene, shows what a person sees, then saves a PNG.
// Each scene waits for the extension's own UI (views, lenses, hover), so a broken extension fails the run.
//
//   node scripts/vscode/screenshot.mjs [--scene view|sidebar|editor|welcome|debt|all] [--out FILE (one scene)]
//                                      [--out-dir docs/screenshots] [--workspace DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, copyWorkspace, freePort, launchChromium, log, makeTempDir, onAnyExit, remoteUri, removeDir,
  requireTools, startCodeServer, withTimeout, workbenchUrl,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    scene: { type: 'string', default: 'all' },
    out: { type: 'string' },
    'out-dir': { type: 'string', default: 'docs/screenshots' },
    workspace: { type: 'string', default: 'demo' },
    width: { type: 'string', default: '1440' },
    height: { type: 'string', default: '900' },
  },
});
const WIDTH = Number(opts.width);
const HEIGHT = Number(opts.height);

/** What each scene opens and waits for before the picture is taken. */
const SCENES = {
  /** The Intent container next to the manifest. */
  view: { file: 'intent.yaml', png: 'intent-view.png', show: showIntentContainer },
  /** The sidebar with Objectives expanded down to the problems of the first key result. */
  sidebar: { file: 'src/search/ranking.ts', png: 'sidebar.png', show: showSidebar },
  /** A file with its CodeLenses and the hover of a tag's ID. */
  editor: { file: 'src/search/searchService.ts', png: 'editor.png', show: showEditorHover },
  /** The Tech Debt view: each debt once with what it hurts, Untriaged by folder. */
  debt: { file: 'src/utils/dates.ts', png: 'debt.png', show: showDebt },
  /** A new folder: the welcome text with Create intent.yaml, and a TODO already in Untriaged. */
  welcome: { file: 'src/app.ts', png: 'welcome.png', show: showWelcome, workspace: 'first-run' },
};

const names = opts.scene === 'all' ? Object.keys(SCENES) : [opts.scene];
for (const name of names) if (!SCENES[name]) throw new Error(`unknown --scene ${name} (${Object.keys(SCENES).join(', ')}, all)`);
if (opts.out && names.length !== 1) throw new Error('--out needs one --scene');

let temp;
let server;
let browser;
const exit = onAnyExit(async () => {
  if (browser) await withTimeout(browser.close(), 10_000, 'closing Chromium').catch(() => {});
  if (server) await server.stop();
  removeDir(temp);
});
setTimeout(() => {
  log('FAIL: screenshots took longer than 240 s');
  void exit(1);
}, 240_000).unref();

async function openWorkbench(port, workspace) {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  await page.goto(workbenchUrl(port, workspace, [
    ['extensionDevelopmentPath', remoteUri(port, ROOT)],
    ['skipWelcome', 'true'],
  ]), { timeout: 60_000 });
  await page.waitForFunction(() => window.driver, null, { timeout: 60_000 });
  await withTimeout(page.evaluate(() => window.driver.whenWorkbenchRestored()), 60_000, 'the workbench');
  return page;
}

/** Quick Open: type the path, wait for the row, Enter, wait for the tab. */
async function quickOpen(page, file) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(file);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label*="${path.basename(file)}"]`).first().waitFor({ timeout: 10_000 });
}

async function showIntentContainer(page) {
  // The whole activity-bar item: its problem-count badge, drawn over the icon once diagnostics are in, is part of
  // it (clicking the icon alone is refused while the badge covers it).
  await page.locator('.activitybar li.action-item').filter({ has: page.locator('[aria-label^="Intent"]') }).first().click({ timeout: 15_000 });
  await page.locator('.sidebar .pane-header').first().waitFor({ timeout: 15_000 });
  await page.mouse.move(WIDTH / 2, HEIGHT - 5); // no hover tooltip in the picture
  await page.waitForTimeout(2_000); // let views, welcome content and decorations settle
}

async function showSidebar(page) {
  await showIntentContainer(page);
  // The first objective is expanded by the extension; open its first key result too.
  const objectives = page.locator('.sidebar .pane').filter({ has: page.locator('.pane-header[aria-label^="Objectives"]') });
  const firstKr = objectives.locator('.monaco-list-row[aria-level="2"]').first();
  await firstKr.waitFor({ timeout: 30_000 });
  if ((await firstKr.getAttribute('aria-expanded')) === 'false') await firstKr.click();
  await objectives.locator('.monaco-list-row[aria-level="3"]').first().waitFor({ timeout: 15_000 });
  // The editor beside it with its lenses (they come a moment after the tree on a busy machine).
  await page.locator('.codelens-decoration a').first().waitFor({ timeout: 30_000 });
  await page.mouse.move(WIDTH / 2, HEIGHT - 5);
  await page.waitForTimeout(1_000);
}

async function showEditorHover(page) {
  const id = 'kr:search-latency-p95';
  // CodeLenses render a few seconds after the file opens (the index builds, then TypeScript's symbols).
  await page.locator('.codelens-decoration a').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_500);
  // Hover the ID inside the tag: find the rendered token that holds it and point at the ID's characters.
  const target = await page.evaluate((wanted) => {
    for (const span of document.querySelectorAll('.monaco-editor .view-line span span')) {
      const text = span.textContent ?? '';
      const at = text.indexOf(wanted);
      if (at < 0) continue;
      const box = span.getBoundingClientRect();
      const charWidth = box.width / text.length;
      return { x: box.left + (at + Math.min(4, wanted.length / 2)) * charWidth, y: box.top + box.height / 2 };
    }
    return undefined;
  }, id);
  if (!target) throw new Error(`${id} is not visible`);
  await page.mouse.move(target.x, target.y);
  await page.locator('.monaco-hover .rendered-markdown').filter({ hasText: 'Key result' }).first().waitFor({ timeout: 15_000 });
  // TypeScript's own hover part says "Loading..." until tsserver is up; give it a moment (not required).
  await page.locator('.monaco-hover :text("Loading...")').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(800);
}

async function showDebt(page) {
  await showIntentContainer(page);
  const debt = page.locator('.sidebar .pane').filter({ has: page.locator('.pane-header[aria-label^="Tech Debt"]') });
  // Collapse the other views so the Tech Debt view has the room, and widen the sidebar for the descriptions.
  for (const name of ['Objectives', 'Constraints', 'Context']) {
    const header = page.locator(`.sidebar .pane-header[aria-label^="${name}"]`).first();
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  const sash = page.locator('.monaco-sash.vertical').first();
  const box = await sash.boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 380, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
  }
  const untriaged = debt.locator('.monaco-list-row').filter({ hasText: 'Untriaged' }).first();
  await untriaged.waitFor({ timeout: 30_000 });
  if ((await untriaged.getAttribute('aria-expanded')) === 'false') await untriaged.click();
  await debt.locator('.monaco-list-row[aria-level="2"]').first().waitFor({ timeout: 15_000 });
  await page.mouse.move(WIDTH / 2, HEIGHT - 5);
  await page.waitForTimeout(1_000);
}

async function showWelcome(page) {
  await showIntentContainer(page);
  // The welcome text of a folder without intent.yaml, and its button.
  await page.locator('.sidebar .welcome-view-content').filter({ hasText: 'has no intent.yaml yet' }).first().waitFor({ timeout: 30_000 });
  await page.locator('.sidebar .monaco-button').filter({ hasText: 'Create intent.yaml' }).first().waitFor({ timeout: 15_000 });
  await page.locator('.sidebar .monaco-list-row').filter({ hasText: 'Untriaged' }).first().waitFor({ timeout: 30_000 });
  await page.mouse.move(WIDTH / 2, HEIGHT - 5);
  await page.waitForTimeout(1_000);
}

/** A first-run folder: one source file with a TODO, no manifest, no git. */
function firstRunWorkspace(dest) {
  mkdirSync(path.join(dest, 'src'), { recursive: true });
  writeFileSync(path.join(dest, 'src/app.ts'), [
    'export function start(port = 8080): void {',
    '  // TODO: read the port from the environment',
    '  console.log(`listening on ${port}`);',
    '}',
    '',
  ].join('\n'));
  return dest;
}

async function main() {
  requireTools();
  temp = makeTempDir('intent-lens-shot-');
  const workspaces = {
    demo: copyWorkspace(path.resolve(ROOT, opts.workspace), path.join(temp, 'workspace')),
    'first-run': firstRunWorkspace(path.join(temp, 'first-run')),
  };
  const port = await freePort();
  server = await startCodeServer({ temp, port });
  browser = await launchChromium();
  for (const name of names) {
    const scene = SCENES[name];
    const page = await openWorkbench(port, workspaces[scene.workspace ?? 'demo']);
    await quickOpen(page, scene.file);
    await scene.show(page);
    const out = path.resolve(ROOT, opts.out ?? path.join(opts['out-dir'], scene.png));
    mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    await page.close();
    const png = readFileSync(out);
    if (png.readUInt32BE(0) !== 0x89504e47 || png.readUInt32BE(16) !== WIDTH || png.readUInt32BE(20) !== HEIGHT) {
      throw new Error(`${out} is not a ${WIDTH}×${HEIGHT} PNG`);
    }
    log(`${name}: saved ${path.relative(ROOT, out)}`);
  }
}

main().then(() => exit(0), (error) => {
  log(`FAIL: ${error?.message ?? error}`);
  void exit(1);
});
