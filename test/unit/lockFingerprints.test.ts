// What changes a link's fingerprints and what does not: item fields, and code per language (formatting,
// comments, renames do not count; a signature change or a rewrite does).
import { strict as assert } from 'node:assert';
import { codeFingerprint, compareCode } from '../../src/core/lock/codeFingerprint';
import { describeChange, diffFields, itemFields, itemFingerprint } from '../../src/core/lock/itemFingerprint';
import { symbolName } from '../../src/core/lock/links';
import { buildGraph } from '../../src/core/manifest/buildGraph';
import type { IntentItem } from '../../src/core/types';

function kr(yaml: string): IntentItem {
  const graph = buildGraph([{ path: 'intent.yaml', text: `version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:x\n${yaml}` }]);
  return graph.items.get('kr:x')!;
}

const BASE = '        title: Median cycle\n        baseline: 7\n        target: 3\n        current: 5\n        unit: days\n        owner: Ann\n';
const fp = (item: IntentItem): string => itemFingerprint(item.kind, itemFields(item));

describe('lock: item fingerprints', () => {
  it('ignores current, owner and whitespace; changes with target, title, unit', () => {
    const base = fp(kr(BASE));
    assert.equal(fp(kr(BASE.replace('current: 5', 'current: 4'))), base);
    assert.equal(fp(kr(BASE.replace('owner: Ann', 'owner: Bob'))), base);
    assert.equal(fp(kr(BASE.replace('Median cycle', 'Median    cycle '))), base);
    assert.notEqual(fp(kr(BASE.replace('target: 3', 'target: 2'))), base);
    assert.notEqual(fp(kr(BASE.replace('Median cycle', 'Mean cycle'))), base);
    assert.notEqual(fp(kr(BASE.replace('unit: days', 'unit: hours'))), base);
  });

  it('names the changed fields as a person reads them', () => {
    const changes = diffFields(itemFields(kr(BASE)), itemFields(kr(BASE.replace('target: 3', 'target: 2').replace('        unit: days\n', ''))));
    assert.deepEqual(changes.map(describeChange), ['target: 3 → 2', 'unit: days → (none)']);
  });

  it('covers a problem\'s persona and key results, a constraint\'s kind and rule', () => {
    const g = (extra: string): ReadonlyMap<string, IntentItem> =>
      buildGraph([{ path: 'intent.yaml', text: `version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:x\n        title: X\n      - id: kr:y\n        title: Y\n${extra}` }]).items;
    const p = (persona: string, krs: string): string => fp(g(`problems:\n  - id: problem:p\n    title: P\n    persona: ${persona}\n    keyResults: [${krs}]\n`).get('problem:p')!);
    assert.notEqual(p('director', 'kr:x'), p('agent', 'kr:x'));
    assert.notEqual(p('director', 'kr:x'), p('director', 'kr:x, kr:y'));
    const c = (kind: string, glob: string): string => fp(g(`constraints:\n  - id: constraint:c\n    title: C\n    kind: ${kind}\n    appliesTo: ["${glob}"]\n`).get('constraint:c')!);
    assert.notEqual(c('security', 'src/**'), c('performance', 'src/**'));
    assert.notEqual(c('security', 'src/**'), c('security', 'lib/**'));
  });
});

function same(path: string, a: string, b: string): boolean {
  return compareCode(codeFingerprint(a, path, false), codeFingerprint(b, path, false)).kind === 'same';
}
function change(path: string, a: string, b: string): string {
  return compareCode(codeFingerprint(a, path, false), codeFingerprint(b, path, false)).kind;
}

const TS = `export function search(query: Query, limit: number): Result[] {
  const rows = db.find(query.skills, limit * 4);
  const available = rows.filter((r) => r.free);
  return rank(available).slice(0, limit);
}`;

