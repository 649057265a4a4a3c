// Review and report with a lock (real git): re-targeting a KR lists its links to re-confirm; rewriting linked
// code lists that link; the report counts suspect links per key result.
import { strict as assert } from 'node:assert';
import { runCli, TempRepo } from './reviewGit';

const MANIFEST = `version: 1
objectives:
  - id: obj:fast
    title: Fast casting
    keyResults:
      - id: kr:cycle
        title: Cycle time
        baseline: 7
        target: 3
scopes:
  - paths: ["src/**"]
    serves: [kr:cycle]
`;

describe('lock: review and report', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = new TempRepo('intent-lock-review-');
    repo.write('intent.yaml', MANIFEST);
    repo.write('src/a.ts', '// @intent kr:cycle\nexport function a(x: number): number {\n  return x + 1;\n}\n');
    repo.write('src/b.ts', '// @intent kr:cycle\nexport class B {\n  run(): void {\n    go();\n  }\n}\n');
    assert.equal((await runCli(['lock', repo.dir], repo.dir)).code, 0);
    repo.commit('start');
  });
  afterEach(() => repo.dispose());

  it('a re-targeted KR: the review lists its links to re-confirm', async () => {
    repo.write('intent.yaml', MANIFEST.replace('target: 3', 'target: 2'));
    const text = await runCli(['review', repo.dir, '--base', 'HEAD'], repo.dir);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /kr:cycle changed \(target: 3 → 2\): 3 links to re-confirm/);
    assert.match(text.out, /src\/a\.ts:1 \(a\)/);
    const md = await runCli(['review', repo.dir, '--base', 'HEAD', '--format', 'markdown'], repo.dir);
    assert.match(md.out, /### Links to re-confirm[\s\S]*\*\*kr:cycle\*\* changed \(target: 3 → 2\): 3 links to re-confirm/);
    const json = JSON.parse((await runCli(['review', repo.dir, '--base', 'HEAD', '--format', 'json'], repo.dir)).out);
    assert.deepEqual(json.suspectLinks.items.map((i: { id: string; links: unknown[] }) => [i.id, i.links.length]), [['kr:cycle', 3]]);
  });

  it('rewritten linked code is listed; a reformat is not; the report counts suspect links per KR', async () => {
    repo.write('src/a.ts', '// @intent kr:cycle\nexport function a(x: number): number { return x + 1 }\n');
    repo.write('src/b.ts', '// @intent kr:cycle\nexport class B {\n  stop(reason: string): boolean {\n    log(reason);\n    return halt(reason, true);\n  }\n}\n');
    const text = await runCli(['review', repo.dir, '--base', 'HEAD'], repo.dir);
    assert.match(text.out, /src\/b\.ts:1 \(B\): code rewritten \(\d+% similar\), link to kr:cycle/);
    assert.doesNotMatch(text.out, /src\/a\.ts:1 \(a\): code/);
    const report = await runCli(['report', repo.dir], repo.dir);
    assert.match(report.out, /## Suspect links\n\n\| item \| title \| suspect links \|\n\|---\|---\|---\|\n\| kr:cycle \| Cycle time \| 1 \|/);
  });
});
