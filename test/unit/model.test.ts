// The one-rule-per-concept modules of the code model: what counts as code, the retired-item rule (status,
// successor chain, IL011 message and quick fix), untriaged markers, the debt ranking, and the model's caching.
import * as assert from 'node:assert/strict';
import { tagFindings } from '../../src/core/analysis/codeFindings';
import { english } from '../../src/core/l10n';
import { buildGraph } from '../../src/core/manifest/buildGraph';
import { BindingCache, bindTags, declarations } from '../../src/core/model/binding';
import { isCodeFile } from '../../src/core/model/codeFile';
import { CodeModel } from '../../src/core/model/codeModel';
import { compareDebt } from '../../src/core/model/debtRanking';
import { effectiveStatus, isRetired, successorOf } from '../../src/core/model/retired';
import { untriagedMarkers } from '../../src/core/model/untriaged';
import { IntentProject } from '../../src/core/project';
import { scanTags } from '../../src/core/tags/tagScanner';
import type { IntentGraph, SymbolNode, TagScan } from '../../src/core/types';
import { MemoryHost } from './support/memoryHost';

const RETIRED = `version: 1
objectives:
  - id: obj:live
    title: Live
    keyResults:
      - id: kr:new
        title: The successor
      - id: kr:old
        title: Superseded by an active KR
        status: superseded
        supersededBy: kr:new
      - id: kr:older
        title: Dropped, its successor retired too
        status: dropped
        supersededBy: kr:mid
      - id: kr:mid
        title: Achieved, superseded in turn
        status: achieved
        supersededBy: kr:new
      - id: kr:gone
        title: Dropped without a successor
        status: dropped
  - id: obj:done
    title: Achieved objective
    status: achieved
    keyResults:
      - id: kr:inherits
        title: Retired through its objective
`;

function graphOf(text: string): IntentGraph {
  return buildGraph([{ path: 'intent.yaml', text }]);
}

describe('model: the code-file rule', () => {
  it('counts source files in any scanned language as code', () => {
    for (const f of ['src/a.ts', 'lib/b.py', 'cmd/main.go', 'web/index.html', 'db/schema.sql', '.github/workflows/ci.yml', 'docs/guide.md', 'Makefile']) {
      assert.ok(isCodeFile(f), f);
    }
  });

  it('leaves out manifests, legal and history files, lockfiles, images, binaries and generated fixtures', () => {
    for (const f of [
      'intent.yaml', 'packages/a/intent.yaml', 'LICENSE', 'LICENSE.md', 'licence.txt', 'COPYING', 'NOTICE', 'CHANGELOG.md', 'changes.txt',
      'HISTORY.rst', 'AUTHORS', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'poetry.lock', 'go.sum', 'package.json',
      'tsconfig.json', 'logo.png', 'icon.svg', 'font.woff2', 'tests/fixtures/rule.shot', 'src/__snapshots__/a.test.ts.snap',
      'src/__snapshots__/helper.ts',
    ]) {
      assert.ok(!isCodeFile(f), f);
    }
  });
});

describe('model: the retired-item rule', () => {
  const graph = graphOf(RETIRED);
  const item = (id: string) => graph.items.get(id)!;

  it('a KR without a status takes its objective\'s', () => {
    assert.equal(effectiveStatus(graph, item('kr:inherits')), 'achieved');
    assert.ok(isRetired(graph, item('kr:inherits')));
    assert.ok(!isRetired(graph, item('kr:new')));
  });

  it('superseded: the successor is the item it names, offered as the quick fix', () => {
    assert.equal(successorOf(graph, item('kr:old'))?.id, 'kr:new');
    const [f] = tagFindings(graph, 'src/a.ts', scanTags('// @intent kr:old\n', 'src/a.ts'));
    assert.equal(f.code, 'IL011');
    assert.equal(f.message, "'kr:old' is superseded; its successor is 'kr:new'");
    assert.deepEqual(f.fixes?.map((x) => x.kind === 'replaceId' && x.replacement), ['kr:new']);
  });

  it('a chain through another retired item ends at the first item that is not retired', () => {
    assert.equal(successorOf(graph, item('kr:older'))?.id, 'kr:new');
    const [f] = tagFindings(graph, 'src/a.ts', scanTags('// @intent kr:older\n', 'src/a.ts'));
    assert.equal(f.message, "'kr:older' is dropped; its successor is 'kr:new'");
    assert.deepEqual(f.fixes?.map((x) => x.kind === 'replaceId' && x.replacement), ['kr:new']);
  });

  it('no successor: the message says to set supersededBy, and no quick fix is offered', () => {
    assert.equal(successorOf(graph, item('kr:gone')), undefined);
    const [f] = tagFindings(graph, 'src/a.ts', scanTags('// @intent kr:gone\n', 'src/a.ts'));
    assert.equal(f.code, 'IL011');
    assert.equal(f.message, "'kr:gone' is dropped; it has no successor (set supersededBy in the manifest)");
    assert.equal(english(f.l10n!), f.message);
    assert.equal(f.fixes, undefined);
  });

  it('a cycle of retired items stops instead of looping, with no successor to offer', () => {
    const cyclic = graphOf(`version: 1
objectives:
  - id: obj:a
    title: A
    status: dropped
    supersededBy: obj:b
  - id: obj:b
    title: B
    status: dropped
    supersededBy: obj:a
`);
    assert.equal(successorOf(cyclic, cyclic.items.get('obj:a')!), undefined);
  });
});

