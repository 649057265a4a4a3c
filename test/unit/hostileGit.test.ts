// A repository whose .git/config, .gitattributes, hooks and environment point every program git could start at
// a script that leaves a marker file: review, report --since and the editor's plain-git path must never run it,
// and still see the change right. A control run with plain git proves the trap is live.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHost } from '../../src/node/nodeHost';
import { reviewWorkingTree } from '../../src/node/workingTreeReview';
import { runCli, TempRepo } from './reviewGit';

const MANIFEST = `version: 1
objectives:
  - id: obj:o
    title: O
    keyResults:
      - id: kr:a
        title: A
`;

describe('hostile repository: nothing it configures runs', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let trap: string;
  let marker: string;
  const savedEnv = { ...process.env };

  before(() => {
    trap = mkdtempSync(join(tmpdir(), 'intent-trap-'));
    marker = join(trap, 'ran');
    const script = join(trap, 'evil.sh');
    // Passes stdin through (so a filter or pager "works") and records that it ran.
    writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat\n`);
    chmodSync(script, 0o755);
    const hooks = join(trap, 'hooks');
    mkdirSync(hooks);
    for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'pre-auto-gc', 'post-rewrite']) {
      writeFileSync(join(hooks, hook), `#!/bin/sh\necho hook >> '${marker}'\n`);
      chmodSync(join(hooks, hook), 0o755);
    }

    repo = new TempRepo('intent-hostile-');
    repo.write('intent.yaml', MANIFEST);
    repo.write('src/a.ts', '// @intent kr:a\nexport function a() {\n  return 1;\n}\n');
    repo.write('.gitattributes', '* filter=evil diff=evil\n');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/b.ts', 'export const b = 1;\n');
    repo.commit('feature work');
    // A signed-looking commit: `log.showSignature` makes git hand it to gpg.program.
    const raw = repo.git('cat-file', 'commit', 'HEAD');
    const signed = raw.replace(/^(committer .*)$/m, '$1\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----');
    const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: signed, encoding: 'utf8' }).trim();
    repo.git('update-ref', 'refs/heads/feature', sha);
    repo.git('reset', '-q', '--hard', sha);

    const set = (key: string, value: string) => repo.git('config', key, value);
    set('core.fsmonitor', script);
    set('core.hooksPath', hooks);
    set('core.pager', script);
    set('pager.log', script);
    set('pager.diff', script);
    set('core.sshCommand', script);
    set('core.askPass', script);
    set('credential.helper', `!${script}`);
    set('diff.external', script);
    set('diff.evil.textconv', script);
    set('diff.evil.command', script);
    set('filter.evil.clean', script);
    set('filter.evil.smudge', script);
    set('filter.evil.process', script);
    set('filter.evil.required', 'true');
    set('gpg.program', script);
    set('gpg.ssh.program', script);
    set('log.showSignature', 'true');
    set('protocol.ext.allow', 'always');
    set('remote.origin.url', `ext::${script} %S`);

    // Work in progress: an unstaged edit and an untracked file (git would run the clean filter on both).
    repo.write('src/a.ts', '// @intent kr:a\nexport function a() {\n  return 2;\n}\n');
    repo.write('src/c.ts', 'export const c = 3;\n');
  });

  after(() => {
    process.env = savedEnv;
    repo.dispose();
    rmSync(trap, { recursive: true, force: true });
  });

  it('the trap is live: plain git runs the repository\'s programs', () => {
    spawnSync('git', ['status', '--porcelain'], { cwd: repo.dir, stdio: 'pipe' });
    assert.ok(existsSync(marker), 'git status ran fsmonitor or the clean filter');
    unlinkSync(marker);
    spawnSync('git', ['log', '-1'], { cwd: repo.dir, stdio: 'pipe' });
    assert.ok(existsSync(marker), 'git log ran gpg.program');
    unlinkSync(marker);
  });

  it('review, report --since and the editor\'s plain-git review run none of them, and still see the change', async () => {
    // The environment is untrusted too: each of these would make plain git run the script.
    const script = join(trap, 'evil.sh');
    Object.assign(process.env, {
      GIT_EXTERNAL_DIFF: script,
      GIT_PAGER: script,
      GIT_SSH_COMMAND: script,
      GIT_ASKPASS: script,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: script,
      GIT_DIR: join(trap, 'nowhere'),
    });

    const review = await runCli(['review', repo.dir, '--base', 'main', '--format', 'json'], repo.dir);
    assert.equal(review.code, 0, review.err);
    const doc = JSON.parse(review.out) as { files: { path: string; status: string }[] };
    assert.deepEqual(doc.files.map((f) => [f.path, f.status]), [['src/a.ts', 'modified'], ['src/b.ts', 'added'], ['src/c.ts', 'added']]);

    const report = await runCli(['report', repo.dir, '--since', '3650d', '--format', 'json'], repo.dir);
    assert.equal(report.code, 0, report.err);
    assert.equal((JSON.parse(report.out) as { since?: { commits: number } }).since?.commits, 2);

    // The editor without the git extension: its own host as the working tree and an already indexed head side.
    const disk = new NodeHost(repo.dir);
    try {
      const result = await reviewWorkingTree(repo.dir, { base: 'main', disk });
      assert.deepEqual(result.review.files.map((f) => f.path), ['src/a.ts', 'src/b.ts', 'src/c.ts']);
      assert.deepEqual(result.review.files.find((f) => f.path === 'src/a.ts')?.units.map((u) => u.line), [2]);
    } finally {
      disk.dispose();
    }
    assert.ok(!existsSync(marker), `a repository-configured program ran: ${existsSync(marker) ? execFileSync('cat', [marker], { encoding: 'utf8' }) : ''}`);
    // Our git left the repository's index alone (no refresh, no lock).
    assert.ok(!existsSync(join(repo.dir, '.git', 'index.lock')));
  });
});
