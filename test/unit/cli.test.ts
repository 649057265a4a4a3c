// The CLI's contract: exit codes, formats, usage errors on one line, explain with provenance.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

const DEMO = join(__dirname, '..', '..', 'demo');

async function run(args: string[], cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, version: '9.9.9' };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('intent-lens CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'intent-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const CLEAN = 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:a\n        title: KR A\nscopes:\n  - paths: ["src/**"]\n    serves: [kr:a]\n';

  it('exits 0 on a clean folder and 1 when findings reach --fail-on', async () => {
    write('intent.yaml', CLEAN);
    write('src/a.ts', '// @intent kr:a\nexport function a() {}\n');
    assert.equal((await run(['check', dir])).code, 0);
    write('src/b.ts', '// @intent kr:b\nexport function b() {}\n');
    const broken = await run(['check', dir]);
    assert.equal(broken.code, 1);
    assert.equal(broken.out, "src/b.ts:1:12: error IL010 unknown ID 'kr:b' (did you mean 'kr:a'?)");
    assert.match(broken.err, /1 error\(s\), 0 warning\(s\), 0 info\(s\)/);
    assert.equal((await run(['check', dir, '--fail-on', 'never'])).code, 0);
  });

  it('says which files it did not scan, and why', async () => {
    write('intent.yaml', CLEAN);
    write('src/a.ts', '// @intent kr:a\nexport function a() {}\n');
    write('src/big.ts', `// @intent kr:nope\n${'x'.repeat(3000)}\n`);
    writeFileSync(join(dir, 'src/image.ts'), Buffer.from([0x2f, 0x2f, 0x00, 0x01, 0x40]));
    const r = await run(['check', dir, '--max-file-size', '2048']);
    assert.equal(r.code, 0, r.out);
    assert.match(r.err, /^not scanned for tags: 1 larger than 2 KB \(--max-file-size\), 1 binary$/m);
    const json = JSON.parse((await run(['check', dir, '--max-file-size', '2048', '--format', 'json'])).out);
    assert.equal(json.summary.skipped.tooLarge, 1);
    assert.equal(json.summary.skipped.binary, 1);
  });

  it('fails on warnings only when asked', async () => {
    write('intent.yaml', CLEAN + '  - paths: ["nothing/**"]\n    serves: [kr:a]\n');
    write('src/a.ts', 'x\n');
    assert.equal((await run(['check', dir])).code, 0);
    assert.equal((await run(['check', dir, '--fail-on', 'warning'])).code, 1);
  });

  it('prints JSON with 1-based positions and relative forward-slash paths', async () => {
    write('intent.yaml', CLEAN);
    write('src/deep/b.ts', '\n  // @intent kr:zzz\n');
    const { out, code } = await run(['check', dir, '--format', 'json']);
    assert.equal(code, 1);
    const json = JSON.parse(out);
    assert.deepEqual(json.findings, [{ code: 'IL010', severity: 'error', message: "unknown ID 'kr:zzz'", file: 'src/deep/b.ts', line: 2, column: 14, endLine: 2, endColumn: 20 }]);
    assert.equal(json.summary.errors, 1);
  });

  it('prints SARIF and Markdown', async () => {
    write('intent.yaml', CLEAN);
    write('src/b.ts', '// @intent kr:zzz\n');
    const sarif = JSON.parse((await run(['check', dir, '--format', 'sarif'])).out);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].tool.driver.version, '9.9.9');
    assert.equal(sarif.runs[0].results[0].ruleId, 'IL010');
    const md = (await run(['check', dir, '--format', 'markdown'])).out;
    assert.match(md, /\| 🔴 \| IL010 \| `src\/b\.ts:1` \|/);
  });

  it('ratchets with a baseline: known findings pass, new ones fail', async () => {
    write('intent.yaml', CLEAN);
    write('src/b.ts', '// @intent kr:zzz\n');
    const baseline = join(dir, 'baseline.json');
    assert.equal((await run(['check', dir, '--write-baseline', baseline])).code, 0);
    assert.equal(JSON.parse(readFileSync(baseline, 'utf8')).version, 1);
    write('src/b.ts', '\n\n// @intent kr:zzz\n'); // moved: still known
    assert.equal((await run(['check', dir, '--baseline', baseline])).code, 0);
    write('src/c.ts', '// @intent kr:yyy\n');
    const fresh = await run(['check', dir, '--baseline', baseline]);
    assert.equal(fresh.code, 1);
    assert.equal(fresh.out, "src/c.ts:1:12: error IL010 unknown ID 'kr:yyy'");
  });

  it('reports usage and I/O errors on one line with exit 2', async () => {
    for (const args of [['check', join(dir, 'missing')], ['check', dir, '--format', 'xml'], ['check', dir, '--bogus'], ['frobnicate'], ['check', dir, '--baseline', join(dir, 'nope.json')]]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.split('\n').length, 1, r.err);
      assert.match(r.err, /^intent-lens/);
    }
  });

  it('documents every command and exit code in --help', async () => {
    const { out, code } = await run(['--help']);
    assert.equal(code, 0);
    for (const word of ['check', 'explain', '--format', '--fail-on', '--baseline', 'Exit codes', 'IL001', 'IL022']) assert.ok(out.includes(word), word);
  });

  it('explains the intent at a line of the demo with provenance', async () => {
    const r = await run(['explain', 'src/search/searchService.ts:30', '--format', 'json'], DEMO);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    const lines = json.links.map((l: { id: string; description: string }) => `${l.id} ← ${l.description}`);
    assert.ok(lines.includes('obj:faster-casting ← file tag (line 2)'), lines.join('\n'));
    assert.ok(lines.includes('problem:availability-search ← via scope src/search/** (intent.yaml)'), lines.join('\n'));
    assert.ok(lines.includes('constraint:search-p95-300ms ← applies via src/search/** (intent.yaml)'), lines.join('\n'));
  });

  it('explains a Python file through its own symbol finder', async () => {
    const r = await run(['explain', 'worker/availability_sync.py:40'], DEMO);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^worker\/availability_sync\.py:40 \(in sync_all\)/);
    assert.match(r.out, /debt → debt:calendar-polling/);
  });

  it('refuses a line outside the file and a file outside the root', async () => {
    write('intent.yaml', CLEAN);
    write('src/a.ts', 'one\n');
    assert.equal((await run(['explain', 'src/a.ts:99'], dir)).code, 2);
    assert.equal((await run(['explain', join(DEMO, 'intent.yaml'), '--root', dir])).code, 2);
  });
});
