// One code model, every surface the same answer: on the demo and on a generated tree, the sidebar's data (the
// model the trees read), `report --format json`, `review --format json`, `check --format json` and
// `explain --format json` agree on untriaged count, debt order, linked code per KR and the binding of every
// tag; and no surface in src/ derives those on its own again (a source scan).
import * as assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CodeModel } from '../../src/core/model/codeModel';
import { IntentProject } from '../../src/core/project';
import type { Report } from '../../src/core/report/report';
import { NodeHost } from '../../src/node/nodeHost';
import { TreeSitterSymbolFinder } from '../../src/node/treeSitterSymbols';
import { TempRepo, runCli } from './reviewGit';

const ROOT = join(__dirname, '..', '..');

const GENERATED_MANIFEST = `version: 1
objectives:
  - id: obj:gen
    title: Generated objective
    keyResults:
      - id: kr:g1
        title: First
      - id: kr:g2
        title: Second
      - id: kr:old
        title: Old
        status: dropped
        supersededBy: kr:g1
problems:
  - id: problem:gp
    title: A problem
    keyResults: [kr:g2]
constraints:
  - id: constraint:gc
    title: A constraint
    kind: performance
    appliesTo: ["src/mod1/**"]
debt:
  - id: debt:d1
    title: High and middling
    hurts: [kr:g1]
    cost: M
    impact: high
  - id: debt:d2
    title: High and cheap
    hurts: [kr:g2]
    cost: S
    impact: high
  - id: debt:d3
    title: Low and large
    hurts: [problem:gp]
    cost: L
    impact: low
    tracker: T-1
scopes:
  - paths: ["src/mod2/**"]
    serves: [kr:g2]
`;

function tsFile(i: number): string {
  const kr = i % 2 ? 'kr:g1' : 'kr:g2';
  return [
    `// @intent ${i % 3 === 0 ? 'problem:gp' : kr}`,
    `export function fn${i}(): number {`,
    `  // TODO item ${i}`,
    `  return ${i};`,
    `}`,
    ``,
    `export class C${i} {`,
    `  // @intent kr:g1 -- inside the class: binds to the method below`,
    `  // HACK right below an @intent tag: triaged by it (any tag within a line counts)`,
    `  method${i}(): number {`,
    // Notes sort in the reverse of file order: a ranking that breaks ties by title would disagree.
    `    return ${i}; // @debt kr:g${1 + (i % 2)} -- trailing ${String.fromCharCode(122 - i)}: binds to the enclosing method`,
    `  }`,
    `}`,
    `// FIXME triaged by the tag below`,
    `// @debt debt:d${1 + (i % 3)}`,
    `export const later${i} = ${i}; // @intent ${i % 4 === 0 ? 'kr:old' : 'kr:g2'}`,
    ``,
  ].join('\n');
}

function pyFile(i: number): string {
  return [
    `# @intent problem:gp`,
    `def work_${i}():`,
    `    """Docstring. @intent kr:g2"""`,
    `    return ${i}`,
    ``,
    ``,
    `class K${i}:`,
    `    # @intent kr:g1`,
    `    def m(self):`,
    `        pass  # TODO later ${i}`,
    ``,
  ].join('\n');
}

/** A repository whose first commit holds only the manifests and non-code files, the second everything else. */
function generatedRepo(): TempRepo {
  const repo = new TempRepo('intent-consistency-gen-');
  repo.write('intent.yaml', GENERATED_MANIFEST);
  repo.write('LICENSE', 'MIT License\nTODO: nothing here is code\n');
  repo.write('CHANGELOG.md', '# Changes\n<!-- TODO: not code -->\n');
  repo.write('pnpm-lock.yaml', 'lockfileVersion: 9\n# TODO not code\n');
  repo.commit('manifest');
  for (let i = 0; i < 6; i++) repo.write(`src/mod${i % 3}/f${i}.ts`, tsFile(i));
  for (let i = 0; i < 2; i++) repo.write(`worker/w${i}.py`, pyFile(i));
  repo.write('src/mod2/__snapshots__/f2.test.ts.snap', '// TODO generated\nexports[`x`] = 1;\n');
  repo.write('src/mod2/fixture.shot', '// TODO generated fixture\n');
  repo.commit('code');
  return repo;
}

