// .gitignore semantics checked against git itself: the same tree listed by our walker and by git ls-files.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { IgnoreFile, parseIgnoreLine } from '../../src/core/ignore/gitignore';
import { compileWildmatch, wildmatch } from '../../src/core/ignore/wildmatch';
import { walkFiles, newWalkStats } from '../../src/node/walker';

const gitEnv = { ...process.env, HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitListing(root: string): string[] {
  // -z: no quoting of unusual names.
  return git(root, ['ls-files', '-z', '--others', '--cached', '--exclude-standard']).split('\0').filter(Boolean).sort();
}

async function ourListing(root: string, exclude?: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of walkFiles(root, { exclude })) out.push(...batch);
  return out.sort();
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

function tempRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'il-ignore-'));
  git(root, ['init', '-q']);
  return root;
}

describe('gitignore: pattern parsing', () => {
  it('handles comments, escapes, negation, trailing spaces and directory patterns', () => {
    assert.equal(parseIgnoreLine('# comment'), undefined);
    assert.equal(parseIgnoreLine(''), undefined);
    assert.equal(parseIgnoreLine('   '), undefined);
    const hash = parseIgnoreLine('\\#file')!;
    assert.ok(wildmatch(hash.glob!, '#file'));
    const bang = parseIgnoreLine('\\!important')!;
    assert.equal(bang.negated, false);
    assert.ok(wildmatch(bang.glob!, '!important'));
    const neg = parseIgnoreLine('!keep.log')!;
    assert.equal(neg.negated, true);
    assert.equal(parseIgnoreLine('trail   ')!.literal, 'trail');
    const escapedSpace = parseIgnoreLine('sp\\ ')!;
    assert.ok(wildmatch(escapedSpace.glob!, 'sp '));
    const dir = parseIgnoreLine('build/')!;
    assert.deepEqual([dir.dirOnly, dir.basenameOnly, dir.literal], [true, true, 'build']);
    const anchored = parseIgnoreLine('/build')!;
    assert.deepEqual([anchored.dirOnly, anchored.basenameOnly, anchored.literal], [false, false, 'build']);
    assert.equal(parseIgnoreLine('a/b/')!.basenameOnly, false);
    assert.equal(parseIgnoreLine('x\r')!.literal, 'x');
  });

  it('matches ** and classes like wildmatch', () => {
    const re = (g: string) => ({ test: (path: string) => wildmatch(compileWildmatch(g)!, path) });
    assert.ok(re('**/foo').test('foo'));
    assert.ok(re('**/foo').test('a/b/foo'));
    assert.ok(re('a/**/b').test('a/b'));
    assert.ok(re('a/**/b').test('a/x/y/b'));
    assert.ok(re('a/**').test('a/x/y'));
    assert.ok(!re('a/**').test('a'));
    assert.ok(!re('a*b').test('a/b'));
    assert.ok(re('a**b').test('axxb'));
    assert.ok(!re('a**b').test('a/b'));
    assert.ok(re('[a-c]x').test('bx'));
    assert.ok(!re('[!a-c]x').test('bx'));
    assert.ok(!re('[!a-c]x').test('/x'));
    assert.ok(re('[[:digit:]]z').test('7z'));
    assert.ok(re('[]]').test(']'));
    assert.equal(compileWildmatch('[abc'), undefined);
    assert.equal(compileWildmatch('abc\\'), undefined);
  });

  it('lets the last matching rule win and keeps directory-only rules off files', () => {
    const f = new IgnoreFile('', '*.log\n!keep.log\nbuild/\n');
    assert.equal(f.match('a.log', 'a.log', false), 'ignored');
    assert.equal(f.match('x/keep.log', 'keep.log', false), 'included');
    assert.equal(f.match('build', 'build', true), 'ignored');
    assert.equal(f.match('build', 'build', false), undefined);
    assert.equal(f.match('src.ts', 'src.ts', false), undefined);
  });
});

