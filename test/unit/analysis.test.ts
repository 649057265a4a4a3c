// Findings that need manifests and code together (IL005, IL010–IL012, IL020, IL022), each at an exact
// position, and the effective intent at a place with its provenance.
import { strict as assert } from 'node:assert';
import { describeProvenance, effectiveIntent } from '../../src/core/analysis/effectiveIntent';
import { IntentProject, loadGraph } from '../../src/core/project';
import type { Finding } from '../../src/core/types';
import { MemoryHost } from './support/memoryHost';

const MANIFEST = `version: 1
objectives:
  - id: obj:fast
    title: Fast casting
    keyResults:
      - id: kr:cycle
        title: Cycle from 7 to 3 days
        baseline: 7
        target: 3
        current: 5
  - id: obj:old
    title: Old objective
    status: achieved
    supersededBy: obj:fast
    keyResults:
      - id: kr:old
        title: Old KR
problems:
  - id: problem:search
    title: Cannot search
    keyResults: [kr:cycle]
  - id: problem:lonely
    title: Nobody links me
constraints:
  - id: constraint:no-pii
    title: No PII in logs
    appliesTo: ["src/**/*.ts", "!src/**/*.test.ts", "lib/nothing/**"]
debt:
  - id: debt:anchored
    title: Anchored in code
  - id: debt:tracked
    title: Has a tracker
    tracker: CAST-1
  - id: debt:lost
    title: Neither
scopes:
  - paths: ["src/search/**", "src/gone/**"]
    serves: [problem:search]
`;

const SEARCH = `// @intent-file obj:fast
import { db } from '../db';

export class Search {
  // @intent kr:cycle -- the hot path
  run(query: string) {
    return db.find(query);
  }

  other() {
    // @intent kr:cyle
    return 1;
  }
}

// @intent obj:old
export function legacy() {}

// @intent
export function broken() {}

// @debt debt:anchored -- N+1 here
export function slow() {}
`;

async function project(files: Record<string, string>) {
  return IntentProject.open(new MemoryHost(files));
}

const at = (f: Finding) => `${f.code} ${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.message}`;

describe('code findings', () => {
  let findings: string[];
  before(async () => {
    const p = await project({ 'intent.yaml': MANIFEST, 'src/search/search.ts': SEARCH, 'src/search/search.test.ts': '// test\n' });
    findings = p.findings().map(at);
  });

  it('IL005: a glob that matches no file, at the glob itself', () => {
    assert.ok(findings.includes("IL005 intent.yaml:27:53-27:69 glob 'lib/nothing/**' of constraint 'constraint:no-pii' matches no file"), findings.join('\n'));
    assert.ok(findings.includes("IL005 intent.yaml:37:30-37:43 glob 'src/gone/**' of scope matches no file"), findings.join('\n'));
  });

  it('IL010: an unknown ID in a tag, with a suggestion', () => {
    assert.ok(findings.includes("IL010 src/search/search.ts:11:16-11:23 unknown ID 'kr:cyle' (did you mean 'kr:cycle'?)"), findings.join('\n'));
  });

  it('IL011: a link to a retired item names its successor', () => {
    assert.ok(findings.includes("IL011 src/search/search.ts:16:12-16:19 'obj:old' is achieved; its successor is 'obj:fast'"), findings.join('\n'));
  });

  it('IL012: a malformed tag', () => {
    assert.deepEqual(findings.filter((f) => f.startsWith('IL012')).map((f) => f.split(' ').slice(0, 2).join(' ')), ['IL012 src/search/search.ts:19:4-19:11']);
  });

  it('IL020: a KR or problem with no linked code (a KR of a linked problem counts as linked)', () => {
    const il020 = findings.filter((f) => f.startsWith('IL020'));
    assert.deepEqual(il020, ["IL020 intent.yaml:22:9-22:23 problem 'problem:lonely' has no linked code (tag it with @intent or add a scope that serves it)"]);
  });

  it('IL022: a debt item with neither anchor nor tracker', () => {
    const il022 = findings.filter((f) => f.startsWith('IL022'));
    assert.deepEqual(il022, ["IL022 intent.yaml:34:9-34:18 debt item 'debt:lost' has neither a code anchor (@debt debt:lost) nor a tracker"]);
  });

  it('recomputes glob findings when files come and go, and reuses them while only contents change', async () => {
    const host = new MemoryHost({ 'intent.yaml': MANIFEST, 'src/search/search.ts': SEARCH });
    const p = await IntentProject.open(host);
    const il005 = () => p.findings().filter((f) => f.code === 'IL005').map((f) => f.message);
    assert.deepEqual(il005(), ["glob 'lib/nothing/**' of constraint 'constraint:no-pii' matches no file", "glob 'src/gone/**' of scope matches no file"]);
    const listing = p.index.files();
    host.set('src/search/search.ts', SEARCH + '// edited\n');
    await p.index.update(['src/search/search.ts']);
    assert.equal(p.index.files(), listing, 'a content-only change keeps the listing (and the cached glob results)');
    host.set('src/gone/back.ts', 'export const back = 1;\n');
    await p.index.update(['src/gone/back.ts']);
    assert.notEqual(p.index.files(), listing);
    assert.deepEqual(il005(), ["glob 'lib/nothing/**' of constraint 'constraint:no-pii' matches no file"]);
    host.delete('src/gone/back.ts');
    await p.index.apply({ changed: [], deleted: ['src/gone/back.ts'] });
    assert.deepEqual(il005(), ["glob 'lib/nothing/**' of constraint 'constraint:no-pii' matches no file", "glob 'src/gone/**' of scope matches no file"]);
  });

  it('offers the suggestion and a new item as fixes', async () => {
    const p = await project({ 'intent.yaml': MANIFEST, 'src/search/search.ts': SEARCH });
    const il010 = p.findings().find((f) => f.code === 'IL010');
    assert.deepEqual(il010?.fixes?.map((x) => (x.kind === 'replaceId' ? `replace ${x.replacement}` : `add ${x.id}`)), ['replace kr:cycle', 'add kr:cyle']);
  });
});