/** The demo as a repository: manifests first, then the code, so a review sees every tag as added. */
function demoRepo(): TempRepo {
  const repo = new TempRepo('intent-consistency-demo-');
  cpSync(join(ROOT, 'demo'), repo.dir, { recursive: true });
  repo.git('add', '--', ...walk(repo.dir).filter((f) => f.endsWith('intent.yaml')));
  repo.gitAt(undefined, 'commit', '-q', '-m', 'manifests');
  repo.commit('code');
  return repo;
}

function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === '.git' || name === 'node_modules') continue;
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...walk(abs, base));
    else out.push(relative(base, abs).split('\\').join('/'));
  }
  return out;
}

async function json<T>(args: string[], cwd: string): Promise<T> {
  const run = await runCli(args, cwd);
  assert.ok(run.code === 0 || run.code === 1, `${args.join(' ')}: ${run.err}`);
  return JSON.parse(run.out) as T;
}

interface ExplainJson {
  readonly symbols: readonly string[];
  readonly links: readonly { readonly id: string; readonly provenance: { readonly kind: string; readonly line?: number; readonly symbol?: string } }[];
}

interface ReviewJson {
  readonly files: readonly { readonly path: string; readonly changes: readonly { readonly symbols: readonly string[] }[] }[];
  readonly groups: readonly ReviewGroupJson[];
}

interface ReviewGroupJson {
  readonly id: string;
  readonly changes: readonly { readonly file: string; readonly symbols: readonly string[] }[];
  readonly children: readonly ReviewGroupJson[];
}

function findGroup(groups: readonly ReviewGroupJson[], id: string): ReviewGroupJson | undefined {
  for (const g of groups) {
    if (g.id === id) return g;
    const inner = findGroup(g.children, id);
    if (inner) return inner;
  }
  return undefined;
}

function allChanges(group: ReviewGroupJson): { file: string; symbols: readonly string[] }[] {
  return [...group.changes, ...group.children.flatMap(allChanges)];
}

