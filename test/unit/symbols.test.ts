// Tag → symbol attribution on real-world-shaped code in each CLI language, with tree-sitter symbols.
// Every tag in test/fixtures/symbols states its expected binding in its note: `=> Outer > Inner` or `=> file`.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { symbolChainAt } from '../../src/core/analysis/effectiveIntent';
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
    for (const f of fs.readdirSync(full).sort()) out.push(path.join(dir, f));
  }
  return out;
}

function describeTarget(path: readonly SymbolNode[] | undefined): string {
  return path ? path.map((s) => s.name).join(' > ') : 'file';
}

function find(symbols: readonly SymbolNode[], name: string): SymbolNode | undefined {
  for (const s of symbols) {
    if (s.name === name) return s;
    const inner = find(s.children, name);
    if (inner) return inner;
  }
  return undefined;
}

const sym = (name: string, kind: string, start: number, end: number, children: SymbolNode[] = [], nameLine = start): SymbolNode => ({
  name,
  kind,
  range: { start: { line: start, character: 0 }, end: { line: end, character: 1 } },
  selectionRange: { start: { line: nameLine, character: 4 }, end: { line: nameLine, character: 4 + name.length } },
  children,
});

const tagAt = (line: number, character = 3, kind: Tag['kind'] = 'intent'): Tag => ({
  kind,
  ids: [{ id: 'kr:x', range: { start: { line, character: character + 8 }, end: { line, character: character + 12 } } }],
  range: { start: { line, character }, end: { line, character: character + 12 } },
});

describe('symbol attribution (tree-sitter, every CLI language)', () => {
  const finder = new TreeSitterSymbolFinder();
  after(() => finder.dispose());

  for (const rel of fixtureFiles()) {
    if (!grammarForPath(rel)) continue;
    it(`binds every tag in ${rel} as its note says`, async () => {
      const text = fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
      const scan = scanTags(text, rel);
      assert.deepEqual(scan.malformed, [], 'fixture has no malformed tags');
      assert.ok(scan.tags.length >= 5, `fixture has tags (${scan.tags.length})`);
      const symbols = await finder.symbols(text, rel);
      assert.ok(symbols && symbols.length > 0, 'symbols found');
      const attributed = attributeTags(scan.tags, symbols, text);
      for (const { tag, target } of attributed) {
        const expected = /^=> (.*)$/.exec(tag.note ?? '');
        assert.ok(expected, `tag on line ${tag.range.start.line + 1} states its expected binding`);
        const actual = target.kind === 'file' ? 'file' : describeTarget(target.path);
        assert.equal(actual, expected[1], `${tag.ids[0].id} on line ${tag.range.start.line + 1}`);
      }
    });
  }

  it('attributes the same with windowed parsing around tag lines as with a whole parse', async () => {
    const windowed = new TreeSitterSymbolFinder({ windowMinLength: 0 });
    try {
      for (const rel of fixtureFiles()) {
        if (!grammarForPath(rel)) continue;
        const text = fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
        const tags = scanTags(text, rel).tags;
        const lines = tags.map((t) => t.range.start.line);
        const describe = (symbols: SymbolNode[] | undefined) =>
          attributeTags(tags, symbols, text).map((a) => (a.target.kind === 'file' ? 'file' : describeTarget(a.target.path)));
        assert.deepEqual(describe(await windowed.symbols(text, rel, { lines })), describe(await finder.symbols(text, rel)), rel);
      }
    } finally {
      windowed.dispose();
    }
  });

  it('still finds top-level symbols in a file that does not parse as a whole', async () => {
    const text = 'export const a = () => 1;\nexport function b() {\n  if (x) {\n';
    const symbols = await finder.symbols(text, 'broken.ts');
    assert.deepEqual(symbols!.map((s) => s.name), ['a', 'b']);
  });

  it('gives decorated declarations a range that includes their decorators', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'typescript/search.ts'), 'utf8');
    const symbols = (await finder.symbols(text, 'search.ts'))!;
    const service = find(symbols, 'AvailabilityService')!;
    assert.equal(text.split('\n')[service.range.start.line].trim(), "@Injectable({ scope: 'request' })");
    const findMethod = find(service.children, 'find')!;
    assert.equal(findMethod.kind, 'method');
    assert.equal(text.split('\n')[findMethod.range.start.line].trim(), "@Get('/availability')");
    const format = symbols.filter((s) => s.name === 'format');
    assert.equal(format.length, 1, 'overloads merge into one symbol');
  });

  it('names Go methods like gopls and Rust impls like rust-analyzer', async () => {
    const go = await finder.symbols(fs.readFileSync(path.join(FIXTURES, 'go/server.go'), 'utf8'), 'server.go');
    assert.deepEqual(go!.map((s) => `${s.kind} ${s.name}`), [
      'struct Server', 'method (*Server).Handle', 'method (Server).Name', 'function NewServer', 'interface Finder',
    ]);
    const rs = await finder.symbols(fs.readFileSync(path.join(FIXTURES, 'rust/lib.rs'), 'utf8'), 'lib.rs');
    assert.deepEqual(rs!.map((s) => `${s.kind} ${s.name}`), [
      "struct Index", "impl impl Index<'_>", "impl impl fmt::Display for Index<'_>", 'module tests',
    ]);
    assert.equal(find(rs!, 'new')!.kind, 'method');
  });

  it('puts C# declarations after a file-scoped namespace inside it', async () => {
    const cs = await finder.symbols(fs.readFileSync(path.join(FIXTURES, 'csharp/Availability.cs'), 'utf8'), 'a.cs');
    assert.deepEqual(cs!.map((s) => s.name), ['Casting.Search']);
    assert.deepEqual(cs![0].children.map((s) => s.name), ['AvailabilityController', 'Talent']);
  });

  it('returns undefined for languages it does not parse', async () => {
    assert.equal(await finder.symbols('# x', 'a.rb'), undefined);
    assert.equal(await finder.symbols('x', 'README.md'), undefined);
  });

  it('survives garbage input', async () => {
    const junk = '}{)(][ class function def fn impl "\'`'.repeat(200);
    for (const ext of ['ts', 'tsx', 'js', 'py', 'go', 'java', 'cs', 'rs']) {
      const symbols = await finder.symbols(junk, `x.${ext}`);
      assert.ok(Array.isArray(symbols), ext);
    }
  });
});

