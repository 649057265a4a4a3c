// The editor's incremental re-fingerprinting (core/lock/incremental.ts) against a whole-file evaluation: random
// edits of a tagged TypeScript file must give identical links, and an edit inside one function must parse only the
// window around its tag.
import { strict as assert } from 'node:assert';
import { fileLinks, LinkCache, linksOfFile, type CurrentLink } from '../../src/core/lock/links';
import type { LockSource } from '../../src/core/lock/source';
import { buildGraph } from '../../src/core/manifest/buildGraph';
import { scanTags } from '../../src/core/tags/tagScanner';
import { TreeSitterSymbolFinder } from '../../src/node/treeSitterSymbols';

const graph = buildGraph([{ path: 'intent.yaml', text: 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:a\n        title: A\n      - id: kr:b\n        title: B\n' }]);
const FILE = 'src/service.ts';

const BASE = [
  "import { db } from './db';",
  '',
  '// @intent kr:a',
  'export async function load(id: string): Promise<number> {',
  '  const row = await db.get(id);',
  '  const total = row.a + row.b;',
  '  return total * 2;',
  '}',
  '',
  'function helper(x: number): number {',
  '  const y = x + 1;',
  '  return y * 3;',
  '}',
  '',
  'export class Orders {',
  '  // @intent kr:b',
  '  place(order: string, count: number): string {',
  '    const line = order + count;',
  '    const tail = line.trim();',
  '    return tail;',
  '  }',
  '',
  '  // @intent kr:a kr:b',
  '  cancel(order: string): void {',
  '    const reason = order.length;',
  '    db.drop(order, reason);',
  '  }',
  '}',
  '',
  '// @intent kr:b',
  'export const total = (xs: number[]): number => {',
  '  let sum = 0;',
  '  for (const x of xs) sum = sum + x;',
  '  return sum;',
  '};',
  '',
].join('\n');

/** A LockSource over one changing text, counting whole-file and windowed parses. */
function editorSource(whole: TreeSitterSymbolFinder, windowed: TreeSitterSymbolFinder) {
  const state = { text: BASE, version: 0, wholeParses: 0, windowRequests: [] as number[][] };
  const source: LockSource = {
    graph,
    taggedFiles: () => [[FILE, scanTags(state.text, FILE).tags]],
    text: async () => state.text,
    file: async () => {
      state.wholeParses++;
      return { text: state.text, symbols: await whole.symbols(state.text, FILE) };
    },
    version: () => state.version,
    windowSymbols: (file, text, lines) => {
      state.windowRequests.push([...lines]);
      return windowed.symbols(text, file, { lines, wholeOnError: true });
    },
  };
  return { state, source };
}

/** A deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const plain = (links: readonly CurrentLink[]): string => JSON.stringify(links);

describe('lock: incremental re-fingerprinting', function () {
  this.timeout(60000);
  const whole = new TreeSitterSymbolFinder();
  const windowed = new TreeSitterSymbolFinder({ windowMinLength: 0 });

  async function wholeFile(text: string): Promise<CurrentLink[]> {
    return fileLinks({ graph }, FILE, scanTags(text, FILE).tags, { text, symbols: await whole.symbols(text, FILE) });
  }

  it('gives the links of a whole-file evaluation after random edits (differential)', async () => {
    const next = random(13);
    const { state, source } = editorSource(whole, windowed);
    const cache = new LinkCache();
    await linksOfFile(source, FILE, scanTags(state.text, FILE).tags, cache);
    const neutral = 'abcxyz019 _=+;.,\n';
    const any = `${neutral}{}()[]'"\`/*<>@`;
    let incremental = 0;
    for (let round = 0; round < 600; round++) {
      const text = state.text;
      // Mostly small edits made of plain characters (typing in a body), sometimes brackets, quotes and comments.
      const alphabet = next() < 0.7 ? neutral : any;
      // Half the edits land in a statement of a body (where typing happens), the rest anywhere.
      const statements = [...text.matchAll(/^ +(const|let|return|db\.|for) [^\n]*/gm)];
      const pick = statements[Math.floor(next() * statements.length)];
      const at = pick && next() < 0.5 ? pick.index + Math.floor(next() * pick[0].length) : Math.floor(next() * text.length);
      const cut = Math.floor(next() * 4);
      const insert = Array.from({ length: Math.floor(next() * 4) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      state.text = text.slice(0, at) + insert + text.slice(at + cut);
      state.version++;
      const parsesBefore = state.wholeParses;
      const got = await linksOfFile(source, FILE, scanTags(state.text, FILE).tags, cache);
      if (state.wholeParses === parsesBefore) incremental++;
      assert.equal(plain(got), plain(await wholeFile(state.text)), `round ${round}: edit at ${at} cut ${cut} insert ${JSON.stringify(insert)}\n${state.text}`);
      // Now and then back to the base text, so edits keep landing in a file that still has its links.
      if (round % 10 === 9) {
        state.text = BASE;
        state.version++;
        await linksOfFile(source, FILE, scanTags(state.text, FILE).tags, cache);
      }
    }
    // The comparison must have exercised the incremental path, not only the fallback.
    assert.ok(incremental >= 80, `only ${incremental} of 600 edits took the incremental path`);
  });

  it('re-parses only the window around the edited function\'s tag', async () => {
    const { state, source } = editorSource(whole, windowed);
    const cache = new LinkCache();
    const first = await linksOfFile(source, FILE, scanTags(state.text, FILE).tags, cache);
    assert.equal(state.wholeParses, 1);
    assert.equal(first.length, 5);
    state.text = BASE.replace('    const tail = line.trim();', '    const tail = line.trim();\n    const more = tail + tail;');
    state.version++;
    const got = await linksOfFile(source, FILE, scanTags(state.text, FILE).tags, cache);
    assert.equal(state.wholeParses, 1, 'no whole-file parse');
    // One window request: the tag of Orders.place and the edited lines (the diff puts the new line at 19, before
    // `return tail;`), nothing of the other functions.
    assert.deepEqual(state.windowRequests, [[15, 19, 20]]);
    assert.equal(plain(got), plain(await wholeFile(state.text)));
    const place = got.find((l) => l.at === `${FILE}#Orders.place`)!;
    assert.notEqual(place.code?.code, first.find((l) => l.at === place.at)!.code?.code, 'the edited function is fingerprinted again');
    // A link after the edit moved down one line; one before it did not move.
    assert.equal(got.find((l) => l.at === `${FILE}#total`)!.range.start.line, 30);
    assert.equal(got.find((l) => l.at === `${FILE}#load`)!.range.start.line, 2);
  });

  it('falls back to the whole file when a tag is added', async () => {
    const { state, source } = editorSource(whole, windowed);
    const cache = new LinkCache();
    await linksOfFile(source, FILE, scanTags(state.text, FILE).tags, cache);
    state.text = BASE.replace('function helper', '// @intent kr:a\nfunction helper');
    state.version++;
    const got = await linksOfFile(source, FILE, scanTags(state.text, FILE).tags, cache);
    assert.equal(state.wholeParses, 2);
    assert.equal(got.length, 6);
    assert.equal(plain(got), plain(await wholeFile(state.text)));
  });
});
