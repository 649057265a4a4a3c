// parseManifest: IL001/IL002 at exact positions, partial loading, and hostile input (size, aliases, __proto__, globs).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../../src/core/manifest';
import type { Finding, Objective, Problem } from '../../src/core/types';

const FIXTURES = join(__dirname, '..', 'fixtures', 'manifests');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** `code line:char-line:char message`, the shape the assertions compare. */
function show(f: Finding): string {
  const { start, end } = f.range;
  return `${f.code} ${start.line}:${start.character}-${end.line}:${end.character} ${f.message}`;
}

describe('parseManifest', () => {
  it('loads the PRODUCT.md example with every field and exact source ranges', () => {
    const { manifest, findings } = parseManifest(fixture('valid/product-example.yaml'), 'intent.yaml');
    assert.deepEqual(findings, []);
    assert.ok(manifest);
    assert.deepEqual(manifest.info, { path: 'intent.yaml', base: '', product: 'Casting Hub', parsed: true });
    assert.deepEqual(manifest.items.map((i) => `${i.kind} ${i.id}`), [
      'objective obj:faster-casting',
      'keyResult kr:cycle-time',
      'problem problem:availability-search',
      'constraint constraint:no-pii-in-logs',
      'debt debt:n-plus-one',
    ]);
    const [objective, kr, problem, constraint, debt] = manifest.items;
    assert.deepEqual(objective, {
      kind: 'objective', id: 'obj:faster-casting', title: 'Cut casting turnaround', owner: 'Product / Casting',
      status: 'active', period: '2026-Q4', keyResults: ['kr:cycle-time'],
      source: {
        manifest: 'intent.yaml',
        // From `id:` on line 3 to the end of `unit: days`, trailing comments excluded.
        range: { start: { line: 3, character: 4 }, end: { line: 15, character: 18 } },
        idRange: { start: { line: 3, character: 8 }, end: { line: 3, character: 26 } },
      },
    });
    assert.equal(kr.kind === 'keyResult' && kr.objective, 'obj:faster-casting');
    assert.deepEqual(kr.kind === 'keyResult' && [kr.baseline, kr.current, kr.target, kr.unit, kr.metric], [7, 5, 3, 'days', 'casting_cycle_days_p50']);
    assert.deepEqual((problem as Problem).evidence, ['https://example.org/research/42', 'Interviews, Oct 2026']);
    assert.deepEqual((problem as Problem).keyResults, ['kr:cycle-time']);
    // The item range stops before the trailing comment of its last line.
    assert.deepEqual(problem.source.range, { start: { line: 17, character: 4 }, end: { line: 21, character: 31 } });
    assert.deepEqual(constraint.kind === 'constraint' && [constraint.constraintKind, constraint.appliesTo, constraint.base], [
      'security', ['src/**/*.ts', '!src/**/*.test.ts'], '',
    ]);
    assert.deepEqual(debt.kind === 'debt' && [debt.hurts, debt.cost, debt.impact, debt.tracker], [['kr:cycle-time'], 'M', 'high', 'CAST-412']);
    assert.deepEqual(manifest.scopes, [{
      paths: ['src/search/**'],
      serves: ['problem:availability-search', 'kr:cycle-time'],
      pathRanges: [{ start: { line: 35, character: 12 }, end: { line: 35, character: 27 } }],
      servesRanges: [
        { start: { line: 36, character: 13 }, end: { line: 36, character: 40 } },
        { start: { line: 36, character: 42 }, end: { line: 36, character: 55 } },
      ],
      base: '',
      source: { manifest: 'intent.yaml', range: { start: { line: 35, character: 4 }, end: { line: 36, character: 56 } } },
    }]);
    // Each glob of appliesTo has its own range, so IL005 can point at the glob itself.
    assert.deepEqual(constraint.kind === 'constraint' && constraint.appliesToRanges?.map((r) => `${r.start.line}:${r.start.character}-${r.end.character}`), [
      '26:16-29', '26:31-50',
    ]);
    assert.deepEqual(manifest.references.map((r) => `${r.where} ${r.id} ${r.range.start.line}:${r.range.start.character}-${r.range.end.character}`), [
      'problems[0].keyResults[0] kr:cycle-time 21:17-30',
      'debt[0].hurts[0] kr:cycle-time 30:12-25',
      'scopes[0].serves[0] problem:availability-search 36:13-40',
      'scopes[0].serves[1] kr:cycle-time 36:42-55',
    ]);
  });

  it('gives a package manifest its folder as base and keeps Markdown descriptions', () => {
    const { manifest, findings } = parseManifest(fixture('valid/package-billing.yaml'), 'packages/billing/intent.yaml');
    assert.deepEqual(findings, []);
    assert.ok(manifest);
    assert.equal(manifest.info.base, 'packages/billing');
    assert.equal(manifest.items[0].description, 'Customers trust the **invoice** they receive.\n');
    const constraint = manifest.items.find((i) => i.kind === 'constraint');
    assert.equal(constraint?.kind === 'constraint' && constraint.base, 'packages/billing');
    assert.equal(constraint?.source.manifest, 'packages/billing/intent.yaml');
    assert.deepEqual(manifest.scopes.map((s) => [s.base, s.paths]), [['packages/billing', ['src/invoices/**']]]);
  });

  it('accepts a manifest that is only `version: 1`', () => {
    const { manifest, findings } = parseManifest(fixture('valid/minimal.yaml'), 'intent.yaml');
    assert.deepEqual(findings, []);
    assert.deepEqual([manifest?.items, manifest?.scopes], [[], []]);
  });

  describe('IL001 YAML syntax errors', () => {
    it('reports a syntax error at its position and loads nothing', () => {
      const { manifest, findings } = parseManifest(fixture('invalid/syntax-error.yaml'), 'intent.yaml');
      assert.equal(manifest, undefined);
      assert.deepEqual(findings.map(show), ['IL001 3:25-3:34 YAML syntax error: Unexpected scalar at node end']);
      assert.equal(findings[0].severity, 'error');
    });

    it('reports a duplicate key over the whole second key', () => {
      const { manifest, findings } = parseManifest(fixture('invalid/duplicate-key.yaml'), 'intent.yaml');
      assert.equal(manifest, undefined);
      assert.deepEqual(findings.map(show), ["IL001 2:0-2:7 duplicate key 'product': keys of a mapping must be unique"]);
    });

    it('refuses a second YAML document in the same file', () => {
      const { manifest, findings } = parseManifest('version: 1\n---\nversion: 1\n', 'intent.yaml');
      assert.equal(manifest, undefined);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].code, 'IL001');
      assert.equal(findings[0].range.start.line, 1);
    });

    it('counts lines ending in CRLF and lone CR like an editor does', () => {
      const { findings } = parseManifest('version: 1\r\nproduct: 3\r\n', 'intent.yaml');
      assert.deepEqual(findings.map(show), ["IL002 1:9-1:10 'product' must be text, got 3 (put it in quotes to make it text)"]);
    });
  });

  describe('IL002 schema violations', () => {
    const { manifest, findings } = parseManifest(fixture('invalid/schema-errors.yaml'), 'intent.yaml');

    it('reports each violation at the offending node with a readable sentence', () => {
      assert.deepEqual(findings.map(show), [
        "IL002 9:4-9:9 objectives[1]: unknown key 'titel' (did you mean 'title'?)",
        "IL002 14:16-14:21 objectives[1].keyResults[0]: 'target' must be a number, got 'three'",
        "IL002 15:4-15:6 objectives[2]: missing required 'title'",
        "IL002 18:8-18:27 problems[0]: 'id' must start with a letter and contain only letters, digits and . _ : / -, got '1-starts-with-digit'",
        "IL002 22:41-22:62 problems[1]: 'evidence[1]' must be an http(s) link or plain text, got 'javascript:alert(1)'",
        "IL002 26:10-26:14 debt[0]: 'cost' must be one of S, M, L, XL, got 'huge'",
      ]);
      assert.ok(findings.every((f) => f.severity === 'error' && f.file === 'intent.yaml'));
    });

    it('still loads the valid items, and repairs items whose broken field is optional', () => {
      assert.ok(manifest);
      assert.deepEqual(manifest.items.map((i) => i.id), [
        'obj:good', 'kr:good', 'obj:typo', 'kr:bad-target', 'problem:evidence', 'debt:huge',
      ]);
      // The broken optional value is dropped, the rest of the item is kept.
      const badTarget = manifest.items.find((i) => i.id === 'kr:bad-target');
      assert.deepEqual(badTarget?.kind === 'keyResult' && [badTarget.title, badTarget.target], ['Target is text', undefined]);
      const evidence = manifest.items.find((i) => i.id === 'problem:evidence') as Problem;
      assert.deepEqual(evidence.evidence, ['https://example.org/ok', 'Interviews, Oct 2026']);
      const debt = manifest.items.find((i) => i.id === 'debt:huge');
      assert.deepEqual(debt?.kind === 'debt' && [debt.cost, debt.impact], [undefined, 'high']);
      assert.deepEqual((manifest.items.find((i) => i.id === 'obj:typo') as Objective).keyResults, ['kr:bad-target']);
    });

    it('remembers items that could not load, so references to them are not reported twice', () => {
      assert.deepEqual(manifest?.unloaded, [{ id: 'obj:no-title', kind: 'objective' }]);
    });

    it('reports wrong top-level values without a prefix', () => {
      const r = parseManifest('version: 2\nproduct: [a]\nobjectives: none\n', 'intent.yaml');
      assert.deepEqual(r.findings.map(show), [
        "IL002 0:9-0:10 'version' must be 1, got 2",
        "IL002 1:9-1:12 'product' must be text, got a list",
        "IL002 2:12-2:16 'objectives' must be a list, got 'none'",
      ]);
    });

    it('points a missing version at the first key of the manifest', () => {
      const r = parseManifest('# comment\nproduct: X\n', 'intent.yaml');
      assert.deepEqual(r.findings.map(show), ["IL002 1:0-1:7 missing required 'version'"]);
      assert.equal(r.manifest?.info.product, 'X');
    });

    it('explains an empty manifest and one that is not a mapping', () => {
      assert.deepEqual(parseManifest('', 'intent.yaml').findings.map(show), ["IL002 0:0-0:0 the manifest is empty: start it with 'version: 1'"]);
      assert.deepEqual(parseManifest('- a\n- b\n', 'intent.yaml').findings.map(show), [
        "IL002 0:0-1:3 the manifest must be a mapping that starts with 'version: 1', got a list",
      ]);
    });

    it('reports an item that is not a mapping and keeps its siblings', () => {
      const r = parseManifest('version: 1\nproblems:\n  - just text\n  - id: problem:b\n    title: B\n', 'intent.yaml');
      assert.deepEqual(r.findings.map(show), ["IL002 2:4-2:13 problems[0] must be a mapping with an 'id' and a 'title', got 'just text'"]);
      assert.deepEqual(r.manifest?.items.map((i) => i.id), ['problem:b']);
    });

    it('points at the key when a required value is left empty', () => {
      const r = parseManifest('version: 1\ndebt:\n  - id: debt:a\n    title:\n', 'intent.yaml');
      assert.deepEqual(r.findings.map(show), ["IL002 3:4-3:9 debt[0]: 'title' must be text, got an empty value"]);
      assert.deepEqual(r.manifest?.items, []);
    });

    it('bounds ID length and list sizes', () => {
      const long = `obj:${'x'.repeat(200)}`;
      const r = parseManifest(`version: 1\nobjectives:\n  - id: ${long}\n    title: T\n`, 'intent.yaml');
      assert.deepEqual(r.findings.map(show), ["IL002 2:8-2:212 objectives[0]: 'id' must be at most 200 characters long (it has 204)"]);
      const many = Array.from({ length: 10_001 }, (_, i) => `p${i}`).join(', ');
      const r2 = parseManifest(`version: 1\nscopes:\n  - paths: [${many}]\n    serves: [obj:a]\n`, 'intent.yaml');
      assert.deepEqual(r2.findings.map((f) => f.message), ["scopes[0]: 'paths' must have at most 10000 entries (it has 10001)"]);
      assert.deepEqual(r2.manifest?.scopes, []);
    });

    it('accepts http(s) links and plain text as evidence and tracker, and refuses other schemes however written', () => {
      const bad = ['file:///etc/passwd', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'command:workbench.action.quit', 'vscode://x', 'ftp://example.org/x', 'https://'];
      const good = ['https://example.org/a?b=c', 'HTTP://EXAMPLE.ORG', 'CAST-412', 'Interviews: October', 'see kr:cycle-time'];
      const yaml = (values: string[]): string => `version: 1\nproblems:\n  - id: problem:a\n    title: A\n    evidence: ${JSON.stringify(values)}\n`;
      assert.deepEqual(parseManifest(yaml(good), 'intent.yaml').findings, []);
      const r = parseManifest(yaml(bad), 'intent.yaml');
      assert.deepEqual(r.findings.map((f) => f.message.replace(/, got .*/, '')), bad.map((_, i) => `problems[0]: 'evidence[${i}]' must be an http(s) link or plain text`));
      const tracker = parseManifest('version: 1\ndebt:\n  - id: debt:a\n    title: A\n    tracker: "file:///C:/x"\n', 'intent.yaml');
      assert.deepEqual(tracker.findings.map(show), ["IL002 4:13-4:27 debt[0]: 'tracker' must be an http(s) link or plain text, got 'file:///C:/x'"]);
      const debt = tracker.manifest?.items[0];
      assert.deepEqual(debt?.kind === 'debt' && [debt.id, debt.tracker], ['debt:a', undefined]);
    });
  });

  describe('hostile input', () => {
    it('refuses an alias bomb quickly with a finding', () => {
      const started = Date.now();
      const { manifest, findings } = parseManifest(fixture('invalid/alias-bomb.yaml'), 'intent.yaml');
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
      assert.equal(manifest, undefined);
      assert.deepEqual(findings.map(show), [
        'IL001 3:7-3:9 manifest expands too many aliases (over 100); refusing it as a resource exhaustion attack',
      ]);
    });

    it('still allows a few ordinary aliases', () => {
      const text = 'version: 1\nobjectives:\n  - id: obj:a\n    title: &t Shared title\n  - id: obj:b\n    title: *t\n';
      const { manifest, findings } = parseManifest(text, 'intent.yaml');
      assert.deepEqual(findings, []);
      assert.deepEqual(manifest?.items.map((i) => i.title), ['Shared title', 'Shared title']);
    });

    it('refuses a 10 MB manifest unread', () => {
      const text = `version: 1\nproduct: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
      const started = Date.now();
      const { manifest, findings } = parseManifest(text, 'intent.yaml');
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
      assert.equal(manifest, undefined);
      assert.deepEqual(findings.map(show), ['IL001 0:0-0:10 manifest is too large (10.0 MB, limit 2 MB)']);
    });

    it('measures the limit in UTF-8 bytes', () => {
      const text = `version: 1\nproduct: "${'é'.repeat(1024 * 1024 + 10)}"\n`; // 1 M characters, over 2 MB
      assert.deepEqual(parseManifest(text, 'intent.yaml').findings.map((f) => f.message), ['manifest is too large (2.0 MB, limit 2 MB)']);
    });

    it('refuses absurd nesting with a finding instead of a stack overflow', () => {
      const text = `version: 1\nproduct: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
      const { manifest, findings } = parseManifest(text, 'intent.yaml');
      assert.equal(manifest, undefined);
      // yaml's own recursion gives up first at this depth; a shallower bomb hits our 64-level limit instead.
      assert.deepEqual(findings.map((f) => `${f.code} ${f.message}`), ['IL001 the manifest nests too deeply to be read']);
      const shallower = parseManifest(`version: 1\nproduct: ${'['.repeat(100)}${']'.repeat(100)}\n`, 'intent.yaml');
      assert.deepEqual(shallower.findings.map(show), ['IL001 1:73-1:145 manifest nests too deeply (over 64 levels)']);
    });

    it('reports __proto__ and constructor keys as unknown and leaves Object.prototype alone', () => {
      const { manifest, findings } = parseManifest(fixture('invalid/proto-keys.yaml'), 'intent.yaml');
      assert.deepEqual(findings.map(show), [
        "IL002 1:0-1:9 unknown key '__proto__'",
        "IL002 6:4-6:15 objectives[0]: unknown key 'constructor'",
        "IL002 10:8-10:17 objectives[0].keyResults[0]: unknown key '__proto__'",
      ]);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
      assert.deepEqual(manifest?.items.map((i) => [i.id, Object.getPrototypeOf(i) === Object.prototype]), [['obj:a', true], ['kr:a', true]]);
    });

    it('rejects globs that are absolute or leave the manifest folder, and drops only them', () => {
      const { manifest, findings } = parseManifest(fixture('invalid/escaping-globs.yaml'), 'packages/a/intent.yaml');
      assert.deepEqual(findings.map(show), [
        `IL002 8:26-8:44 constraints[0]: 'appliesTo[1]' must stay inside the manifest folder (no ".." that leaves it), got '../../secrets/**'`,
        "IL002 8:46-8:55 constraints[0]: 'appliesTo[2]' must be a glob relative to the manifest folder, not an absolute path, got '/etc/**'",
        `IL002 10:12-10:31 scopes[0]: 'paths[0]' must stay inside the manifest folder (no ".." that leaves it), got 'src/**/../../../x'`,
        `IL002 12:12-12:25 scopes[1]: 'paths[0]' must stay inside the manifest folder (no ".." that leaves it), got '../other/**'`,
      ]);
      const constraint = manifest?.items.find((i) => i.kind === 'constraint');
      assert.deepEqual(constraint?.kind === 'constraint' && constraint.appliesTo, ['src/**']);
      // A scope left with no path serves nothing and is dropped; the other keeps its good glob.
      assert.deepEqual(manifest?.scopes.map((s) => s.paths), [['lib/**']]);
    });
  });
});