for (const [name, make] of [['demo', demoRepo], ['a generated tree', generatedRepo]] as const) {
  describe(`one code model: every surface agrees on ${name}`, function () {
    this.timeout(180_000);
    let repo: TempRepo;
    let project: IntentProject;
    let model: CodeModel;
    let report: Report;
    let host: NodeHost;
    let finder: TreeSitterSymbolFinder;

    before(async () => {
      repo = make();
      host = new NodeHost(repo.dir, { workers: 0 });
      finder = new TreeSitterSymbolFinder();
      project = await IntentProject.open(host, { finder });
      model = project.model;
      report = await json<Report>(['report', repo.dir, '--format', 'json'], repo.dir);
    });
    after(() => {
      finder.dispose();
      host.dispose();
      repo.dispose();
    });

    it('untriaged markers: the Tech Debt view and the report count the same ones', () => {
      const byFile = new Map<string, number>();
      for (const m of model.untriaged()) byFile.set(m.file, (byFile.get(m.file) ?? 0) + 1);
      assert.ok(model.untriaged().length > 0, 'the tree has untriaged markers');
      assert.equal(report.untriaged.count, model.untriaged().length);
      assert.deepEqual(Object.fromEntries(report.untriaged.byFile.map((f) => [f.file, f.count])), Object.fromEntries(byFile));
    });

    it('debt order: the report ranks exactly as the Tech Debt view groups', () => {
      const key = (d: { id?: string; anchors: readonly { file: string; line: number }[] }) => d.id ?? `${d.anchors[0].file}:${d.anchors[0].line}`;
      const modelKeys = model.debt().map((d) => (d.kind === 'item' ? d.item.id : `${d.file}:${d.tag.range.start.line}`));
      assert.ok(modelKeys.length > 2);
      assert.deepEqual(report.debt.map(key), modelKeys);
      // Within every group of the view, the entries keep the one ranking.
      for (const group of model.debtGroups()) {
        const order = group.entries.map((e) => modelKeys.indexOf(e.kind === 'item' ? e.item.id : `${e.file}:${e.tag.range.start.line}`));
        assert.deepEqual(order, [...order].sort((a, b) => a - b), group.id);
      }
    });

    it('linked code per KR: the Objectives tree (KR, its problems, their code) and the report list the same files', () => {
      for (const objective of report.objectives) {
        for (const kr of objective.keyResults) {
          const tree = new Set(model.linkedCode(kr.id).map((f) => f.file));
          for (const problem of model.problemsFor(kr.id)) for (const f of model.linkedCode(problem.id)) tree.add(f.file);
          assert.deepEqual(kr.code.files, [...tree].sort(), kr.id);
          assert.deepEqual(kr.code.files, model.filesServing(kr.id), kr.id);
          for (const file of kr.code.files) assert.ok(model.files().includes(file), `${file} is code`);
        }
      }
    });

    it('binding of every tag: the model, explain, the report and the review bind each tag to the same symbol', async () => {
      const review = await json<ReviewJson>(['review', repo.dir, '--base', 'HEAD~1', '--format', 'json'], repo.dir);
      let checked = 0;
      for (const [file, scan] of model.entries()) {
        if (scan.tags.length === 0) continue;
        const explained = new Map<number | undefined, ExplainJson>();
        const explain = async (line?: number) => {
          if (!explained.has(line)) explained.set(line, await json<ExplainJson>(['explain', `${file}${line === undefined ? '' : `:${line + 1}`}`, '--root', repo.dir, '--format', 'json'], repo.dir));
          return explained.get(line)!;
        };
        const units = review.files.find((f) => f.path === file)?.changes.map((c) => c.symbols.join(' › ')) ?? [];
        for (const { tag, target } of await model.bindings(file)) {
          const tagLine = tag.range.start.line;
          if (target.kind === 'file') {
            const links = (await explain()).links.filter((l) => l.provenance.kind === 'file' && l.provenance.line === tagLine + 1);
            assert.deepEqual(links.map((l) => l.id), tag.ids.map((r) => r.id), `${file}:${tagLine + 1} binds to the file`);
          } else {
            const bound = target.path[target.path.length - 1];
            const at = await explain(bound.selectionRange.start.line);
            const links = at.links.filter((l) => l.provenance.kind === 'tag' && l.provenance.line === tagLine + 1);
            assert.deepEqual(links.map((l) => [l.id, l.provenance.symbol]), tag.ids.map((r) => [r.id, bound.name]), `${file}:${tagLine + 1} → ${bound.name}`);
            assert.deepEqual(at.symbols, target.path.map((s) => s.name));
            assert.ok(units.includes(target.path.map((s) => s.name).join(' › ')), `review has a change to ${bound.name} in ${file}`);
          }
          if (tag.kind !== 'debt') {
            const name = target.kind === 'symbol' ? target.path.map((s) => s.name).join(' › ') : '';
            for (const ref of tag.ids) {
              const item = model.item(ref.id);
              if (item?.kind !== 'objective' && item?.kind !== 'keyResult') continue;
              const serving = item.kind === 'objective' ? report.objectives.find((o) => o.id === item.id)?.code : report.objectives.flatMap((o) => o.keyResults).find((k) => k.id === item.id)?.code;
              assert.ok(serving?.symbols.some((s) => s.file === file && s.name === name), `report names ${name || 'the file'} for ${ref.id}`);
              if (item.kind === 'keyResult' && target.kind === 'symbol' && !model.isRetired(item)) {
                const group = findGroup(review.groups, item.id);
                assert.ok(group && allChanges(group).some((c) => c.file === file && c.symbols.join(' › ') === name), `review groups ${name} under ${item.id}`);
              }
            }
          }
          checked++;
        }
      }
      assert.ok(checked >= 20, `checked ${checked} tags`);
    });

    it('findings: check reports exactly the model\'s findings', async () => {
      const check = await json<{ findings: { code: string; file: string; line: number }[] }>(['check', repo.dir, '--format', 'json'], repo.dir);
      assert.deepEqual(check.findings.map((f) => `${f.code} ${f.file}:${f.line}`), model.findings().map((f) => `${f.code} ${f.file}:${f.range.start.line + 1}`));
    });
  });
}

