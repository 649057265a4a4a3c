#!/usr/bin/env node
// Renders the SVGs of media/ that need a PNG (the Marketplace icon must be a PNG) with Debian's Chromium:
//   node scripts/vscode/icon.mjs        → media/icon.png (256×256) from media/icon.svg
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, launchChromium } from './lib.mjs';

const svg = readFileSync(path.join(ROOT, 'media/icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(ROOT, 'media/icon.png'), omitBackground: true });
  console.log('[icon] media/icon.png');
} finally {
  await browser.close();
}