describe('model: untriaged markers and debt ranking', () => {
  it('a marker is triaged by any tag on its line or the line above or below, not two lines away', () => {
    const text = '// @intent kr:a\n// TODO next to the tag\nconst x = 1;\n// FIXME two lines from the debt tag\n\n// @debt kr:a\n// HACK below the debt tag\n';
    const scan = scanTags(text, 'src/a.ts');
    const open = untriagedMarkers(new Map([['src/a.ts', scan]])).map((m) => m.marker.marker);
    assert.deepEqual(open, ['FIXME']);
  });

  it('breaks ties by key, never by title, so every surface orders equal debts the same way', () => {
    const entries = [
      { kind: 'inline' as const, key: 'b.ts:1:0' },
      { kind: 'item' as const, key: 'debt:z', impact: 'low' as const },
      { kind: 'inline' as const, key: 'a.ts:9:0' },
      { kind: 'item' as const, key: 'debt:a' },
    ];
    assert.deepEqual([...entries].sort(compareDebt).map((e) => e.key), ['debt:z', 'debt:a', 'a.ts:9:0', 'b.ts:1:0']);
  });
});

describe('model: the binding rule does not depend on the symbol source', () => {
  const range = (a: number, b: number) => ({ start: { line: a, character: 0 }, end: { line: b, character: 1 } });
  const sym = (name: string, kind: string, a: number, b: number, children: SymbolNode[] = []): SymbolNode => ({ name, kind, range: range(a, b), selectionRange: range(a, a), children });
  const text = 'export function fee(days: number) {\n  // @debt kr:a -- floats\n  const talent = days * 3;\n  return talent;\n}\n';

  it('a tag in a function body binds to the function even when the symbols list its locals (VS Code\'s TypeScript provider)', () => {
    const withLocals = [sym('fee', 'function', 0, 4, [sym('talent', 'constant', 2, 2)])];
    const withoutLocals = [sym('fee', 'function', 0, 4)];
    const scan = scanTags(text, 'src/fee.ts');
    const name = (symbols: SymbolNode[]) => bindTags(scan, { text, symbols }).map((b) => (b.target.kind === 'symbol' ? b.target.path.map((s) => s.name).join('.') : 'file'));
    assert.deepEqual(name(withLocals), ['fee']);
    assert.deepEqual(name(withoutLocals), ['fee']);
  });

  it('keeps classes, methods, nested functions and top-level variables', () => {
    const tree = [sym('C', 'class', 0, 9, [sym('m', 'method', 1, 8, [sym('inner', 'function', 2, 4), sym('x', 'variable', 5, 5)])]), sym('top', 'variable', 10, 10)];
    const names = (nodes: readonly SymbolNode[]): unknown[] => nodes.map((n) => (n.children.length ? [n.name, names(n.children)] : n.name));
    assert.deepEqual(names(declarations(tree)!), [['C', [['m', ['inner']]]], 'top']);
    assert.equal(declarations(tree), declarations(tree), 'memoised: bindings stay cached');
  });
});

describe('model: built per snapshot, bindings cached per file version', () => {
  const symbols: SymbolNode[] = [{
    name: 'f', kind: 'function', range: { start: { line: 1, character: 0 }, end: { line: 3, character: 1 } },
    selectionRange: { start: { line: 1, character: 16 }, end: { line: 1, character: 17 } }, children: [],
  }];

  it('reads each document once per model and reuses bindings of unchanged scans across models', async () => {
    const host = new MemoryHost({ 'intent.yaml': RETIRED, 'src/a.ts': '// @intent kr:new\nexport function f() {\n  return 1;\n}\n' });
    const project = await IntentProject.open(host);
    const scan = project.index.entry('src/a.ts')!;
    let reads = 0;
    const documents = async () => {
      reads++;
      return { text: '// @intent kr:new\nexport function f() {\n  return 1;\n}\n', symbols };
    };
    const cache = new BindingCache();
    const first = new CodeModel(project.graph, project.index, { documents, bindingCache: cache });
    const bound = await first.bindings('src/a.ts');
    assert.equal(bound[0].target.kind === 'symbol' && bound[0].target.path[0].name, 'f');
    await first.effectiveAt('src/a.ts', 2);
    assert.equal(reads, 1, 'one read per model');
    const second = new CodeModel(project.graph, project.index, { documents: async () => ({ text: (await documents()).text, symbols }), bindingCache: cache });
    assert.equal(await second.bindings('src/a.ts'), bound, 'same scan, same document: the cached binding');
    assert.equal(second.entry('src/a.ts'), scan as TagScan);
    assert.equal(second.entry('intent.yaml'), undefined, 'manifests are not code');
  });

  it('reports a document that cannot be read and binds its tags to the file', async () => {
    const host = new MemoryHost({ 'intent.yaml': RETIRED, 'src/a.ts': '// @intent kr:new\nexport function f() {}\n' });
    const project = await IntentProject.open(host);
    const errors: string[] = [];
    const model = new CodeModel(project.graph, project.index, {
      documents: async () => {
        throw new Error('EIO');
      },
      onError: (file, error) => errors.push(`${file}: ${(error as Error).message}`),
    });
    const bound = await model.bindings('src/a.ts');
    assert.deepEqual(bound.map((b) => b.target.kind), ['file']);
    assert.deepEqual(errors, ['src/a.ts: EIO']);
  });

  it('the project rebuilds its model when the index changed', async () => {
    const host = new MemoryHost({ 'intent.yaml': RETIRED, 'src/a.ts': '// TODO one\n' });
    const project = await IntentProject.open(host);
    const before = project.model;
    assert.equal(project.model, before, 'no change, same model');
    assert.equal(before.untriaged().length, 1);
    host.set('src/a.ts', '// TODO one\n\n\n// TODO two\n');
    await project.index.update(['src/a.ts']);
    assert.notEqual(project.model, before);
    assert.equal(project.model.untriaged().length, 2);
  });
});
