// The pruned cursor walk (skips subtrees whose text holds no declaration token) must find exactly the symbols of
// the full walk (descendantsOfType over every node): whole files and windows, fixtures and random edits of them,
// and so every tag binds the same way.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { attributeTags } from '../../src/core/tags/attribution';
import { scanTags } from '../../src/core/tags/tagScanner';
import type { SymbolNode } from '../../src/core/types';
import { TreeSitterSymbolFinder, grammarForPath } from '../../src/node/treeSitterSymbols';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'symbols');

/** Declarations in the places the pruning reasons about: nested in bodies, in expressions, types and objects. */
const NESTED_TS = `import { a, b } from './x';
export const LIMIT = 10, other = { get() { return 1; }, set: (v: number) => v, plain: 3 };
let counter = 0;
const banner = 'ééééééééé😀😀😀😀😀 ünïcödé ∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑∑';
export const PLAIN = 1;
export let plainLet = 'x', second = 2;
export default function () {}
// @intent kr:one
export function outer(input: string): number {
  const local = compute(input, options.limit) + offset;
  const typed: { limit: number; run(): void } = make();
  const arrow = (x: number) => x * 2;
  const fn = function named() { return 1; };
  const Klass = class { field = 1; method() {} };
  const obj = { method() { return 1; }, prop: () => 2, deep: { inner() {} } };
  type Local = { a: string };
  type Alias = number;
  if (local) type InIf = number;
  const wide = '😀😀😀😀😀😀😀😀 ééééé'; if (wide) type AfterWide = number;
  interface LocalShape { b: number; c(): void }
  enum Colors { Red, Green }
  function inner() {
    // @intent kr:two
    const deeper = async () => { class InDeep { m() {} } };
  }
  register(() => { function inCallback() {} });
  const s = \`text \${(() => { function inTemplate() {} })()} more\`;
  for (let i = 0; i < 3; i++) { const loopFn = () => i; }
  if (local) { const typeName = 'type'; const className = 'class'; }
  return local;
  // @intent kr:three
}
namespace Space { export const inSpace = 1; function f() {} }
declare module 'mod' { export function declared(): void; }
export abstract class Base<T> {
  @decorated() prop: T;
  private readonly other = () => 1;
  constructor(private x: number) { super(); }
  abstract run(): void;
  method(a: string): void;
  method(a: number): void;
  method(a: unknown): void { const inMethod = () => a; }
}
export function overloaded(a: string): void;
export function overloaded(a: unknown): void {}
var legacy = 1, alsoLegacy = function () {};
export { a as renamed };
`;

const NESTED_TSX = `export function View(props: { title: string }) {
  const onClick = () => { const handler = function () {}; };
  return <div onClick={() => { function inJsx() {} }}>{props.title}{items.map((i) => <Item key={i} render={() => null} />)}</div>;
}
export const Other = () => <span>{'text'}</span>;
`;

function files(): { rel: string; text: string }[] {
  const out = [
    { rel: 'nested.ts', text: NESTED_TS },
    { rel: 'nested.tsx', text: NESTED_TSX },
    { rel: 'nested.js', text: NESTED_TS.replace(/: \{ limit: number; run\(\): void \}|: number|: string|<T>|: T|: void|: unknown|private |readonly |abstract /g, '') },
  ];
  for (const dir of fs.readdirSync(FIXTURES).sort()) {
    const full = path.join(FIXTURES, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full).sort()) if (grammarForPath(f)) out.push({ rel: path.join(dir, f), text: fs.readFileSync(path.join(full, f), 'utf8') });
  }
  return out;
}

