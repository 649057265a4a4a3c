// Manifest globs without minimatch's RegExps: the same answers as minimatch on ordinary globs (differential),
// braces counted before they are expanded, and many sets matched through one index.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Minimatch } from 'minimatch';
import { braceCount, expandBraces, MAX_GLOB_ALTERNATIVES } from '../../src/core/analysis/braces';
import { compileGlobs, GlobIndex, MAX_GLOB_LENGTH } from '../../src/core/analysis/globs';
import { LIMITS } from '../../src/core/manifest/manifestSchema';

const MM = { dot: true, nocomment: true, nonegate: true } as const;

describe('manifest globs: same answers as minimatch', () => {
  const files = ['a', 'a.ts', 'src/a.ts', 'src/b.tsx', 'src/x/y/c.ts', 'src/.hidden/d.ts', '.env', 'lib/a.test.ts',
    'src', 'docs/readme.md', 'a b/c.ts', 'x[1].ts', 'src/x/a.ts', 'src/xy/a.ts'];

  it('agrees on random globs built from segments, classes, stars and braces (property)', () => {
    const segment = fc.constantFrom('src', 'a.ts', '*', '**', '*.ts', '?.ts', '[ab]*', '[!a]*', 'x', '*.{ts,tsx}', '{src,lib}',
      '.hidden', '*.test.ts', 'x[1].ts', 'x\\[1].ts', 'y', 'a b', 'a*', '[[:alpha:]].ts', '{x,xy}', 'docs', 'readme.md');
    const glob = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(glob, (g) => {
        const ours = compileGlobs([g], '');
        const mm = new Minimatch(g, MM);
        for (const f of files) assert.equal(ours.match(f) !== undefined, mm.match(f), `${g} on ${f}`);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('expands braces like minimatch, with ranges, padding, steps and nesting', () => {
    for (const g of ['{a,b}', 'x{a,b{c,d}}y', '{1..3}', '{01..03}', '{1..7..3}', '{c..a}', '{a}', '{a,}', 'a{b', '{a,b}{c,d}', '{-1..1}']) {
      assert.deepEqual(expandBraces(g)!.sort(), new Minimatch(g, MM).braceExpand().sort(), g);
    }
    // An escaped brace stays escaped in the alternative and matches literally, as in minimatch.
    assert.equal(compileGlobs(['\\{a,b}'], '').match('{a,b}'), '\\{a,b}');
    assert.equal(new Minimatch('\\{a,b}', MM).match('{a,b}'), true);
  });
});

describe('manifest globs: bounded cost on hostile input', () => {
  it('counts {a,b}x16 and {1..100000} without expanding them and refuses them', function () {
    this.timeout(20000); // a hang guard, not a performance target
    const wide = '{a,b}'.repeat(16);
    assert.equal(braceCount(wide), MAX_GLOB_ALTERNATIVES + 1);
    assert.equal(expandBraces(wide), undefined);
    assert.equal(expandBraces('x/{1..100000}'), undefined);
    assert.equal(expandBraces('{a,b}'.repeat(8))!.length, 256);
    // A refused glob matches nothing and is reported as unmatched (its finding comes from the schema).
    const set = compileGlobs([`src/${wide}`, 'src/**'], '');
    assert.equal(set.match('src/aaaaaaaaaaaaaaaa'), 'src/**');
    assert.deepEqual(new GlobIndex([set]).unmatchedIndices(['src/aaaaaaaaaaaaaaaa']), [[0]]);
  });

  it('matches *?*?… and extglob-looking globs in linear time', function () {
    this.timeout(20000);
    const name = 'a'.repeat(44);
    const set = compileGlobs(['*?*?*?*?*?*?*?*?*?*?z', '**/*a*a*a*a*a*a*a*a*a*ab', '+(a|aa)+(a|aa)+(a|aa)b'], '');
    for (let i = 0; i < 1000; i++) assert.equal(set.match(`${name}/${name}`), undefined);
  });

  it('shares the schema length limit: a 900-character glob still matches', () => {
    assert.equal(MAX_GLOB_LENGTH, LIMITS.globLength);
    const long = `src/${'d'.repeat(900)}/*.ts`;
    assert.equal(compileGlobs([long], '').match(`src/${'d'.repeat(900)}/a.ts`), long);
  });
});

describe('manifest globs: one index for many sets', () => {
  it('gives the same matches and unmatched globs as the sets one by one', () => {
    const sets = [
      compileGlobs(['src/**', '!src/**/*.test.ts'], ''),
      compileGlobs(['**/*.md', 'docs/**'], ''),
      compileGlobs(['*.ts', 'a/**'], 'pkg'),
      compileGlobs(['feature1/**', 'feature2/*.ts', '{lib,src}/x/*'], ''),
      compileGlobs(['**'], 'pkg/a'),
    ];
    const files = ['src/a.ts', 'src/a.test.ts', 'docs/x.md', 'README.md', 'pkg/b.ts', 'pkg/a/c.js', 'pkg/a/d/e.ts', 'src/x/y', 'lib/x/z', 'feature2/q.ts', 'pkg'];
    const index = new GlobIndex(sets);
    for (const f of files) {
      const expected = sets.flatMap((s, i) => (s.match(f) === undefined ? [] : [{ set: i, pattern: s.match(f)! }]));
      assert.deepEqual(index.matching(f), expected, f);
    }
    // Reference: each positive glob alone, against every file.
    const alone = sets.map((s) => s.patterns.flatMap((p, i) => (!p.startsWith('!') && !files.some((f) => compileGlobs([p], s.base).match(f)) ? [i] : [])));
    assert.deepEqual(index.unmatchedIndices(files), alone);
    assert.deepEqual(index.unmatchedIndices(files)[3], [0]);
  });

  it('matches 3,000 non-matching scopes on 30,000 files without trying every pair', function () {
    this.timeout(60000); // hang guard; the timing target is in the benchmark
    const sets = Array.from({ length: 3000 }, (_, i) => compileGlobs([`features/f${i}/**/*.ts`, `**/gen${i}/*.ts`], ''));
    const files = Array.from({ length: 30000 }, (_, i) => `src/m${i % 300}/file${i}.ts`);
    const unmatched = new GlobIndex(sets).unmatchedIndices(files);
    assert.equal(unmatched.filter((u) => u.length === 2).length, 3000);
  });
});
