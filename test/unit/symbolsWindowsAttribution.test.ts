// Windowed parsing (tight windows around tag lines) must bind every tag exactly as a whole-file parse does,
// wherever a tag lands: one tag at a time from the fixtures, and tags inserted at random lines.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { attributeTags } from '../../src/core/tags/attribution';
import { scanTags } from '../../src/core/tags/tagScanner';
import type { SymbolNode, Tag } from '../../src/core/types';
import { TreeSitterSymbolFinder, grammarForPath } from '../../src/node/treeSitterSymbols';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'symbols');

function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(FIXTURES).sort()) {
    const full = path.join(FIXTURES, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full).sort()) if (grammarForPath(f)) out.push(path.join(dir, f));
  }
  return out;
}

const describeTarget = (p: readonly SymbolNode[]) => p.map((s) => s.name).join(' > ');

describe('symbol windows: attribution equals a whole parse', function () {
  this.timeout(120000);
  const whole = new TreeSitterSymbolFinder();
  const windowed = new TreeSitterSymbolFinder({ windowMinLength: 0 });
  after(() => {
    whole.dispose();
    windowed.dispose();
  });

  const compare = async (text: string, rel: string, tags: readonly Tag[], context: string) => {
    const lines = tags.map((t) => t.range.start.line);
    const bind = (symbols: SymbolNode[] | undefined) =>
      attributeTags(tags, symbols, text).map((a) => (a.target.kind === 'file' ? 'file' : describeTarget(a.target.path)));
    assert.deepEqual(bind(await windowed.symbols(text, rel, { lines })), bind(await whole.symbols(text, rel)), context);
  };

  it('binds each fixture tag alone as the whole parse does', async () => {
    for (const rel of fixtureFiles()) {
      const text = fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
      for (const tag of scanTags(text, rel).tags) await compare(text, rel, [tag], `${rel}:${tag.range.start.line + 1}`);
    }
  });

  it('binds tags inserted at random lines as the whole parse does', async () => {
    const files = fixtureFiles().map((rel) => ({ rel, lines: fs.readFileSync(path.join(FIXTURES, rel), 'utf8').split('\n') }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.boolean(), async (file, at, indent) => {
        const comment = file.rel.endsWith('.py') ? '#' : '//';
        const lines = file.lines.map((l) => l.replace(/@(intent|debt)/g, '@x')); // only the inserted tags
        for (const a of at) {
          const k = a % (lines.length + 1);
          const pad = indent && k < lines.length ? /^\s*/.exec(lines[k])![0] : '';
          lines.splice(k, 0, `${pad}${comment} @intent kr:inserted`);
        }
        const text = lines.join('\n');
        const tags = scanTags(text, file.rel).tags;
        if (tags.length > 0) await compare(text, file.rel, tags, `${file.rel} at ${at.join(',')}`);
      }),
      { numRuns: 300 },
    );
  });
});
