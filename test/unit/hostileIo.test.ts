// Hostile input on the I/O and text side (issue 15): control characters, Markdown breakers, odd URIs and URLs,
// FIFOs and huge files, symlinks out of the root, a parent folder's manifest, failed writes, stream order.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIo, type OutStream } from '../../src/cli/io';
import { itemHoverMarkdown } from '../../src/core/editor/hoverMarkdown';
import { findingsMarkdown } from '../../src/core/findings/markdown';
import { parseBaseline } from '../../src/core/findings/baseline';
import { toSarif } from '../../src/core/findings/sarif';
import { buildGraph } from '../../src/core/manifest';
import { reportMarkdown } from '../../src/core/report/markdown';
import type { Finding } from '../../src/core/types';
import { escapeMarkdown, safeLink, sanitizeDescription } from '../../src/core/untrusted/markdown';
import { isHttpUrl } from '../../src/core/untrusted/uri';
import { readBounded } from '../../src/node/boundedRead';
import { NodeHost } from '../../src/node/nodeHost';
import { runCli } from './reviewGit';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CLI = join(__dirname, '..', '..', 'src', 'cli', 'main.ts');

function finding(file: string, message: string): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return { code: 'IL010', severity: 'error', file, range, message } as Finding;
}

describe('hostile input: text, Markdown, URIs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'intent-hostile-io-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('check and explain text: no raw control character, no forged compiler-style line', async () => {
    const title = 'Pwn \u001b]0;owned\u0007\u001b[2J\r\nsrc/forged.ts:1:1: error IL001 forged';
    writeFileSync(join(dir, 'intent.yaml'), `version: 1\nobjectives:\n  - id: obj:a\n    title: ${JSON.stringify(title)}\n`);
    const evil = 'x\u001b[31m\nforged.ts:9:9: error IL999 fake.ts';
    writeFileSync(join(dir, evil), '// @intent obj:nope\n// @intent obj:a\nexport const x = 1;\n');
    const check = await runCli(['check', dir], dir);
    assert.equal(check.code, 1, check.err);
    const lines = check.out.split('\n');
    // One line per finding (IL021 on the manifest, IL010 in the file): the file name's newline forged none.
    assert.equal(lines.length, 2, check.out);
    assert.ok(lines.every((l) => /^(intent\.yaml|x\\x1b)/.test(l)), check.out);
    assert.match(lines[1], /^x\\x1b\[31m\\nforged\.ts:9:9: error IL999 fake\.ts:1:\d+: error IL010 /);
    assert.doesNotMatch(check.out + check.err, RAW_CONTROL);

    const explain = await runCli(['explain', `${evil}:3`], dir);
    assert.equal(explain.code, 0, explain.err);
    assert.doesNotMatch(explain.out, RAW_CONTROL);
    assert.ok(explain.out.includes('Pwn \\x1b]0;owned\\x07\\x1b[2J\\r\\nsrc/forged.ts'), explain.out);
    assert.ok(!explain.out.split('\n').some((l) => /^(src\/)?forged\.ts/.test(l)), explain.out);
  });

  it('Markdown: CR, newlines and pipes cannot break a row or heading; @mentions do not ping', () => {
    const md = findingsMarkdown([finding('a|b\nc.ts', 'title @everyone and @org/team\rnext | cell')]);
    const rows = md.trim().split('\n').filter((l) => l.startsWith('|'));
    assert.equal(rows.length, 3, md);
    assert.equal(rows[2].split(/(?<!\\)\|/).length, 6, rows[2]);
    assert.ok(!/@everyone|@org/.test(md), md);
    assert.ok(md.includes('@\u200beveryone'));
    assert.ok(!md.includes('\r'));

    assert.equal(escapeMarkdown('- a\r## b\n- c'), '\\- a \\#\\# b - c');
    assert.equal(sanitizeDescription('hi @team\rnext'), 'hi @\u200bteam\nnext');

    const report = reportMarkdown({
      product: 'P\r# injected @everyone', generatedAt: '2026-01-01T00:00:00Z',
      coverage: { codeFiles: 0, withIntent: 0, share: 0, unlinked: [] },
      untriaged: { count: 0, byFile: [] },
      findings: { errors: 0, warnings: 0, infos: 0, total: 0, byCode: {} },
      objectives: [{ id: 'obj:a', title: 'Obj\r\n## fake heading | x', status: 'active', keyResults: [], debt: [], code: { files: [], symbols: [] }, retired: false }],
      debt: [],
    } as unknown as Parameters<typeof reportMarkdown>[0]);
    const headings = report.split('\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(headings.map((h) => h.split(' ')[0]), ['#', '##', '##'], report);
    assert.ok(!/@everyone/.test(report));
  });

  it('SARIF artifact URIs are RFC 3986 relative references: no scheme, no fragment, same file back', () => {
    const names = ['a#frag.ts', 'javascript:alert(1).ts', 'dir/ü ñ?x.ts', 'odd\u001b.ts'];
    const sarif = toSarif(names.map((n) => finding(n, 'm')), '1.0.0') as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris.slice(0, 2), ['a%23frag.ts', 'javascript%3Aalert%281%29.ts']);
    for (const [i, uri] of uris.entries()) {
      assert.doesNotMatch(uri, /^[A-Za-z][A-Za-z0-9+.-]*:|[#?\s]/, uri);
      const resolved = new URL(uri, 'file:///root/');
      assert.equal(resolved.protocol, 'file:');
      assert.equal(decodeURIComponent(resolved.pathname), `/root/${names[i]}`);
    }
  });

  it('hovers never throw on odd URLs: a lone surrogate, a javascript: link, a huge URL', () => {
    assert.equal(isHttpUrl('https://example.org/\ud800x'), false);
    assert.equal(isHttpUrl('https://example.org/ok'), true);
    assert.equal(safeLink('t', 'https://example.org/\udc00'), 't');
    const graph = buildGraph([{ path: 'intent.yaml', text: [
      'version: 1',
      'problems:',
      '  - id: problem:p',
      '    title: P',
      `    evidence: [${JSON.stringify('https://example.org/\ud800x')}, "javascript:alert(1)", ${JSON.stringify('https://e.org/' + 'a'.repeat(3000))}, "https://ok.example/(x)"]`,
      `    description: ${JSON.stringify('[bad](https://e.org/\udbff) ok')}`,
    ].join('\n') }]);
    const md = itemHoverMarkdown('problem:p', graph.items.get('problem:p'), graph);
    const links = [...md.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
    assert.deepEqual(links, ['https://ok.example/%28x%29']);
  });

  it('a baseline with a byte-order mark is accepted', async () => {
    assert.deepEqual(parseBaseline('\uFEFF{"version":1,"fingerprints":{"abc":1}}')?.fingerprints, { abc: 1 });
    writeFileSync(join(dir, 'intent.yaml'), 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n');
    writeFileSync(join(dir, 'a.ts'), '// @intent obj:nope\n');
    assert.equal((await runCli(['check', dir, '--write-baseline', 'b.json'], dir)).code, 0);
    writeFileSync(join(dir, 'b.json'), '\uFEFF' + readFileSync(join(dir, 'b.json'), 'utf8'));
    const run = await runCli(['check', dir, '--baseline', 'b.json'], dir);
    assert.equal(run.code, 0, run.err);
    assert.match(run.err, /^0 error\(s\), 0 warning\(s\), 0 info\(s\) \(\d+ known in the baseline\)/);
  });
});

describe('hostile input: files and folders', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'intent-hostile-fs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a FIFO or a huge file in place of a listed file reads as absent, at once', async () => {
    execFileSync('mkfifo', [join(dir, 'intent.yaml')]);
    writeFileSync(join(dir, 'big.ts'), '');
    truncateSync(join(dir, 'big.ts'), 200 * 1024 * 1024); // sparse: no 200 MB on disk
    const host = new NodeHost(dir);
    try {
      assert.equal(await host.read('intent.yaml'), undefined);
      assert.equal(await host.read('big.ts'), undefined);
    } finally {
      host.dispose();
    }
    assert.deepEqual(readBounded(join(dir, 'big.ts'), { maxBytes: 10 }), { ok: false, reason: 'tooLarge', size: 200 * 1024 * 1024 });
    // The whole check over a FIFO manifest ends (a hang would hit the test timeout).
    const run = await runCli(['check', dir], dir);
    assert.notEqual(run.code, undefined);
  });

  it('explain: never follows a symlink out of the root, never reads past the size limit', async () => {
    const root = join(dir, 'root');
    mkdirSync(root);
    writeFileSync(join(root, 'intent.yaml'), 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\nscopes:\n  - paths: ["**"]\n    serves: [obj:a]\n');
    writeFileSync(join(dir, 'secret.ts'), '// @intent obj:a\n');
    symlinkSync(join(dir, 'secret.ts'), join(root, 'link.ts'));
    const out = await runCli(['explain', 'link.ts'], root);
    assert.equal(out.code, 2);
    assert.match(out.err, /outside the root/);

    writeFileSync(join(root, 'huge.ts'), '');
    truncateSync(join(root, 'huge.ts'), 200 * 1024 * 1024);
    const huge = await runCli(['explain', 'huge.ts:3', '--format', 'json'], root);
    assert.equal(huge.code, 0, huge.err);
    assert.match(huge.err, /huge\.ts is not read for tags \(larger than 1024 KB\)/);
    assert.deepEqual((JSON.parse(huge.out) as { links: { id: string }[] }).links.map((l) => l.id), ['obj:a']);
  });

  it('explain without .git never climbs to a parent folder\'s intent.yaml', async () => {
    writeFileSync(join(dir, 'intent.yaml'), 'version: 1\nobjectives:\n  - id: obj:parent\n    title: Parent\nscopes:\n  - paths: ["**"]\n    serves: [obj:parent]\n');
    const child = join(dir, 'child');
    mkdirSync(child);
    writeFileSync(join(child, 'intent.yaml'), 'version: 1\nobjectives:\n  - id: obj:child\n    title: Child\n');
    writeFileSync(join(child, 'a.ts'), '// @intent obj:child\nexport function a() {}\n');
    const run = await runCli(['explain', 'a.ts:2', '--format', 'json'], child);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual((JSON.parse(run.out) as { links: { id: string }[] }).links.map((l) => l.id), ['obj:child']);
    // Outside the working folder and any repository: ask for --root rather than guess.
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const outside = await runCli(['explain', join(child, 'a.ts')], elsewhere);
    assert.equal(outside.code, 2);
    assert.match(outside.err, /use --root DIR/);
  });

  it('a failed write (file size limit hit mid-write) leaves the old baseline and report intact', () => {
    writeFileSync(join(dir, 'intent.yaml'), 'version: 1\nobjectives:\n' + Array.from({ length: 40 }, (_, i) => `  - id: obj:o${i}\n    title: Objective number ${i}\n`).join(''));
    writeFileSync(join(dir, 'a.ts'), Array.from({ length: 80 }, (_, i) => `// @intent kr:missing${i}\n`).join(''));
    writeFileSync(join(dir, 'b.json'), '{"version":1,"fingerprints":{}}\n');
    writeFileSync(join(dir, 'r.md'), 'old report\n');
    // `ulimit -f 1`: no write may take a file past 1 KB (the new baseline and report are larger).
    const limited = (...args: string[]) => spawnSync('bash', ['-c', 'ulimit -f 1; exec "$@"', 'bash', process.execPath, '-r', require.resolve('tsx/cjs'), CLI, ...args], { cwd: dir, encoding: 'utf8' });
    const baseline = limited('check', dir, '--write-baseline', 'b.json');
    assert.equal(baseline.status, 2, baseline.stderr);
    assert.match(baseline.stderr, /cannot write the baseline .*EFBIG/);
    assert.equal(readFileSync(join(dir, 'b.json'), 'utf8'), '{"version":1,"fingerprints":{}}\n');
    const report = limited('report', dir, '--output', 'r.md');
    assert.equal(report.status, 2, report.stderr);
    assert.equal(readFileSync(join(dir, 'r.md'), 'utf8'), 'old report\n');
    assert.deepEqual(readdirSync(dir).sort(), ['a.ts', 'b.json', 'intent.yaml', 'r.md'], 'no temp file left behind');
  });
});

describe('CLI streams', () => {
  it('stderr (the summary) waits until stdout has flushed: no interleaving on a shared pipe', () => {
    const log: string[] = [];
    const pending: (() => void)[] = [];
    // A pipe that takes nothing at once: each write completes later, in order.
    const stdout: OutStream = { write: (text, done) => (log.push(`out:${text.trim()}`), pending.push(() => done?.()), false) };
    const stderr: OutStream = { write: (text) => (log.push(`err:${text.trim()}`), true) };
    const io = processIo('1', stdout, stderr, '/');
    io.out('finding 1');
    io.out('finding 2');
    io.err('summary');
    pending.shift()!();
    assert.deepEqual(log, ['out:finding 1', 'out:finding 2'], 'one stdout write still in flight');
    pending.shift()!();
    assert.deepEqual(log, ['out:finding 1', 'out:finding 2', 'err:summary']);
    io.err('later');
    assert.deepEqual(log.at(-1), 'err:later', 'nothing in flight: written at once');
  });
});

describe('Restricted Mode declaration', () => {
  it('declares limited support for untrusted workspaces, with the reason in English and French', () => {
    const root = join(__dirname, '..', '..');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { capabilities?: { untrustedWorkspaces?: { supported: unknown; description: string } } };
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, 'limited');
    const key = pkg.capabilities!.untrustedWorkspaces!.description.replace(/^%|%$/g, '');
    for (const nls of ['package.nls.json', 'package.nls.fr.json']) {
      const text = (JSON.parse(readFileSync(join(root, nls), 'utf8')) as Record<string, string>)[key];
      assert.match(text, /git/, nls);
    }
  });
});
