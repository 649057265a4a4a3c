// Trees that scale: long file lists grouped by folder (compacted like the Explorer), no level over the cap,
// and the cost of grouping a netbeans-size list (thousands of files) kept linear.
import * as assert from 'node:assert/strict';
import { groupByFolder, MAX_TREE_CHILDREN, type GroupNode } from '../../src/core/views/folderGroups';

type N = GroupNode<number>;
const files = (paths: string[]) => paths.map((path, value) => ({ path, value }));
const show = (nodes: readonly N[]) => nodes.map((n) => (n.kind === 'folder' ? `${n.label}/ (${n.count})` : n.kind === 'file' ? n.path : `+${n.count}`));

/** Every node of the tree, expanding folders and "more" pages; checks no level exceeds the cap. */
function walk(nodes: readonly N[], max: number, out: string[] = []): string[] {
  assert.ok(nodes.length <= max + 1, `a level has ${nodes.length} rows`);
  for (const n of nodes) {
    if (n.kind === 'file') out.push(n.path);
    else walk(n.children(), max, out);
  }
  return out;
}

describe('views: folder groups', () => {
  it('keeps a short list flat, in the given order', () => {
    assert.deepEqual(show(groupByFolder(files(['b/x.ts', 'a/y.ts']))), ['b/x.ts', 'a/y.ts']);
  });

  it('groups a long list by folder, compacting single-child chains, folders before files, with counts', () => {
    const paths = [
      ...Array.from({ length: 20 }, (_, i) => `src/main/java/org/app/A${i}.java`),
      ...Array.from({ length: 8 }, (_, i) => `src/test/T${i}.java`),
      'README.md',
    ];
    const roots = groupByFolder(files(paths), { flatUpTo: 10 });
    assert.deepEqual(show(roots), ['src/ (28)', 'README.md']);
    const src = roots[0] as Extract<N, { kind: 'folder' }>;
    assert.deepEqual(show(src.children()), ['main/java/org/app/ (20)', 'test/ (8)']);
    const deep = src.children()[0] as Extract<N, { kind: 'folder' }>;
    assert.equal(deep.path, 'src/main/java/org/app');
    assert.equal(deep.children().length, 20);
    assert.equal(walk(roots, MAX_TREE_CHILDREN).length, paths.length);
  });

  it('never shows more than the cap on one level: the rest goes behind "more" pages that hold every file', () => {
    const paths = Array.from({ length: 3636 }, (_, i) => `tests/fixtures/case${String(i).padStart(4, '0')}.shot`);
    const roots = groupByFolder(files(paths));
    assert.deepEqual(show(roots), ['tests/fixtures/ (3636)']);
    const level = (roots[0] as Extract<N, { kind: 'folder' }>).children();
    assert.equal(level.length, MAX_TREE_CHILDREN + 1);
    assert.deepEqual(show(level.slice(-1)), [`+${3636 - MAX_TREE_CHILDREN}`]);
    const all = walk(roots, MAX_TREE_CHILDREN);
    assert.equal(all.length, 3636);
    assert.deepEqual(all, [...paths].sort());
  });

  it('groups 92,000 files of a netbeans-like tree and expands every level within the cap', () => {
    const paths: string[] = [];
    for (let m = 0; m < 460; m++) for (let f = 0; f < 200; f++) paths.push(`${m % 7 === 0 ? 'ide' : 'java'}/module${m}/src/org/netbeans/m${m}/File${f}.java`);
    const roots = groupByFolder(files(paths));
    assert.deepEqual(show(roots), ['ide/ (13200)', 'java/ (78800)']);
    const java = (roots[1] as Extract<N, { kind: 'folder' }>).children();
    assert.equal(java.length, MAX_TREE_CHILDREN + 1, 'java/ has 394 modules: a page of 100, then more');
    assert.equal(walk(roots, MAX_TREE_CHILDREN).length, paths.length);
  });
});