describe('symbols: pruned extraction equals the full walk', function () {
  this.timeout(120000);
  const full = new TreeSitterSymbolFinder({ pruneExtraction: false });
  const pruned = new TreeSitterSymbolFinder();
  const fullWindows = new TreeSitterSymbolFinder({ pruneExtraction: false, windowMinLength: 0 });
  const prunedWindows = new TreeSitterSymbolFinder({ windowMinLength: 0 });
  after(() => {
    for (const f of [full, pruned, fullWindows, prunedWindows]) f.dispose();
  });

  const bind = (text: string, rel: string, symbols: SymbolNode[] | undefined) =>
    attributeTags(scanTags(text, rel).tags, symbols, text).map((a) => (a.target.kind === 'file' ? 'file' : a.target.path.map((s) => s.name).join(' > ')));

  const compare = async (text: string, rel: string, context: string) => {
    const expected = await full.symbols(text, rel);
    const actual = await pruned.symbols(text, rel);
    assert.deepEqual(actual, expected, `whole file: ${context}`);
    const lines = scanTags(text, rel).tags.map((t) => t.range.start.line);
    if (lines.length === 0) return;
    const expectedWindows = await fullWindows.symbols(text, rel, { lines });
    assert.deepEqual(await prunedWindows.symbols(text, rel, { lines }), expectedWindows, `windows: ${context}`);
    assert.deepEqual(bind(text, rel, actual), bind(text, rel, expected), `bindings: ${context}`);
  };

  it('finds the same symbols in every fixture and in nested declarations', async () => {
    for (const f of files()) await compare(f.text, f.rel, f.rel);
    const symbols = await pruned.symbols(NESTED_TS, 'nested.ts');
    const names = (list: readonly SymbolNode[]): string[] => list.flatMap((s) => [s.name, ...names(s.children)]);
    // The walk must reach declarations deep inside bodies, callbacks, templates and types.
    for (const n of ['inner', 'deeper', 'InDeep', 'inCallback', 'inTemplate', 'loopFn', 'limit', 'inMethod', 'Local', 'Alias', 'InIf', 'AfterWide', 'LocalShape', 'Colors', 'PLAIN', 'plainLet', 'second']) {
      assert.ok(names(symbols ?? []).includes(n), `missing ${n}`);
    }
  });

  it('finds the same symbols after random edits (tags inserted, lines dropped, duplicated or broken)', async () => {
    const all = files();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('tag', 'drop', 'dup', 'break', 'brace')), { minLength: 1, maxLength: 4 }),
        async (file, edits) => {
          const comment = file.rel.endsWith('.py') ? '#' : '//';
          const lines = file.text.split('\n');
          for (const [at, op] of edits) {
            const k = at % (lines.length + 1);
            if (op === 'tag') lines.splice(k, 0, `${comment} @intent kr:inserted`);
            else if (op === 'drop' && k < lines.length) lines.splice(k, 1);
            else if (op === 'dup' && k < lines.length) lines.splice(k, 0, lines[k]);
            else if (op === 'break' && k < lines.length) lines[k] = lines[k].slice(0, Math.floor(lines[k].length / 2));
            else if (op === 'brace') lines.splice(k, 0, at % 2 ? '{' : '}');
          }
          const text = lines.join('\n');
          await compare(text, file.rel, `${file.rel} ${JSON.stringify(edits)}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds the same symbols in a large generated file (windowed and whole)', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 300; i++) {
      parts.push(i % 7 === 0 ? `// @intent kr:g${i}` : '');
      parts.push(`export function f${i}(input: string): number {`);
      for (let k = 0; k < 10; k++) parts.push(k === i % 10 ? `  const nested${i} = () => ({ m${i}() {} });` : '  const value = compute(input, options.limit) + offset;');
      if (i % 5 === 0) parts.push(`  // @intent kr:in${i}`);
      parts.push('}');
    }
    const text = parts.join('\n');
    await compare(text, 'big.ts', 'big.ts');
    const lines = scanTags(text, 'big.ts').tags.map((t) => t.range.start.line);
    const defaults = new TreeSitterSymbolFinder({ pruneExtraction: false });
    try {
      assert.deepEqual(await pruned.symbols(text, 'big.ts', { lines }), await defaults.symbols(text, 'big.ts', { lines }));
    } finally {
      defaults.dispose();
    }
  });
});