describe('one code model: the generated tree keeps non-code out', function () {
  this.timeout(60_000);
  it('LICENSE, CHANGELOG, lockfiles, snapshots and .shot fixtures are neither linked code, coverage nor untriaged', async () => {
    const repo = generatedRepo();
    const host = new NodeHost(repo.dir, { workers: 0 });
    try {
      const model = (await IntentProject.open(host)).model;
      const nonCode = ['LICENSE', 'CHANGELOG.md', 'pnpm-lock.yaml', 'src/mod2/__snapshots__/f2.test.ts.snap', 'src/mod2/fixture.shot'];
      for (const file of nonCode) {
        assert.ok(model.allFiles().includes(file), `${file} is listed`);
        assert.ok(!model.files().includes(file), `${file} is not code`);
      }
      assert.deepEqual(model.linkedCode('kr:g2').filter((f) => nonCode.includes(f.file)), []);
      assert.deepEqual(model.untriaged().filter((m) => nonCode.includes(m.file)), []);
    } finally {
      host.dispose();
      repo.dispose();
    }
  });
});

/** Source files under a folder, root-relative. */
function sources(dir: string): string[] {
  return walk(join(ROOT, dir)).map((f) => `${dir}/${f}`).filter((f) => f.endsWith('.ts'));
}

describe('one code model: no surface derives what the model owns', () => {
  // Each concept has one home; a call from anywhere else is a second copy that will drift.
  const RULES: { what: string; pattern: RegExp; allowed: readonly string[] }[] = [
    { what: 'tag binding', pattern: /\battributeTags\(/, allowed: ['src/core/tags/attribution.ts', 'src/core/model/binding.ts', 'src/core/analysis/effectiveIntent.ts'] },
    { what: 'debt ranking', pattern: /\b(?:rankDebt|groupDebt|compareDebt|impactRank|costRank)\(/, allowed: ['src/core/model/debtRanking.ts', 'src/core/model/codeModel.ts'] },
    { what: 'the untriaged rule', pattern: /\buntriagedMarkers\(/, allowed: ['src/core/model/untriaged.ts', 'src/core/model/codeModel.ts'] },
    { what: 'the code-file rule', pattern: /\blanguageForPath\(/, allowed: ['src/core/tags/', 'src/core/index/fileScan.ts', 'src/core/symbols/', 'src/core/editor/completionContext.ts', 'src/core/views/commentText.ts', 'src/core/model/codeFile.ts', 'src/node/', 'src/core/lock/codeTokens.ts'] },
    { what: 'the successor chain', pattern: /items\.get\([^)]*supersededBy/, allowed: ['src/core/model/retired.ts'] },
    { what: 'a direct successor shown as the successor', pattern: /\.supersededBy\.replace\(/, allowed: [] },
    { what: 'a private index view', pattern: /\.index\.(?:tagsById|allEntries|entry)\(/, allowed: ['src/core/model/codeModel.ts', 'src/vscode/editor/occurrences.ts'] },
  ];

  for (const rule of RULES) {
    it(`${rule.what} has one home`, () => {
      const offenders = [...sources('src/core'), ...sources('src/cli'), ...sources('src/vscode'), ...sources('src/node')]
        .filter((file) => !rule.allowed.some((a) => file === a || (a.endsWith('/') && file.startsWith(a))))
        .filter((file) => rule.pattern.test(readFileSync(join(ROOT, file), 'utf8')));
      assert.deepEqual(offenders, []);
    });
  }
});