describe('effective intent', () => {
  it('gives each link at a place with its provenance', async () => {
    const p = await project({ 'intent.yaml': MANIFEST, 'src/search/search.ts': SEARCH });
    const symbols = [
      {
        name: 'Search', kind: 'class', range: { start: { line: 3, character: 0 }, end: { line: 13, character: 1 } }, selectionRange: { start: { line: 3, character: 13 }, end: { line: 3, character: 19 } },
        children: [
          { name: 'run', kind: 'method', range: { start: { line: 5, character: 2 }, end: { line: 7, character: 3 } }, selectionRange: { start: { line: 5, character: 2 }, end: { line: 5, character: 5 } }, children: [] },
          { name: 'other', kind: 'method', range: { start: { line: 9, character: 2 }, end: { line: 12, character: 3 } }, selectionRange: { start: { line: 9, character: 2 }, end: { line: 9, character: 7 } }, children: [] },
        ],
      },
      ...[['legacy', 16], ['broken', 19], ['slow', 22]].map(([name, line]) => ({
        name: name as string, kind: 'function', children: [],
        range: { start: { line: line as number, character: 0 }, end: { line: line as number, character: 27 } },
        selectionRange: { start: { line: line as number, character: 16 }, end: { line: line as number, character: 22 } },
      })),
    ];
    const result = effectiveIntent({ graph: p.graph, file: 'src/search/search.ts', line: 6, scan: p.index.entry('src/search/search.ts'), symbols });
    assert.deepEqual(result.symbols, ['Search', 'run']);
    assert.deepEqual(result.links.map((l) => `${l.id} ← ${describeProvenance(l.via)}`), [
      'obj:fast ← file tag (line 1)',
      'kr:cycle ← tagged here (line 5)',
      'problem:search ← via scope src/search/** (intent.yaml)',
      'constraint:no-pii ← applies via src/**/*.ts (intent.yaml)',
    ]);
    // In the other method, the run() tag does not apply; the unknown ID is still shown as a link.
    const other = effectiveIntent({ graph: p.graph, file: 'src/search/search.ts', line: 11, scan: p.index.entry('src/search/search.ts'), symbols });
    assert.deepEqual(other.links.map((l) => `${l.id}${l.item ? '' : ' (unknown)'}`), ['obj:fast', 'kr:cyle (unknown)', 'problem:search', 'constraint:no-pii', 'kr:cycle']);
  });

  it('excludes negated globs and files outside the scope', async () => {
    const p = await project({ 'intent.yaml': MANIFEST, 'src/search/search.test.ts': '// nothing\n', 'docs/a.md': '# doc\n' });
    const test = effectiveIntent({ graph: p.graph, file: 'src/search/search.test.ts' });
    assert.deepEqual(test.links.map((l) => l.id), ['problem:search', 'kr:cycle', 'obj:fast']);
    const doc = effectiveIntent({ graph: p.graph, file: 'docs/a.md' });
    assert.deepEqual(doc.links, []);
  });

  it('resolves scopes of a nested manifest relative to its folder', async () => {
    const nested = 'version: 1\nscopes:\n  - paths: ["src/**"]\n    serves: [kr:cycle]\n';
    const p = await project({ 'intent.yaml': MANIFEST, 'packages/pay/intent.yaml': nested, 'packages/pay/src/a.ts': 'x\n', 'src/b.ts': 'y\n' });
    assert.deepEqual(effectiveIntent({ graph: p.graph, file: 'packages/pay/src/a.ts' }).links.filter((l) => l.via.kind === 'scope').map((l) => l.id), ['kr:cycle']);
    assert.deepEqual(effectiveIntent({ graph: p.graph, file: 'src/b.ts' }).links.filter((l) => l.via.kind === 'scope').map((l) => l.id), []);
  });
});

describe('loading manifests with a last good copy (the editor)', () => {
  it('keeps the last good items while a manifest has a syntax error, and reports the error on the new text', async () => {
    const host = new MemoryHost({ 'intent.yaml': MANIFEST });
    const lastGood = new Map<string, string>();
    const good = await loadGraph(host, ['intent.yaml'], lastGood);
    assert.ok(good.items.has('kr:cycle'));
    host.set('intent.yaml', 'version: [1\n');
    const broken = await loadGraph(host, ['intent.yaml'], lastGood);
    assert.ok(broken.items.has('kr:cycle'), 'the last good items still load');
    assert.deepEqual(broken.findings.map((f) => `${f.code} ${f.severity} ${f.range.start.line}`), ['IL001 error 1']);
    // Without a last good copy (the CLI), the truth: no items.
    assert.equal((await loadGraph(host, ['intent.yaml'])).items.size, 0);
    host.set('intent.yaml', MANIFEST.replace('Fast casting', 'Faster casting'));
    const fixed = await loadGraph(host, ['intent.yaml'], lastGood);
    assert.equal(fixed.items.get('obj:fast')?.title, 'Faster casting');
    assert.deepEqual(fixed.findings.filter((f) => f.code === 'IL001'), []);
    host.delete('intent.yaml');
    await loadGraph(host, ['intent.yaml'], lastGood);
    assert.equal(lastGood.size, 0, 'a deleted manifest leaves no last good copy behind');
  });
});
