// Windows leave out the contents of top-level bodies that no requested line is in (a tag above a statement
// binds to it, never to what its body holds). Binding, and the bound symbol's ranges, must equal a whole parse.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { attributeTags } from '../../src/core/tags/attribution';
import { scanTags } from '../../src/core/tags/tagScanner';
import { windowsFor } from '../../src/core/symbols/windows';
import type { SymbolNode } from '../../src/core/types';
import { TreeSitterSymbolFinder } from '../../src/node/treeSitterSymbols';

const body = (n: number, pad = '  ') => Array.from({ length: n }, (_, i) => `${pad}const v${i} = compute(input, { limit: ${i} }) + [${i}].length;`).join('\n');

/** Statements of each kind the fast path meets, each with a tag above; one tag inside a method; then untagged filler (windows cover at most 60 %). */
const TEXT = `import { a, b } from './x';

// @intent kr:long
export function long(input: string): number {
${body(40)}
  function helper() { return 1; }
  return v0;
}
// @intent kr:klass
export class Klass {
  first(): void {
${body(5, '    ')}
  }
  second(): void {
    // @intent kr:inside
    const x = 1;
  }
}

// @intent kr:arrow
export const arrow = async (input: string): Promise<number> => {
${body(12)}
  const inner = () => 2;
  return v0;
};
// @intent kr:decorated
@Component({
  selector: 'x',
})
export class Decorated {
  @Input() value = 1;
  method() {
${body(6, '    ')}
  }
}
// @intent kr:interface
export interface Shape {
  a: number;
  b(): void;
}
// @intent kr:object
export const api = {
  get() { return 1; },
  set: (v: number) => v,
};
// @intent kr:oneline
export default { m() { return 1; }, n: 2 };
export function after(input: string): number {
${body(3)}
  return v0;
}
// @intent kr:last
export enum Color {
  Red,
  Green,
}
${Array.from({ length: 12 }, (_, i) => `export function filler${i}(input: string): number {\n${body(20)}\n  return v0;\n}\n`).join('')}`;

/** Each symbol on the bound chain as name, kind and both ranges (what reports and `explain` read). */
const describeTarget = (p: readonly SymbolNode[]) => p.map(({ name, kind, range, selectionRange }) => ({ name, kind, range, selectionRange }));

describe('symbol windows: elided bodies', function () {
  this.timeout(60000);
  const whole = new TreeSitterSymbolFinder();
  const windowed = new TreeSitterSymbolFinder({ windowMinLength: 0 });
  const full = new TreeSitterSymbolFinder({ windowMinLength: 0, elideBodies: false });
  after(() => {
    whole.dispose();
    windowed.dispose();
    full.dispose();
  });

  const bind = async (finder: TreeSitterSymbolFinder, text: string, lines?: readonly number[]) => {
    const tags = scanTags(text, 'a.ts').tags;
    const symbols = await finder.symbols(text, 'a.ts', lines ? { lines } : undefined);
    return attributeTags(tags, symbols, text).map((a) => (a.target.kind === 'file' ? 'file' : describeTarget(a.target.path)));
  };

  it('elides the bodies no tag is in, and keeps the one a tag is in', () => {
    const lines = scanTags(TEXT, 'a.ts').tags.map((t) => t.range.start.line);
    const windows = windowsFor(TEXT, 'a.ts', lines, TEXT.split('\n').length, { tight: true, elideBodies: true });
    assert.ok(windows);
    const elided: string[] = [];
    for (const w of windows) {
      for (let i = 0; i < (w.elide?.length ?? 0); i += 2) {
        const open = w.elide![i];
        elided.push(/(?:class|function|const|interface|enum) (\w+)/.exec(TEXT.slice(TEXT.lastIndexOf('\n', open) + 1, open))?.[1] ?? '?');
      }
    }
    // Klass holds the tag in `second`; `Component({…})` is an argument list's object, not a statement's body.
    assert.deepEqual(elided.sort(), ['Color', 'Decorated', 'Shape', 'api', 'arrow', 'long'].sort());
  });

  it('binds tags above long functions, classes, arrow functions, decorated classes as a whole parse', async () => {
    const expected = await bind(whole, TEXT);
    const lines = scanTags(TEXT, 'a.ts').tags.map((t) => t.range.start.line);
    assert.deepEqual(await bind(windowed, TEXT, lines), expected);
    assert.deepEqual(await bind(full, TEXT, lines), expected);
    // The fast path did run: `long` lost its nested `helper` but kept its exact range.
    const symbols = (await windowed.symbols(TEXT, 'a.ts', { lines }))!;
    const wholeSymbols = (await whole.symbols(TEXT, 'a.ts'))!;
    const long = symbols.find((s) => s.name === 'long')!;
    const wholeLong = wholeSymbols.find((s) => s.name === 'long')!;
    assert.deepEqual(long.children, []);
    assert.equal(wholeLong.children.length, 1);
    assert.deepEqual(long.range, wholeLong.range);
    // The one-line object is not a symbol: its method is what the tag binds to (no elision there).
    assert.equal(symbols.find((s) => s.name === 'm')?.kind, 'method');
  });

  it('keeps a body whole when a requested line (explain) is inside it', async () => {
    const inLong = TEXT.split('\n').findIndex((l) => l.includes('const v20'));
    const lines = [...scanTags(TEXT, 'a.ts').tags.map((t) => t.range.start.line), inLong];
    const symbols = (await windowed.symbols(TEXT, 'a.ts', { lines }))!;
    assert.deepEqual(symbols.find((s) => s.name === 'long')!.children.map((c) => c.name), ['helper']);
  });

  it('binds tags inserted at random lines as a whole parse, with the same ranges', async () => {
    const base = TEXT.replace(/@intent/g, '@x').split('\n');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.boolean(), async (at, indent) => {
        const lines = [...base];
        for (const a of at) {
          const k = a % (lines.length + 1);
          const pad = indent && k < lines.length ? /^\s*/.exec(lines[k])![0] : '';
          lines.splice(k, 0, `${pad}// @intent kr:inserted`);
        }
        const text = lines.join('\n');
        const tagLines = scanTags(text, 'a.ts').tags.map((t) => t.range.start.line);
        const w = await bind(whole, text);
        assert.deepEqual(await bind(full, text, tagLines), w, `full at ${at.join(',')} ${tagLines.join(',')}`);
        assert.deepEqual(await bind(windowed, text, tagLines), w, `at ${at.join(',')} ${tagLines.join(',')}`);
      }),
      { numRuns: 200 },
    );
  });
});
