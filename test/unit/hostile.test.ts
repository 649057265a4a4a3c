// Issue #15, bounded cost and no silent pass: each hostile input that once hung, crashed or passed the gate
// silently, run through the CLI or the core. Timeouts here are hang guards; speed targets live in the benchmark.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { FINDING_CODES } from '../../src/core/findings/codes';
import { MAX_IGNORE_FILE_BYTES, MAX_IGNORE_WILDCARD_RULES, IgnoreFile } from '../../src/core/ignore/gitignore';
import { buildGraph, MAX_DUPLICATE_PLACES } from '../../src/core/manifest/buildGraph';
import { IntentProject } from '../../src/core/project';
import { NodeHost } from '../../src/node/nodeHost';
import { MemoryHost } from './support/memoryHost';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: process.cwd(), version: '9.9.9' };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function checkJson(dir: string) {
  const r = await run(['check', dir, '--format', 'json']);
  return { code: r.code, findings: JSON.parse(r.out).findings as { code: string; file: string; line: number; message: string }[] };
}

const MANIFEST = 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:a\n        title: KR A\nscopes:\n  - paths: ["src/**"]\n    serves: [kr:a]\n';

describe('hostile repositories: bounded cost, no silent pass (#15)', function () {
  this.timeout(120000); // hang guards
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'il-hostile-'));
  });
  afterEach(() => execFileSync('rm', ['-rf', dir])); // rm copes with paths past PATH_MAX

  const write = (rel: string, text: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };

  it('IL009 is in the catalogue as an error', () => {
    assert.equal(FINDING_CODES.find((c) => c.code === 'IL009')?.severity, 'error');
  });

  it('row 1: 4,000 copies of one ID give one finding per copy with a capped list of places', () => {
    const copies = Array.from({ length: 4000 }, () => '  - id: problem:same\n    title: T\n').join('');
    const graph = buildGraph([{ path: 'intent.yaml', text: `version: 1\nproblems:\n${copies}` }]);
    const dups = graph.findings.filter((f) => f.code === 'IL003');
    assert.equal(dups.length, 4000);
    assert.ok(dups.every((f) => (f.related?.length ?? 0) === MAX_DUPLICATE_PLACES));
    assert.match(dups[0].message, /declared 4000 times, also in this manifest \(the first 10 places are listed\)/);
    assert.deepEqual(dups[0].related![0].range, dups[1].range);
  });

  it('row 2: brace bombs in scopes/appliesTo are positioned findings naming the limit, never expanded', () => {
    const bomb = `src/${'{a,b}'.repeat(16)}`;
    const text = `${MANIFEST}  - paths: ["${bomb}", "x/{1..100000}", "docs/**"]\n    serves: [kr:a]\nconstraints:\n  - id: constraint:c\n    title: C\n    appliesTo: ["{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}/*.ts"]\n`;
    const graph = buildGraph([{ path: 'intent.yaml', text }]);
    const found = graph.findings.map((f) => [f.code, f.range.start.line, f.range.start.character, f.message.replace(/, got .*/, '')]);
    assert.deepEqual(found, [
      ['IL002', 10, 12, "scopes[1]: 'paths[0]' must expand to at most 256 alternatives (the brace expansion limit)"],
      ['IL002', 10, 100, "scopes[1]: 'paths[1]' must expand to at most 256 alternatives (the brace expansion limit)"],
      ['IL002', 15, 16, "constraints[0]: 'appliesTo[0]' must expand to at most 256 alternatives (the brace expansion limit)"],
    ]);
  });

  it('row 3: a 25,000-line .gitignore is honoured (same listing as git), never one giant RegExp', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 25000; i++) {
      const k = i % 5;
      lines.push(k === 0 ? `name${i}` : k === 1 ? `*.ext${i}` : k === 2 ? `/top${i}/` : k === 3 ? `deep/**/x${i}` : `gen${i}*`);
    }
    lines.push('ignored-*.ts');
    write('.gitignore', lines.join('\n') + '\n');
    write('intent.yaml', MANIFEST);
    write('src/a.ts', '// @intent kr:a\n');
    write('src/ignored-b.ts', '// @intent kr:nope\n');
    write('src/name5', 'x');
    write('src/f.ext6', 'x');
    write('top7/a.ts', 'x');
    write('deep/q/x8', 'x');
    write('gen9abc', 'x');
    write('src/kept.ts', 'x');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const git = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    assert.deepEqual(git, ['.gitignore', 'intent.yaml', 'src/a.ts', 'src/kept.ts']);
    const project = await IntentProject.open(new NodeHost(dir, { workers: 0 }));
    assert.deepEqual([...project.index.files()].sort(), git);
    const r = await checkJson(dir);
    assert.equal(r.code, 0, JSON.stringify(r.findings));
  });

  it('row 3: a .gitignore past a limit is IL009 at its line and check fails, instead of skipping the tree', async () => {
    write('intent.yaml', MANIFEST);
    write('src/a.ts', '// @intent kr:a\n');
    write('src/.gitignore', Array.from({ length: MAX_IGNORE_WILDCARD_RULES + 1 }, (_, i) => `*a${i}*b`).join('\n'));
    write('pkg/.gitignore', 'x'.repeat(MAX_IGNORE_FILE_BYTES + 1));
    write('pkg/b.ts', '// @intent kr:nope\n');
    const r = await checkJson(dir);
    assert.equal(r.code, 1);
    const il009 = r.findings.filter((f) => f.code === 'IL009');
    assert.deepEqual(il009.map((f) => [f.file, f.line]), [['pkg/.gitignore', 1], ['src/.gitignore', MAX_IGNORE_WILDCARD_RULES + 1]]);
    assert.match(il009[0].message, /ignore file 'pkg\/.gitignore': the ignore file is over the limit of 1048576 bytes; folder 'pkg' was not checked/);
    assert.match(il009[1].message, /more than 10000 similar wildcard rules in one ignore file \(the limit\); folder 'src' was not checked/);
  });

  it('row 4: `*?*?*?*?*?*?*?*?*?*?z` never backtracks catastrophically', () => {
    const f = new IgnoreFile('', '*?*?*?*?*?*?*?*?*?*?z\n**/*a*a*a*a*a*a*a*a*a*ab\n');
    const name = 'a'.repeat(44);
    for (let i = 0; i < 2000; i++) assert.equal(f.match(`${name}/${name}`, name, false), undefined);
    assert.equal(f.match(`${name}z`, `${name}z`, false), 'ignored');
  });

  it('row 5: one 400 KB file with more than 100,000 findings does not overflow the stack', async () => {
    write('intent.yaml', MANIFEST);
    // 441 KB, 26 unknown IDs a line: 182,000 findings, past what a spread onto the stack survives (~125k).
    write('src/many.ts', `// @intent ${'abcdefghijklmnopqrstuvwxyz'.split('').join(',')}\n`.repeat(7000));
    const r = await run(['check', dir, '--format', 'json', '--max-file-size', '1000000']);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.out).findings as { code: string; file: string }[];
    assert.equal(findings.filter((f) => f.code === 'IL010' && f.file === 'src/many.ts').length, 182000);
  });

  it('row 14: a manifest with lone CR line ends parses, with positions on the right lines', () => {
    const graph = buildGraph([{ path: 'intent.yaml', text: MANIFEST.replace(/\n/g, '\r') + 'problems:\r  - id: problem:p\r    title: P\r    keyResults: [kr:zz]\r' }]);
    assert.deepEqual(graph.findings.map((f) => [f.code, f.range.start.line]), [['IL004', 13]]);
    assert.deepEqual(graph.items.get('kr:a')?.source.idRange.start, { line: 5, character: 12 });
  });

  it('row 15: an unreadable manifest is a manifest finding (IL009), not IL010 on every tag alone', async () => {
    const host = new MemoryHost({ 'intent.yaml': MANIFEST, 'src/a.ts': '// @intent kr:a\n' });
    host.read = async (p: string) => (p === 'intent.yaml' ? undefined : new TextEncoder().encode('// @intent kr:a\n'));
    const project = await IntentProject.open(host);
    const f = project.findings().find((x) => x.code === 'IL009');
    assert.equal(f?.file, 'intent.yaml');
    assert.match(f!.message, /manifest 'intent.yaml' could not be read/);
  });

  it('no silent pass: a listed source file that cannot be read is IL009, not just a count on stderr', async () => {
    const host = new MemoryHost({ 'intent.yaml': MANIFEST, 'src/a.ts': '// @intent kr:a\n', 'src/locked.ts': '// @intent kr:a\n' });
    const read = host.read.bind(host);
    host.read = async (p: string) => (p === 'src/locked.ts' ? undefined : read(p));
    const project = await IntentProject.open(host);
    assert.deepEqual(project.findings().filter((x) => x.code === 'IL009').map((x) => [x.file, x.message]),
      [['src/locked.ts', "file 'src/locked.ts' could not be read: its tags were not checked"]]);
  });

  it('row 15: an unreadable intent.yaml on disk fails check with IL009 (as a user without access)', function () {
    write('intent.yaml', MANIFEST);
    write('src/a.ts', '// @intent kr:a\n');
    fs.chmodSync(path.join(dir, 'intent.yaml'), 0o000);
    fs.chmodSync(dir, 0o755);
    const cli = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const node = [process.execPath, '--import', 'tsx', cli];
    // As root, nothing is unreadable: run the CLI as nobody, as a CI runner without access would.
    const argv = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
    let status = 0;
    let out = '';
    let err = '';
    try {
      out = execFileSync(argv[0], [...argv.slice(1), 'check', dir], { encoding: 'utf8', cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: os.tmpdir() } });
    } catch (e) {
      status = (e as { status: number }).status;
      out = String((e as { stdout: string }).stdout);
      err = String((e as { stderr: string }).stderr);
    }
    // nobody must be able to read this checkout to run the CLI from it (a clone under a 0700 `mktemp -d` folder
    // cannot): stderr then says so.
    assert.equal(status, 1, out + err);
    assert.match(out, /^intent\.yaml:1:1: error IL009 manifest 'intent\.yaml' could not be read/m, err);
  });

  it('row 15: folders past PATH_MAX are IL009 naming the folder, not a silent skip', async () => {
    write('intent.yaml', MANIFEST);
    write('src/a.ts', '// @intent kr:a\n');
    const seg = 'd'.repeat(200);
    // mkdir one level at a time, relative to the last: the absolute path outgrows PATH_MAX (4096).
    execFileSync('bash', ['-c', `cd "$1" && for i in $(seq 1 24); do mkdir ${seg} && cd ${seg}; done && echo x > deep.ts`, 'bash', dir]);
    const r = await checkJson(dir);
    assert.equal(r.code, 1);
    const il009 = r.findings.filter((f) => f.code === 'IL009');
    assert.equal(il009.length, 1);
    assert.match(il009[0].message, /past the system's path length limit \(ENAMETOOLONG\): its files were not checked/);
    assert.ok(il009[0].file.startsWith(`${seg}/${seg}/`), il009[0].file);
  });
});
