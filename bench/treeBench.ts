// Tree expansion on a real tree (issue 11.4): the Constraints, Objectives (linked code) and Untriaged views group
// their files by folder. This times every expansion a user can make in them on the real tree, through the core
// calls the views make (the model's lists, then groupByFolder levels); the view itself adds one TreeItem per
// visible row (at most 101). The manifest is in memory, written for the worst case: a constraint and a scope over
// every file of the tree.
import { WorkspaceIndex } from '../src/core/index/workspaceIndex';
import { buildGraph } from '../src/core/manifest/buildGraph';
import { CodeModel } from '../src/core/model/codeModel';
import { groupByFolder, type GroupNode } from '../src/core/views/folderGroups';
import { NodeHost } from '../src/node/nodeHost';

const MANIFEST = `version: 1
objectives:
  - id: obj:bench
    title: Everything
    keyResults:
      - id: kr:everything
        title: Every file
constraints:
  - id: constraint:everywhere
    title: Applies to every file
    kind: security
    appliesTo: ["**"]
scopes:
  - paths: ["**"]
    serves: [kr:everything]
`;

export interface TreeFigures {
  /** Expansions timed (every folder and "more" node of the three trees, and their roots). */
  readonly expansions: number;
  /** Opening each view's big node the first time: the model's list, then the first level. */
  readonly firstMs: { readonly constraint: number; readonly linkedCode: number; readonly untriaged: number };
  readonly rows: { readonly constraint: number; readonly linkedCode: number; readonly untriaged: number };
  readonly worstMs: number;
  readonly p99Ms: number;
}

/** Runs in a child process: build the index, then open every node of the three trees, timing each expansion. */
export async function childTrees(root: string): Promise<void> {
  const host = new NodeHost(root);
  const index = new WorkspaceIndex(host);
  await index.build();
  host.dispose();
  const model = new CodeModel(buildGraph([{ path: 'intent.yaml', text: MANIFEST }]), index);
  const times: number[] = [];
  const timed = <T>(f: () => T): [T, number] => {
    const t0 = performance.now();
    const r = f();
    const ms = performance.now() - t0;
    times.push(ms);
    return [r, ms];
  };
  const expandAll = (nodes: readonly GroupNode<unknown>[]): void => {
    for (const n of nodes) if (n.kind !== 'file') expandAll(timed(() => n.children())[0]);
  };
  const [constraintRoots, constraintMs] = timed(() => groupByFolder(model.constraintCode('constraint:everywhere').map((f) => ({ path: f.file, value: f }))));
  const [linkedRoots, linkedMs] = timed(() => groupByFolder(model.linkedCode('kr:everything').map((f) => ({ path: f.file, value: f }))));
  const [untriagedRoots, untriagedMs] = timed(() => {
    const byFile = new Map<string, number>();
    for (const m of model.untriaged()) byFile.set(m.file, (byFile.get(m.file) ?? 0) + 1);
    return groupByFolder([...byFile].map(([path, value]) => ({ path, value })));
  });
  for (const roots of [constraintRoots, linkedRoots, untriagedRoots] as GroupNode<unknown>[][]) expandAll(roots);
  const sorted = [...times].sort((a, b) => a - b);
  const figures: TreeFigures = {
    expansions: times.length,
    firstMs: { constraint: constraintMs, linkedCode: linkedMs, untriaged: untriagedMs },
    rows: { constraint: model.constraintCode('constraint:everywhere').length, linkedCode: model.linkedCode('kr:everything').length, untriaged: model.untriaged().length },
    worstMs: sorted[sorted.length - 1],
    p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
  };
  process.stdout.write(JSON.stringify(figures));
}
