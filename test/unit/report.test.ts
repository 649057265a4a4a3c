// The report: per objective and KR progress, serving code, coverage, debt ranked by impact then cost, TODOs,
// findings; --since activity from a real git history; Markdown/JSON/HTML through the CLI.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntentProject } from '../../src/core/project';
import { reportHtml } from '../../src/core/report/html';
import { buildReport, parseDuration, type Report } from '../../src/core/report/report';
import { NodeHost } from '../../src/node/nodeHost';
import { TreeSitterSymbolFinder } from '../../src/node/treeSitterSymbols';
import { TempRepo, runCli } from './reviewGit';

const MANIFEST = `version: 1
product: "Report <Test> & Co"
objectives:
  - id: obj:grow
    title: Grow the product
    owner: Product
    keyResults:
      - id: kr:a
        title: "KR A <script>alert(1)</script>"
        baseline: 0
        target: 10
        current: 5
        unit: users
      - id: kr:b
        title: KR B
        baseline: 10
        target: 0
        current: 10
  - id: obj:old
    title: Old objective
    status: achieved
    keyResults: []
problems:
  - id: problem:p
    title: Problem P
    keyResults: [kr:b]
debt:
  - id: debt:low-cheap
    title: Low and cheap
    hurts: [kr:a]
    impact: low
    cost: S
  - id: debt:high-expensive
    title: High and expensive
    hurts: [problem:p]
    impact: high
    cost: XL
    tracker: https://tracker.example.org/T-1
  - id: debt:high-cheap
    title: High and cheap
    hurts: [obj:grow]
    impact: high
    cost: S
scopes:
  - paths: ["src/scoped/**"]
    serves: [problem:p]
`;

function scenario(): TempRepo {
  const repo = new TempRepo('intent-report-');
  repo.write('intent.yaml', MANIFEST);
  repo.write('src/a.ts', '// @intent kr:a\nexport function servesA() {\n  // TODO: make it faster\n  return 1;\n}\n');
  repo.write('src/scoped/s.ts', 'export function scoped() {\n  // FIXME later\n  // @debt debt:high-expensive -- anchored here\n  return 2;\n}\n');
  repo.write('src/plain.ts', 'export const plain = 1; // TODO nobody triaged this\n');
  repo.write('src/inline.ts', '// @debt kr:a -- recomputed every time\nexport const inline = 1;\n');
  repo.commit('old work', '2020-01-01T12:00:00Z');
  repo.write('src/a.ts', '// @intent kr:a\nexport function servesA() {\n  // TODO: make it faster\n  return 11;\n}\n');
  repo.commit('recent: tune A', new Date(Date.now() - 2 * 86_400_000).toISOString());
  repo.write('src/scoped/s.ts', 'export function scoped() {\n  // FIXME later\n  // @debt debt:high-expensive -- anchored here\n  return 3;\n}\n');
  repo.commit('recent: scoped <b>bold</b>', new Date(Date.now() - 86_400_000).toISOString());
  return repo;
}

async function report(dir: string, activity?: Parameters<typeof buildReport>[0]['activity']): Promise<Report> {
  const host = new NodeHost(dir, { workers: 0 });
  const project = await IntentProject.open(host, { finder: new TreeSitterSymbolFinder() });
  return buildReport({ model: project.model, findings: project.findings(), activity, generatedAt: '2026-11-25T00:00:00.000Z' });
}