describe('lock: code fingerprints', () => {
  it('TypeScript: formatting, comments, quotes, semicolons, trailing commas and renames do not count', () => {
    const reformatted = `export function search(
  query: Query,
  limit: number,
): Result[] {
  // cap the candidates
  const rows = db.find(query.skills, limit * 4)
  const available = rows.filter((r) => r.free) /* cheap */
  return rank(available).slice(0, limit,)
}`;
    assert.ok(same('a.ts', TS, reformatted));
    assert.ok(same('a.ts', TS, TS.replace(/available/g, 'open').replace(/search/g, 'lookUp')));
  });

  it('TypeScript: a new parameter is a signature change; a rewrite is substance; a small edit is not', () => {
    assert.equal(change('a.ts', TS, TS.replace('limit: number)', 'limit: number, strict: boolean)')), 'signature');
    assert.equal(change('a.ts', TS, TS.replace('limit * 4', 'limit * 5')), 'minor');
    const rewritten = `export function search(query: Query, limit: number): Result[] {
  for (const shard of shards) {
    const hits = shard.lookup(query);
    if (hits.length > limit) return hits.slice(0, limit);
  }
  return [];
}`;
    assert.equal(change('a.ts', TS, rewritten), 'rewritten');
  });

  it('Python: comments, docstrings and blank lines do not count; parameters do', () => {
    const py = 'def sync(agency, days):\n    rows = fetch(agency)\n    return [r for r in rows if r.age < days]\n';
    assert.ok(same('a.py', py, 'def sync(agency, days):\n    """Sync one agency."""\n\n    rows = fetch(agency)  # all rows\n    return [r for r in rows if r.age < days]\n'));
    assert.equal(change('a.py', py, py.replace('agency, days', 'agency, days, force')), 'signature');
    assert.ok(!same('a.py', py, py.replace('r.age < days', 'r.age <= days')));
  });

  it('Go, Java, C#, Rust: comments and layout do not count; a changed return type does', () => {
    const cases: [string, string, string, string][] = [
      ['a.go', 'func Sync(id string) error {\n\treturn run(id)\n}', 'func Sync(id string) error { // sync\n  return run(id) }', 'func Sync(id string) (int, error) {\n\treturn run(id)\n}'],
      ['A.java', 'public int sync(String id) {\n  return run(id);\n}', 'public int sync(String id)\n{\n  /* x */ return run(id);\n}', 'public long sync(String id) {\n  return run(id);\n}'],
      ['A.cs', 'public int Sync(string id) {\n  return Run(id);\n}', 'public int Sync(string id)\n{\n  // x\n  return Run(id);\n}', 'public bool Sync(string id) {\n  return Run(id);\n}'],
      ['a.rs', "fn sync<'a>(id: &'a str) -> u32 {\n    run(id)\n}", "fn sync<'a>(id: &'a str) -> u32 { run(id) } // x", "fn sync<'a>(id: &'a str) -> u64 {\n    run(id)\n}"],
    ];
    for (const [path, a, formatted, retyped] of cases) {
      assert.ok(same(path, a, formatted), `${path}: formatting counted`);
      assert.equal(change(path, a, retyped), 'signature', `${path}: return type not seen`);
    }
  });

  it('TypeScript: what prettier rewrites does not count (union pipes, grouping and arrow parentheses, templates)', () => {
    assert.ok(same('a.ts', 'function f(n:\n  | A\n  | B,\n): void {}', 'function f(n: A | B): void {}'));
    assert.ok(same('a.ts', 'function f<\n  N extends A | B,\n>(x: N) {}', 'function f<N extends\n | A\n | B>(x: N) {}'));
    assert.ok(same('a.ts', 'function f() { if (!(a && b)) return (c || d); }', 'function f() { if (!(a && b)) return c || d }'));
    assert.ok(same('a.ts', 'const g = () => xs.map((x) => x + 1);', 'const g = () => xs.map(x => x + 1)'));
    assert.ok(same('a.ts', 'function f() { return `${p} > ${[a, b,].join(\', \')}`; }', 'function f() { return `${p} > ${[a, b].join(", ")}` }'));
    // …but a call's arguments and an operator's operands still count.
    assert.ok(!same('a.ts', 'function f() { return g(a) * b; }', 'function f() { return g(a * b); }'));
    assert.ok(!same('a.ts', 'function f() { return a || b; }', 'function f() { return a | b; }'));
  });

  it('a changed string literal or constant is a change (not formatting)', () => {
    assert.ok(!same('a.ts', 'const a = "x";', "const a = 'y';"));
    assert.ok(same('a.ts', 'const a = "x";', "const a = 'x'"));
  });
});

describe('lock: symbol paths', () => {
  it('ignore the quotes and layout of string and computed member names', () => {
    assert.equal(symbolName("'FunctionDeclaration:exit'"), 'FunctionDeclaration:exit');
    assert.equal(symbolName('"FunctionDeclaration:exit"'), 'FunctionDeclaration:exit');
    assert.equal(symbolName("[sel(\n  'A > B',\n)]"), symbolName('[sel("A > B")]'));
    assert.equal(symbolName('search'), 'search');
  });
});
