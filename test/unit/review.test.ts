// Review by intent: the diff parser, and whole reviews of REAL git repositories (branches, a base branch that
// moved on, renames, deletions, staged + unstaged + untracked work) through the core and through the CLI.
import { strict as assert } from 'node:assert';
import { parseUnifiedDiff, mapBaseLine, firstChangedLine, unquoteGitPath } from '../../src/core/review/diff';
import { fileLink, reviewMarkdown } from '../../src/core/review/format';
import type { IntentGroup, Review } from '../../src/core/review/review';
import { defaultBaseRef, locateRepo, resolveBase } from '../../src/node/git';
import { changedFiles } from '../../src/node/workTreeChanges';
import { reviewWorkingTree } from '../../src/node/workingTreeReview';
import { TreeSitterSymbolFinder } from '../../src/node/treeSitterSymbols';
import { TempRepo, runCli } from './reviewGit';

describe('review: parseUnifiedDiff', () => {
  it('reads modified, added, deleted, renamed and binary files with 0-based changed lines', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3 +3,2 @@ function a() {',
      '-  return 1;',
      '+  return 2;',
      '+  // more',
      '@@ -10,2 +11,0 @@',
      '-gone1',
      '-gone2',
      'diff --git a/src/new.ts b/src/new.ts',
      'new file mode 100644',
      'index 0000000..3333333',
      '--- /dev/null',
      '+++ b/src/new.ts',
      '@@ -0,0 +1,2 @@',
      '+line one',
      '+line two',
      '\\ No newline at end of file',
      'diff --git a/src/old.ts b/src/old.ts',
      'deleted file mode 100644',
      '--- a/src/old.ts',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
      '-a',
      '-b',
      '-c',
      'diff --git a/src/x.ts b/src/y.ts',
      'similarity index 100%',
      'rename from src/x.ts',
      'rename to src/y.ts',
      'diff --git a/img.png b/img.png',
      'new file mode 100644',
      'Binary files /dev/null and b/img.png differ',
      'diff --git "a/src/caf\\303\\251 \\"q\\".ts" "b/src/caf\\303\\251 \\"q\\".ts"',
      '--- "a/src/caf\\303\\251 \\"q\\".ts"',
      '+++ "b/src/caf\\303\\251 \\"q\\".ts"',
      '@@ -1 +1 @@',
      '--- a line starting with dashes',
      '+++ a line starting with pluses',
      '',
    ].join('\n');
    const files = parseUnifiedDiff(diff);
    assert.deepEqual(files.map((f) => [f.path, f.status, f.oldPath]), [
      ['src/a.ts', 'modified', undefined],
      ['src/new.ts', 'added', undefined],
      ['src/old.ts', 'deleted', undefined],
      ['src/y.ts', 'renamed', 'src/x.ts'],
      ['img.png', 'added', undefined],
      ['src/café "q".ts', 'modified', undefined],
    ]);
    const [a, added, deleted, renamed, binary, quoted] = files;
    assert.deepEqual(a.added, [{ start: 2, end: 3 }]);
    assert.deepEqual(a.removed, [{ start: 2, end: 2 }, { start: 9, end: 10 }]);
    assert.deepEqual(added.added, [{ start: 0, end: 1 }]);
    assert.deepEqual(deleted.removed, [{ start: 0, end: 2 }]);
    assert.deepEqual(renamed.added, []);
    assert.equal(binary.binary, true);
    assert.deepEqual(quoted.added, [{ start: 0, end: 0 }]);
    assert.deepEqual(quoted.removed, [{ start: 0, end: 0 }]);
    // Base line 9 (0-based) was removed by the second hunk, after head line 11 (1-based): it maps to the next one.
    assert.equal(mapBaseLine(a, 9), 11);
    // A base line after both hunks moves by +1 (one line added) −2 (two removed).
    assert.equal(mapBaseLine(a, 20), 19);
    assert.equal(firstChangedLine(a), 2);
  });

  it('unquotes git paths and leaves plain ones alone', () => {
    assert.equal(unquoteGitPath('"a\\tb\\\\c"'), 'a\tb\\c');
    assert.equal(unquoteGitPath('plain/path.ts'), 'plain/path.ts');
  });

  it('builds only safe link targets', () => {
    assert.equal(fileLink('src/a b(1).ts', 4), 'src/a%20b%281%29.ts#L5');
    assert.equal(fileLink('src/a.ts', 0, 'https://github.com/o/r/blob/abc/'), 'https://github.com/o/r/blob/abc/src/a.ts#L1');
    assert.equal(fileLink('src/a.ts', 0, 'javascript:alert(1)'), 'src/a.ts#L1');
  });
});

