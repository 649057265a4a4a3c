// A review of the working tree against its base, for the CLI's `review` and the editor's Review view: finds the
// repository and the base, lists the change (workTreeChanges), indexes both sides and computes the review.
// Orchestration only: every git call goes through ./git and its safe configuration.
import type { WorkspaceHost } from '../core/host';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { hostDocuments } from '../core/model/binding';
import { MANIFEST_NAME } from '../core/model/codeFile';
import { loadGraph } from '../core/project';
import { computeReview, type Review, type ReviewSide } from '../core/review/review';
import type { SymbolFinder } from '../core/symbols/symbolFinder';
import { locateRepo, resolveBase, type RepoLocation, type ResolvedBase } from './git';
import { GitTreeHost, listTree } from './gitTree';
import { NodeHost } from './nodeHost';
import { changedFiles } from './workTreeChanges';

export interface WorkingTreeReviewOptions {
  /** Base ref (default: the merge-base with the upstream or the default branch). */
  readonly base?: string;
  readonly exclude?: readonly string[];
  readonly maxFileSize?: number;
  readonly finder?: SymbolFinder;
  /** The working tree side when the caller already has it (the editor's session); built from disk otherwise. */
  readonly head?: ReviewSide;
  /** Reads the working tree (default: a NodeHost on `root`). */
  readonly disk?: WorkspaceHost;
  /**
   * Keeps the last indexed base between calls (the editor refreshes often): reused while the base commit and
   * the set of changed files are the same, since every other base file is read from the unchanged working tree.
   */
  readonly baseCache?: { key?: string; side?: ReviewSide };
}

export interface WorkingTreeReview {
  readonly review: Review;
  readonly base: ResolvedBase;
  readonly repo: RepoLocation;
}

/** Indexes a side (graph + index) over a host, as `IntentProject.open` does. */
export async function indexSide(host: WorkspaceHost, options: { exclude?: readonly string[]; maxFileSize?: number; finder?: SymbolFinder }): Promise<ReviewSide & { index: WorkspaceIndex }> {
  const index = new WorkspaceIndex(host, { exclude: options.exclude, maxFileSize: options.maxFileSize, concurrency: 32 });
  await index.build();
  const graph = await loadGraph(host, index.filesNamed(MANIFEST_NAME));
  return { graph, index, documents: hostDocuments(host, options.finder) };
}

/** The review of everything in `root`'s working tree that differs from the base. */
export async function reviewWorkingTree(root: string, options: WorkingTreeReviewOptions = {}): Promise<WorkingTreeReview> {
  const repo = await locateRepo(root);
  const base = await resolveBase(repo.top, options.base);
  const baseEntries = await listTree(repo, base.sha);
  const changes = await changedFiles(repo, base.sha, baseEntries);
  const disk = options.disk ?? new NodeHost(root);
  const changedAtBase = new Set(changes.map((c) => c.oldPath ?? c.path));
  const key = `${base.sha}\u0000${[...changedAtBase].sort().join('\u0000')}\u0000${(options.exclude ?? []).join('\u0000')}`;
  const cached = options.baseCache?.key === key ? options.baseCache.side : undefined;
  const baseHost = cached ? undefined : await GitTreeHost.open(repo, base.sha, { disk, changed: changedAtBase }, baseEntries);
  try {
    let baseSide = cached;
    if (!baseSide) {
      baseSide = await indexSide(baseHost!, options);
      await preloadChanged(baseSide, changedAtBase);
      if (options.baseCache) Object.assign(options.baseCache, { key, side: baseSide });
    }
    const head = options.head ?? (await indexSide(disk, options));
    const review = await computeReview({ base: baseSide, head, changes });
    return { review, base, repo };
  } finally {
    baseHost?.dispose();
    if (!options.disk && disk instanceof NodeHost) disk.dispose();
  }
}

/** Reads and parses the changed base files now, while their git reader is open (the rest reads the working tree). */
async function preloadChanged(side: ReviewSide, changed: ReadonlySet<string>): Promise<void> {
  await Promise.all([...changed].map((path) => side.documents?.(path, []).catch(() => undefined)));
}
