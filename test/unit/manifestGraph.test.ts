// buildGraph: merging manifests, IL003 at both places, IL004 with suggestion and fix, kind checks, IL021.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraph, suggest } from '../../src/core/manifest';
import type { Finding } from '../../src/core/types';

const FIXTURES = join(__dirname, '..', 'fixtures', 'manifests');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function show(f: Finding): string {
  const { start, end } = f.range;
  return `${f.code} ${f.file} ${start.line}:${start.character}-${end.line}:${end.character} ${f.message}`;
}

describe('buildGraph', () => {
  it('merges a root and a package manifest into one graph', () => {
    const graph = buildGraph([
      { path: 'packages/billing/intent.yaml', text: fixture('valid/package-billing.yaml') },
      { path: 'intent.yaml', text: fixture('valid/product-example.yaml') },
    ]);
    assert.deepEqual(graph.findings, []);
    assert.deepEqual(graph.manifests, [
      { path: 'intent.yaml', base: '', product: 'Casting Hub', parsed: true },
      { path: 'packages/billing/intent.yaml', base: 'packages/billing', product: 'Billing', parsed: true },
    ]);
    assert.deepEqual([...graph.items.keys()], [
      'obj:faster-casting', 'kr:cycle-time', 'problem:availability-search', 'constraint:no-pii-in-logs', 'debt:n-plus-one',
      'obj:reliable-billing', 'kr:invoice-disputes', 'kr:legacy-disputes', 'constraint:pci', 'debt:float-money',
    ]);
    const kr = graph.items.get('kr:invoice-disputes');
    assert.deepEqual(kr?.kind === 'keyResult' && [kr.objective, kr.source.manifest, kr.source.idRange.start.line], [
      'obj:reliable-billing', 'packages/billing/intent.yaml', 10,
    ]);
    const pci = graph.items.get('constraint:pci');
    assert.deepEqual(pci?.kind === 'constraint' && [pci.base, pci.objectives], ['packages/billing', ['obj:reliable-billing']]);
    assert.deepEqual(graph.scopes.map((s) => [s.base, s.source.manifest, s.paths.join(' ')]), [
      ['', 'intent.yaml', 'src/search/**'],
      ['packages/billing', 'packages/billing/intent.yaml', 'src/invoices/**'],
    ]);
  });

  it('keeps a manifest that failed to parse in the list, marked unparsed, without items', () => {
    const graph = buildGraph([
      { path: 'intent.yaml', text: fixture('valid/product-example.yaml') },
      { path: 'legacy/intent.yaml', text: fixture('invalid/syntax-error.yaml') },
    ]);
    assert.deepEqual(graph.manifests[1], { path: 'legacy/intent.yaml', base: 'legacy', parsed: false });
    assert.deepEqual(graph.findings.map((f) => `${f.code} ${f.file}`), ['IL001 legacy/intent.yaml']);
    assert.equal(graph.items.size, 5);
  });

  it('reports a duplicate ID at each place, each pointing at the other', () => {
    const graph = buildGraph([
      { path: 'packages/web/intent.yaml', text: fixture('invalid/duplicate-package.yaml') },
      { path: 'intent.yaml', text: fixture('invalid/duplicate-root.yaml') },
    ]);
    assert.deepEqual(graph.findings.map(show), [
      "IL003 intent.yaml 5:12-5:21 duplicate ID 'kr:shared': also declared in packages/web/intent.yaml",
      "IL003 packages/web/intent.yaml 2:8-2:17 duplicate ID 'kr:shared': also declared in intent.yaml",
    ]);
    assert.deepEqual(graph.findings[0].related, [{
      file: 'packages/web/intent.yaml', range: { start: { line: 2, character: 8 }, end: { line: 2, character: 17 } }, message: "'kr:shared' is also declared here",
      l10n: { template: "'{0}' is also declared here", args: ['kr:shared'] },
    }]);
    assert.deepEqual(graph.findings[1].related, [{
      file: 'intent.yaml', range: { start: { line: 5, character: 12 }, end: { line: 5, character: 21 } }, message: "'kr:shared' is also declared here",
      l10n: { template: "'{0}' is also declared here", args: ['kr:shared'] },
    }]);
    // The root manifest's declaration wins, whatever order the host listed the files in.
    assert.equal(graph.items.get('kr:shared')?.kind, 'keyResult');
  });

  it('reports duplicates inside one manifest too, with all other places related', () => {
    const text = 'version: 1\nproblems:\n  - {id: problem:a, title: A}\n  - {id: problem:a, title: B}\n  - {id: problem:a, title: C}\n';
    const graph = buildGraph([{ path: 'intent.yaml', text }]);
    assert.deepEqual(graph.findings.map(show), [
      "IL003 intent.yaml 2:9-2:18 duplicate ID 'problem:a': also declared in this manifest",
      "IL003 intent.yaml 3:9-3:18 duplicate ID 'problem:a': also declared in this manifest",
      "IL003 intent.yaml 4:9-4:18 duplicate ID 'problem:a': also declared in this manifest",
    ]);
    assert.deepEqual(graph.findings[1].related?.map((r) => r.range.start.line), [2, 4]);
    assert.equal(graph.items.get('problem:a')?.title, 'A');
  });

  it('reports unknown and wrong-kind references at their exact range, with a suggestion and a fix', () => {
    const graph = buildGraph([{ path: 'intent.yaml', text: fixture('invalid/references.yaml') }]);
    assert.deepEqual(graph.findings.map(show), [
      "IL021 intent.yaml 7:8-7:18 objective 'obj:no-krs' has no key results: add at least one to make it measurable",
      "IL004 intent.yaml 12:17-12:29 problems[0].keyResults[0]: unknown ID 'kr:cycle-tme' (did you mean 'kr:cycle-time'?)",
      "IL004 intent.yaml 12:31-12:49 problems[0].keyResults[1]: 'obj:faster-casting' is an objective, but 'keyResults' must name key results",
      "IL004 intent.yaml 16:17-16:30 constraints[0].objectives[0]: 'kr:cycle-time' is a key result, but 'objectives' must name objectives",
      "IL004 intent.yaml 20:12-20:25 debt[0].hurts[0]: unknown ID 'problem:serch' (did you mean 'problem:search'?)",
      "IL004 intent.yaml 20:27-20:52 debt[0].hurts[1]: unknown ID 'kr:nothing-like-it-at-all'",
      "IL004 intent.yaml 23:13-23:30 scopes[0].serves[0]: unknown ID 'obj:faster-castin' (did you mean 'obj:faster-casting'?)",
    ]);
    const [, typo, wrongKind] = graph.findings;
    assert.deepEqual(typo.fixes, [{ kind: 'replaceId', range: typo.range, replacement: 'kr:cycle-time' }]);
    assert.equal(wrongKind.fixes, undefined);
    assert.equal(graph.findings.find((f) => f.message.includes('nothing-like'))?.fixes, undefined);
    assert.deepEqual(graph.findings.map((f) => f.severity), ['info', 'error', 'error', 'error', 'error', 'error', 'error']);
  });

  it('resolves references across manifests', () => {
    const graph = buildGraph([
      { path: 'intent.yaml', text: 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults: [{id: kr:a, title: KR}]\n' },
      { path: 'svc/intent.yaml', text: 'version: 1\ndebt:\n  - {id: debt:x, title: X, hurts: [kr:a, obj:a]}\nscopes:\n  - {paths: [src/**], serves: [kr:a]}\n' },
    ]);
    assert.deepEqual(graph.findings, []);
  });

  it('checks supersededBy and what scopes may serve', () => {
    const text = [
      'version: 1',
      'objectives:',
      '  - {id: obj:old, title: Old, status: superseded, supersededBy: kr:new, keyResults: [{id: kr:new, title: N}]}',
      'debt:',
      '  - {id: debt:a, title: A, supersededBy: debt:a}',
      'scopes:',
      '  - {paths: [src/**], serves: [debt:a]}',
    ].join('\n');
    const graph = buildGraph([{ path: 'intent.yaml', text }]);
    assert.deepEqual(graph.findings.map(show), [
      "IL004 intent.yaml 2:64-2:70 objectives[0].supersededBy: 'kr:new' is a key result, but an objective can only be superseded by another of its kind",
      "IL004 intent.yaml 4:41-4:47 debt[0].supersededBy: 'debt:a' cannot supersede itself",
      "IL004 intent.yaml 6:31-6:37 scopes[0].serves[0]: 'debt:a' is a debt item, but 'serves' must name objectives, key results or problems",
    ]);
  });

  it('does not report references to an item already reported as invalid', () => {
    const text = 'version: 1\nobjectives:\n  - id: obj:a\n    keyResults: [{id: kr:a, title: A}]\nproblems:\n  - {id: problem:p, title: P, keyResults: [kr:a]}\nconstraints:\n  - {id: constraint:c, title: C, objectives: [obj:a]}\n';
    const graph = buildGraph([{ path: 'intent.yaml', text }]);
    assert.deepEqual(graph.findings.map(show), ["IL002 intent.yaml 2:4-2:6 objectives[0]: missing required 'title'"]);
  });

  it('does not ask for key results of a dropped objective, nor of one whose key results are broken', () => {
    const text = 'version: 1\nobjectives:\n  - {id: obj:d, title: D, status: dropped}\n  - {id: obj:b, title: B, keyResults: [{id: kr:b}]}\n';
    const graph = buildGraph([{ path: 'intent.yaml', text }]);
    assert.deepEqual(graph.findings.map((f) => f.code), ['IL002']);
  });
});

describe('suggest', () => {
  const ids = ['obj:faster-casting', 'kr:cycle-time', 'kr:cycle-count', 'problem:availability-search', 'debt:n-plus-one'];

  it('finds typos, transpositions, case and prefix mistakes', () => {
    assert.equal(suggest('kr:cycle-tme', ids), 'kr:cycle-time');
    assert.equal(suggest('kr:cycel-time', ids), 'kr:cycle-time');
    assert.equal(suggest('KR:Cycle-Time', ids), 'kr:cycle-time');
    assert.equal(suggest('obj:cycle-time', ids), 'kr:cycle-time');
    assert.equal(suggest('cycle-time', ids), 'kr:cycle-time');
    assert.equal(suggest('debt:n-plus-on', ids), 'debt:n-plus-one');
  });

  it('stays quiet when nothing is close, and never suggests the id itself', () => {
    assert.equal(suggest('kr:revenue', ids), undefined);
    assert.equal(suggest('kr:cycle-time', ['kr:cycle-time']), undefined);
    assert.equal(suggest('ab', ['ac']), undefined);
    assert.equal(suggest('', ids), undefined);
  });

  it('prefers the closest of several near candidates', () => {
    assert.equal(suggest('kr:cycle-cont', ids), 'kr:cycle-count');
  });

  it('handles many candidates quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `kr:metric-number-${i}`);
    const started = Date.now();
    assert.equal(suggest('kr:metric-numbr-4242', many), 'kr:metric-number-4242');
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});