const MANIFEST = `version: 1
product: Review Test
objectives:
  - id: obj:grow
    title: Grow the product
    keyResults:
      - id: kr:a
        title: KR A linked by one tag only
        baseline: 0
        target: 10
        current: 5
      - id: kr:b
        title: KR B moved by a problem
      - id: kr:c
        title: KR C
problems:
  - id: problem:p
    title: Users struggle with P
    keyResults: [kr:b]
constraints:
  - id: constraint:secure
    title: "Secure <code> only & nothing else"
    kind: security
    appliesTo: ["src/secure/**"]
`;

function names(groups: readonly IntentGroup[]): unknown[] {
  return groups.map((g) => [g.id, ...g.units.map((u) => `${u.file}:${u.line + 1}${u.symbols.length ? ' ' + u.symbols.join('>') : ''}`), ...names(g.children)]);
}

/** main: base commit; feature branch: one commit plus staged, unstaged and untracked work; main moves on. */
function buildScenario(): TempRepo {
  const repo = new TempRepo();
  repo.write('intent.yaml', MANIFEST);
  repo.write('src/a.ts', 'export function unrelated() {\n  return 0;\n}\n\n// @intent kr:a\nexport function servesA() {\n  return 1;\n}\n');
  repo.write('src/b.ts', '// @intent problem:p\nexport function servesP(x: number) {\n  const y = x + 1;\n  return y;\n}\n');
  repo.write('src/c.ts', '// @intent kr:c\nexport function servesC() {\n  return 3;\n}\n');
  repo.write('src/secure/s.ts', 'export function secret() {\n  return "s";\n}\n');
  repo.write('src/old.ts', '// @intent kr:b\nexport function moved() {\n  return "old";\n}\n');
  repo.write('src/gone.ts', '// @intent kr:c\nexport function gone() {\n  return 1;\n}\n');
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'feature');
  // Committed on the branch: a rename with an edit, a deletion.
  repo.git('mv', 'src/old.ts', 'src/renamed.ts');
  repo.write('src/renamed.ts', '// @intent kr:b\nexport function moved() {\n  return "new";\n}\n');
  repo.remove('src/gone.ts');
  repo.commit('rename and delete');
  // The base branch moves on after the fork: its new file must not show up in the review.
  repo.git('checkout', '-q', 'main');
  repo.write('src/mainOnly.ts', 'export const onlyOnMain = 1;\n');
  repo.commit('main moves on');
  repo.git('checkout', '-q', 'feature');
  // Staged: an edit inside servesP.
  repo.write('src/b.ts', '// @intent problem:p\nexport function servesP(x: number) {\n  const y = x + 2;\n  return y;\n}\n');
  repo.git('add', 'src/b.ts');
  // Unstaged: the only tag on kr:a goes away; code under a constraint changes; kr:c is dropped in the manifest.
  repo.write('src/a.ts', 'export function unrelated() {\n  return 0;\n}\n\nexport function servesA() {\n  return 1;\n}\n');
  repo.write('src/secure/s.ts', 'export function secret() {\n  return "t";\n}\n');
  repo.write('intent.yaml', MANIFEST.replace('        title: KR C\n', '        title: KR C\n        status: dropped\n'));
  // Untracked: a new file with no intent, and one linking an ID that does not exist.
  repo.write('src/new.ts', 'export function fresh() {\n  return 42;\n}\n');
  repo.write('src/typo.ts', '// @intent kr:nope\nexport function typo() {}\n');
  return repo;
}