describe('attributeTags rules (hand-made symbols)', () => {
  const tree = [sym('A', 'class', 2, 10, [sym('m', 'method', 4, 6), sym('n', 'method', 8, 9)]), sym('f', 'function', 12, 14)];

  it('binds @intent-file to the file and everything to the file without symbols', () => {
    assert.deepEqual(attributeTags([tagAt(1, 3, 'intent-file')], tree).map((a) => a.target), [{ kind: 'file' }]);
    assert.deepEqual(attributeTags([tagAt(1)], undefined).map((a) => a.target), [{ kind: 'file' }]);
  });

  it('binds to the following declaration, at any depth', () => {
    const [top, inner] = attributeTags([tagAt(1), tagAt(3)], tree);
    assert.equal(top.target.kind === 'symbol' && describeTarget(top.target.path), 'A');
    assert.equal(inner.target.kind === 'symbol' && describeTarget(inner.target.path), 'A > m');
  });

  it('binds to the enclosing symbol when a body closes before the next declaration', () => {
    const [inM, endOfA] = attributeTags([tagAt(5), tagAt(9, 20)], tree);
    assert.equal(inM.target.kind === 'symbol' && describeTarget(inM.target.path), 'A > m');
    assert.equal(endOfA.target.kind === 'symbol' && describeTarget(endOfA.target.path), 'A', 'after n closes, still inside A');
  });

  it('binds a tag after the last declaration to the file', () => {
    assert.deepEqual(attributeTags([tagAt(20)], tree)[0].target, { kind: 'file' });
  });

  it('treats a comment inside the range but before the name as leading (rust-analyzer style)', () => {
    const rustTree = [sym('impl S', 'impl', 0, 6, [sym('new', 'method', 3, 4)], 1)];
    const [t] = attributeTags([tagAt(0)], rustTree);
    assert.equal(t.target.kind === 'symbol' && describeTarget(t.target.path), 'impl S');
  });

  it('uses the text to reject a declaration that follows other code', () => {
    const text = ['', 'function f() {', '  // @intent kr:x', '  run();', '  function g() {}', '}'].join('\n');
    const symbols = [sym('f', 'function', 1, 5, [sym('g', 'function', 4, 4)])];
    const withText = attributeTags([tagAt(2, 5)], symbols, text)[0].target;
    const withoutText = attributeTags([tagAt(2, 5)], symbols)[0].target;
    assert.equal(withText.kind === 'symbol' && describeTarget(withText.path), 'f');
    assert.equal(withoutText.kind === 'symbol' && describeTarget(withoutText.path), 'f > g');
  });

  it('symbolChainAt returns the chain containing a line', () => {
    assert.deepEqual(symbolChainAt(tree, 5).map((s) => s.name), ['A', 'm']);
    assert.deepEqual(symbolChainAt(tree, 7).map((s) => s.name), ['A']);
    assert.deepEqual(symbolChainAt(tree, 11), []);
  });
});