describe('gitignore: walker agrees with git', function () {
  this.timeout(60000);
  const roots: string[] = [];
  after(() => {
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  it('lists exactly what git ls-files --others --cached --exclude-standard lists', async () => {
    const root = tempRepo();
    roots.push(root);
    writeTree(root, {
      '.gitignore': [
        '# top-level rules',
        'node_modules',
        '/build',
        'dist/',
        '*.log',
        '!important.log',
        '**/gen/**',
        'docs/**/*.tmp',
        '\\#literal-hash',
        '\\!literal-bang',
        'trailing.txt   ',
        'escaped\\ ',
        'cache[0-9]',
        '[!a-m]only.txt',
        'deep/**/target',
        'sub/anch.txt',
        'a?c.md',
      ].join('\n'),
      'src/a.ts': 'x', 'src/b.log': 'x', 'src/important.log': 'x',
      'src/build/keep.ts': 'x', // /build is anchored: src/build stays
      'build/out.js': 'x',
      'dist': 'a file named dist is not a directory', // dist/ is directory-only
      'pkg/dist/x.js': 'x',
      'pkg/node_modules/m/index.js': 'x',
      'node_modules/m/index.js': 'x',
      'gen/a.ts': 'x', 'x/gen/b.ts': 'x',
      'docs/a.tmp': 'x', 'docs/x/y/b.tmp': 'x', 'docs/keep.md': 'x',
      '#literal-hash': 'x', '!literal-bang': 'x', 'trailing.txt': 'x', 'escaped ': 'x', 'escaped': 'x',
      'cache1': 'x', 'cacheX': 'x', 'zonly.txt': 'x', 'bonly.txt': 'x',
      'deep/target': 'x', 'deep/a/b/target/t.rs': 'x', 'deep/a/keep.rs': 'x',
      'sub/anch.txt': 'x', 'other/sub/anch.txt': 'x',
      'abc.md': 'x', 'ac.md': 'x', 'a/c.md': 'x',
      // Nested rules: a deeper .gitignore overrides its parents, negations, directory patterns.
      'lib/.gitignore': '!*.log\n/local.txt\ntmp/\n!tmp/\n*.bak\n',
      'lib/x.log': 'x', 'lib/local.txt': 'x', 'lib/y/local.txt': 'x', 'lib/tmp/t.ts': 'x',
      'lib/z.bak': 'x',
      'lib/deeper/.gitignore': '*.ts\n!keep.ts\n',
      'lib/deeper/a.ts': 'x', 'lib/deeper/keep.ts': 'x', 'lib/deeper/b.js': 'x',
      // Re-including inside an excluded directory is impossible, as in git.
      'ex/.gitignore': 'inner/\n!inner/again.txt\n',
      'ex/inner/again.txt': 'x', 'ex/outer.txt': 'x',
      // Excluding children but re-including a folder.
      'pat/.gitignore': '*\n!*/\n!*.keep\n',
      'pat/a.txt': 'x', 'pat/b.keep': 'x', 'pat/s/c.keep': 'x', 'pat/s/d.txt': 'x',
      'info/excluded.txt': 'x', 'info/kept.txt': 'x',
      '.hidden/file.ts': 'x', '.env': 'x',
    });
    fs.writeFileSync(path.join(root, '.git/info/exclude'), 'info/excluded.txt\n');
    fs.symlinkSync('src/a.ts', path.join(root, 'link-to-file.ts'));
    fs.symlinkSync('src', path.join(root, 'link-to-dir'));
    fs.symlinkSync('missing', path.join(root, 'broken-link'));
    const expected = gitListing(root).filter((p) => p !== 'link-to-dir' && p !== 'broken-link');
    const actual = await ourListing(root);
    assert.deepEqual(actual, expected);
    // Sanity: the fixture really exercises ignoring.
    assert.ok(actual.includes('src/build/keep.ts') && !actual.includes('build/out.js'));
    assert.ok(actual.includes('link-to-file.ts'));
  });

  it('applies caller excludes above every ignore file and never enters .git', async () => {
    const root = tempRepo();
    roots.push(root);
    writeTree(root, { 'a/x.ts': 'x', 'a/y.js': 'x', 'b/z.ts': 'x', '.gitignore': '!*.js\n' });
    const actual = await ourListing(root, ['*.js', 'b/']);
    assert.deepEqual(actual, ['.gitignore', 'a/x.ts']);
  });

  it('skips unreadable folders without throwing', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything
    const root = tempRepo();
    roots.push(root);
    writeTree(root, { 'ok/a.ts': 'x', 'locked/b.ts': 'x' });
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const stats = newWalkStats();
      const out: string[] = [];
      for await (const b of walkFiles(root, {}, stats)) out.push(...b);
      assert.deepEqual(out, ['ok/a.ts']);
      assert.equal(stats.unreadableDirs, 1);
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('agrees with git on random ignore files (property)', async () => {
    const names = ['a', 'b', 'ab', 'a.log', 'b.ts', 'c d', '#x', '!y', 'x[1]'];
    const files = ['a', 'b/a', 'b/ab', 'a.log', 'b/b.ts', 'c d/a.log', 'd/e/b.ts', 'd/e/ab/a', 'x[1]', 'x1', '#x', '!y', 'd/b/c d'];
    const segment = fc.constantFrom(...names, '*', '**', '*.log', '?', '[ab]', '[!a]*', '\\#x', '\\!y', 'x\\[1]', 'x[1]');
    const pattern = fc.tuple(
      fc.boolean(), fc.boolean(), fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 3 }),
    ).map(([neg, lead, trail, segs]) => `${neg ? '!' : ''}${lead ? '/' : ''}${segs.join('/')}${trail ? '/' : ''}`);
    const root = tempRepo();
    roots.push(root);
    writeTree(root, Object.fromEntries(files.map((f) => [f, 'x'])));
    await fc.assert(
      fc.asyncProperty(fc.array(pattern, { maxLength: 6 }), fc.array(pattern, { maxLength: 3 }), async (top, nested) => {
        fs.writeFileSync(path.join(root, '.gitignore'), top.join('\n') + '\n');
        fs.writeFileSync(path.join(root, 'd/.gitignore'), nested.join('\n') + '\n');
        assert.deepEqual(await ourListing(root), gitListing(root), `top=${JSON.stringify(top)} nested=${JSON.stringify(nested)}`);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