describe('review: real git repositories', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let review: Review;

  before(async () => {
    repo = buildScenario();
    const result = await reviewWorkingTree(repo.dir, { base: 'main', finder: new TreeSitterSymbolFinder() });
    review = result.review;
    assert.equal(result.base.sha, repo.git('rev-parse', 'main~1').trim(), 'the base is the merge-base, not main itself');
  });
  after(() => repo.dispose());

  it('defaults to main when there is no upstream, and resolves the merge-base', async () => {
    const { top } = await locateRepo(repo.dir);
    assert.equal(await defaultBaseRef(top), 'main');
    const base = await resolveBase(top);
    assert.equal(base.sha, repo.git('merge-base', 'HEAD', 'main').trim());
    assert.notEqual(base.sha, repo.git('rev-parse', 'main').trim());
  });

  it('lists committed, staged, unstaged and untracked changes, and nothing from the moved base branch', async () => {
    const repoLoc = await locateRepo(repo.dir);
    const base = await resolveBase(repoLoc.top, 'main');
    const changes = await changedFiles(repoLoc, base.sha);
    assert.deepEqual(changes.map((c) => [c.path, c.status, c.oldPath]), [
      ['intent.yaml', 'modified', undefined],
      ['src/a.ts', 'modified', undefined],
      ['src/b.ts', 'modified', undefined],
      ['src/gone.ts', 'deleted', undefined],
      ['src/new.ts', 'added', undefined],
      ['src/renamed.ts', 'renamed', 'src/old.ts'],
      ['src/secure/s.ts', 'modified', undefined],
      ['src/typo.ts', 'added', undefined],
    ]);
    assert.deepEqual(changes.find((c) => c.path === 'src/b.ts')!.added, [{ start: 2, end: 2 }]);
    assert.deepEqual(changes.find((c) => c.path === 'src/new.ts')!.added, [{ start: 0, end: 2 }]);
  });

  it('groups changed symbols objective → KR → problem, with deleted code under its old intent', () => {
    assert.deepEqual(names(review.groups), [
      ['obj:grow',
        ['kr:b', 'src/renamed.ts:3 moved', ['problem:p', 'src/b.ts:3 servesP']],
        ['kr:c', 'src/gone.ts:1 gone'],
      ],
    ]);
    const gone = review.files.find((f) => f.path === 'src/gone.ts')!;
    assert.equal(gone.units[0].side, 'base');
  });

  it('puts changes that serve nothing under No intent', () => {
    assert.deepEqual(review.noIntent.map((f) => f.path), ['src/a.ts', 'src/new.ts', 'src/secure/s.ts', 'src/typo.ts']);
  });

  it('names the constraints the change touches', () => {
    assert.deepEqual(review.constraints.map((c) => [c.id, c.units.map((u) => u.file)]), [['constraint:secure', ['src/secure/s.ts']]]);
  });

  it('reports links added, removed and broken (unknown at the head, or retired by the change)', () => {
    const show = (l: { id: string; file: string; line: number; reason?: string }) => `${l.id}@${l.file}:${l.line + 1}${l.reason ? ` ${l.reason}` : ''}`;
    assert.deepEqual(review.links.added.map(show), ['kr:nope@src/typo.ts:1']);
    assert.deepEqual(review.links.removed.map(show), ['kr:a@src/a.ts:5', 'kr:c@src/gone.ts:1']);
    assert.deepEqual(review.links.broken.map(show), ['kr:c@src/c.ts:1 retired', 'kr:nope@src/typo.ts:1 unknown']);
  });

  it('raises IL030, IL031 and IL032 at the right places', () => {
    const got = review.findings.map((f) => `${f.code} ${f.severity} ${f.file}:${f.range.start.line + 1}`);
    assert.deepEqual(got, [
      'IL030 warning src/a.ts:5',
      'IL032 warning src/a.ts:5',
      'IL030 warning src/new.ts:1',
      'IL030 warning src/secure/s.ts:2',
      'IL031 info src/secure/s.ts:2',
      'IL030 warning src/typo.ts:1',
    ]);
    const il031 = review.findings.find((f) => f.code === 'IL031')!;
    assert.match(il031.message, /constraint:secure/);
    const il032 = review.findings.find((f) => f.code === 'IL032')!;
    assert.match(il032.message, /kr:a/);
    assert.equal(il032.related?.[0].file, 'intent.yaml');
  });

  it('renders a Markdown PR comment with collapsible sections, file links and escaped manifest text', () => {
    const md = reviewMarkdown(review, { linkBase: 'https://github.com/o/r/blob/abc' });
    assert.match(md, /<details open>\n<summary><b>By intent<\/b>/);
    assert.match(md, /<summary><b>No intent<\/b> \(4 file\(s\)\)<\/summary>/);
    assert.match(md, /\[src\/b\.ts:3\]\(https:\/\/github\.com\/o\/r\/blob\/abc\/src\/b\.ts#L3\)/);
    assert.ok(md.includes('Secure &lt;code&gt; only &amp; nothing else'), md);
    assert.ok(!md.includes('<code>'));
  });

  it('runs as `intent-lens review` with text, JSON and Markdown; exit 0 unless --fail-on', async () => {
    const json = await runCli(['review', repo.dir, '--base', 'main', '--format', 'json'], repo.dir);
    assert.equal(json.code, 0, json.err);
    const doc = JSON.parse(json.out);
    assert.deepEqual(doc.noIntent, ['src/a.ts', 'src/new.ts', 'src/secure/s.ts', 'src/typo.ts']);
    assert.deepEqual(doc.findings.map((f: { code: string }) => f.code), ['IL030', 'IL032', 'IL030', 'IL030', 'IL031', 'IL030']);
    assert.equal(doc.groups[0].id, 'obj:grow');
    assert.equal(doc.base.sha, repo.git('merge-base', 'HEAD', 'main').trim());

    const text = await runCli(['review', '--base', 'main'], repo.dir);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /No intent:\n {2}src\/a\.ts:5/);

    const md = await runCli(['review', repo.dir, '--format', 'markdown'], repo.dir);
    assert.equal(md.code, 0, md.err);
    assert.match(md.out, /### Intent review against main/);

    const gate = await runCli(['review', repo.dir, '--base', 'main', '--fail-on', 'warning'], repo.dir);
    assert.equal(gate.code, 1);
    const bad = await runCli(['review', repo.dir, '--base', 'no-such-branch'], repo.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown base ref 'no-such-branch'/);
    const badLink = await runCli(['review', repo.dir, '--link-base', 'javascript:alert(1)'], repo.dir);
    assert.equal(badLink.code, 2);
  });

  it('reuses a cached base while the base and the changed files stay the same, and rebuilds when they change', async () => {
    const baseCache: { key?: string; side?: unknown } = {};
    const finder = new TreeSitterSymbolFinder();
    const first = await reviewWorkingTree(repo.dir, { base: 'main', finder, baseCache: baseCache as never });
    const side = baseCache.side;
    assert.ok(side);
    const again = await reviewWorkingTree(repo.dir, { base: 'main', finder, baseCache: baseCache as never });
    assert.equal(baseCache.side, side, 'same base and change set: the base index is reused');
    assert.deepEqual(again.review.findings, first.review.findings);
    assert.deepEqual(names(again.review.groups), names(first.review.groups));
    repo.write('src/c.ts', '// @intent kr:c\nexport function servesC() {\n  return 4;\n}\n');
    try {
      const changed = await reviewWorkingTree(repo.dir, { base: 'main', finder, baseCache: baseCache as never });
      assert.notEqual(baseCache.side, side, 'a new changed file: the base is indexed again');
      assert.ok(changed.review.files.some((f) => f.path === 'src/c.ts'));
    } finally {
      repo.git('checkout', '--', 'src/c.ts');
    }
  });

  it('reviews a sub-folder of the repository with paths relative to it', async () => {
    const sub = new TempRepo();
    try {
      sub.write('pkg/intent.yaml', MANIFEST);
      sub.write('pkg/src/b.ts', '// @intent problem:p\nexport function servesP() {\n  return 1;\n}\n');
      sub.write('other/x.ts', 'export const x = 1;\n');
      sub.commit('base');
      sub.write('pkg/src/b.ts', '// @intent problem:p\nexport function servesP() {\n  return 2;\n}\n');
      sub.write('other/x.ts', 'export const x = 2;\n');
      const { review: r } = await reviewWorkingTree(`${sub.dir}/pkg`, { base: 'HEAD', finder: new TreeSitterSymbolFinder() });
      assert.deepEqual(r.files.map((f) => f.path), ['src/b.ts']);
      assert.deepEqual(names(r.groups), [['obj:grow', ['kr:b', ['problem:p', 'src/b.ts:3 servesP']]]]);
      assert.deepEqual(r.findings, []);
    } finally {
      sub.dispose();
    }
  });

  it('says clearly when the folder is not in a repository', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'intent-no-git-'));
    try {
      const run = await runCli(['review', dir, '--base', 'main'], dir);
      assert.equal(run.code, 2);
      assert.match(run.err, /not inside a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