describe('report', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = scenario();
  });
  after(() => repo.dispose());

  it('parses durations', () => {
    assert.equal(parseDuration('30d'), 30 * 86_400_000);
    assert.equal(parseDuration('2w'), 14 * 86_400_000);
    assert.equal(parseDuration('6m'), 180 * 86_400_000);
    assert.equal(parseDuration('1y'), 365 * 86_400_000);
    for (const bad of ['', '0d', '3x', '-1d', '30', 'd']) assert.equal(parseDuration(bad), undefined, bad);
  });

  it('gives each objective and KR its progress, serving code, debt; coverage and TODOs', async () => {
    const r = await report(repo.dir);
    assert.equal(r.product, 'Report <Test> & Co');
    assert.deepEqual(r.objectives.map((o) => [o.id, o.retired]), [['obj:grow', false], ['obj:old', true]]);
    const [a, b] = r.objectives[0].keyResults;
    assert.equal(a.id, 'kr:a');
    assert.equal(a.progress.percent, 50);
    assert.deepEqual(a.code.files, ['src/a.ts']);
    assert.deepEqual(a.code.symbols, [{ file: 'src/a.ts', line: 0, name: 'servesA' }]);
    assert.equal(b.progress.state, 'ok');
    assert.equal(b.progress.percent, 0);
    assert.deepEqual(b.code.files, ['src/scoped/s.ts']);
    assert.deepEqual(b.problems, [{ id: 'problem:p', title: 'Problem P' }]);
    assert.deepEqual(r.objectives[0].code.files, ['src/a.ts', 'src/scoped/s.ts']);
    // Debt per KR: what hurts it directly or through its problem; the objective also gets debt hurting it.
    assert.deepEqual(a.debt.map((x) => x.title), ['Low and cheap', 'recomputed every time']);
    assert.deepEqual(b.debt.map((x) => x.title), ['High and expensive']);
    assert.deepEqual(r.objectives[0].debt.map((x) => x.title), ['High and cheap', 'High and expensive', 'Low and cheap', 'recomputed every time']);
    assert.deepEqual(r.debt.map((x) => x.id ?? x.title), ['debt:high-cheap', 'debt:high-expensive', 'debt:low-cheap', 'recomputed every time']);
    assert.deepEqual(r.debt[1].anchors, [{ file: 'src/scoped/s.ts', line: 2 }]);
    // Coverage: 2 of 4 code files serve an objective, KR or problem (inline debt is not intent).
    assert.deepEqual([r.coverage.codeFiles, r.coverage.withIntent], [4, 2]);
    assert.deepEqual(r.coverage.unlinked, ['src/inline.ts', 'src/plain.ts']);
    // The FIXME next to a debt tag is triaged; the two TODOs are not.
    assert.equal(r.untriaged.count, 2);
    assert.deepEqual(r.untriaged.byFile.map((t) => t.file).sort(), ['src/a.ts', 'src/plain.ts']);
    assert.equal(r.findings.total, r.findings.errors + r.findings.warnings + r.findings.infos);
  });

  it('with --since, maps the window\'s commits to KRs through the intent of their files', async () => {
    const run = await runCli(['report', repo.dir, '--format', 'json', '--since', '30d'], repo.dir);
    assert.equal(run.code, 0, run.err);
    const r = JSON.parse(run.out) as Report;
    assert.equal(r.since?.commits, 2);
    const [a, b] = r.objectives[0].keyResults;
    assert.deepEqual(a.activity?.commits.map((c) => c.subject), ['recent: tune A']);
    assert.deepEqual(a.activity?.files, ['src/a.ts']);
    assert.deepEqual(b.activity?.commits.map((c) => c.subject), ['recent: scoped <b>bold</b>']);
    assert.deepEqual(r.objectives[0].activity?.commits.length, 2);
    const old = await runCli(['report', repo.dir, '--format', 'json', '--since', '20y'], repo.dir);
    assert.equal((JSON.parse(old.out) as Report).since?.commits, 3);
    const bad = await runCli(['report', repo.dir, '--since', 'yesterday'], repo.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--since must be a duration/);
  });

  it('writes Markdown with escaped manifest text', async () => {
    const run = await runCli(['report', repo.dir, '--since', '30d'], repo.dir);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^# Intent report: Report &lt;Test&gt; &amp; Co/);
    assert.match(run.out, /\| \*\*kr:a\*\* KR A &lt;script&gt;alert\\\(1\\\)&lt;\/script&gt; \| ▰▰▰▰▰▱▱▱▱▱ 5 → 10 users · 50% \| 1 \| 1 \| 2 \| 1 \|/);
    assert.ok(!run.out.includes('<script>'));
    assert.ok(run.out.includes('recent: scoped &lt;b&gt;bold&lt;/b&gt;'));
  });

  it('writes one self-contained, escaped HTML file with --output', async () => {
    const run = await runCli(['report', repo.dir, '--format', 'html', '--since', '30d', '--output', 'report.html'], repo.dir);
    assert.equal(run.code, 0, run.err);
    const html = readFileSync(join(repo.dir, 'report.html'), 'utf8');
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`));
    assert.ok(!/<script/i.test(html), 'no script element, and the manifest\'s <script> is escaped');
    assert.ok(html.includes('KR A &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('<title>Intent report — Report &lt;Test&gt; &amp; Co</title>'));
    assert.ok(html.includes('recent: scoped &lt;b&gt;bold&lt;/b&gt;'));
    // The one tracker URL is a link (in the objective's debt table and the ranked one); nothing else links.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, ['https://tracker.example.org/T-1', 'https://tracker.example.org/T-1']);
    assert.ok(!/src=|url\(|@import/i.test(html), 'no external asset');
  });

  it('renders the demo workspace without throwing, with every KR row', async () => {
    const r = await report(join(__dirname, '../../demo'));
    const html = reportHtml(r);
    const krs = r.objectives.flatMap((o) => o.keyResults);
    assert.ok(krs.length >= 7);
    assert.equal((html.match(/<tr class="kr">/g) ?? []).length, krs.length);
  });
});
