// A review of the working tree against its base, for the CLI's `review` and the editor's Review view: finds the
// repository and the base, lists the change (workTreeChanges), indexes both sides and computes the review.
// Orchestration only: every git call goes through ./git and its safe configuration.
import type { WorkspaceHost } from '../core/host';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { loadGraph } from '../core/project';
import { computeReview, type Review, type ReviewSide } from '../core/review/review';
import type { SymbolFinder } from '../core/symbols/symbolFinder';
import type { SymbolNode } from '../core/types';
import { locateRepo, resolveBase, type RepoLocation, type ResolvedBase } from './git';
import { GitTreeHost, listTree } from './gitTree';
import { NodeHost } from './nodeHost';
import { changedFiles } from './workTreeChanges';

/** Symbols of a side's files through a finder, read from its host, parsed once per file. */
export function hostSymbols(host: WorkspaceHost, finder: SymbolFinder | undefined): (file: string) => Promise<readonly SymbolNode[] | undefined> {
  const cache = new Map<string, Promise<SymbolNode[] | undefined>>();
  return (file) => {
    if (!finder) return Promise.resolve(undefined);
    let hit = cache.get(file);
    if (!hit) {
      hit = (async () => {
        const bytes = await host.read(file);
        if (!bytes || bytes.length > 4_000_000) return undefined;
        return finder.symbols(new TextDecoder('utf-8', { fatal: false }).decode(bytes), file);
      })().catch(() => undefined);
      cache.set(file, hit);
    }
    return hit;
  };
}

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
  const graph = await loadGraph(host, index.files());
  return { graph, index, symbols: hostSymbols(host, options.finder) };
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
      const side = await indexSide(baseHost!, options);
      // The symbols of the base are read lazily: keep them readable after this call's host is gone.
      baseSide = { graph: side.graph, index: side.index, symbols: hostSymbols(baseHost!, options.finder) };
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

/** Parses the symbols of the changed base files now, while their git reader is open. */
async function preloadChanged(side: ReviewSide, changed: ReadonlySet<string>): Promise<void> {
  await Promise.all([...changed].map((path) => side.symbols(path).catch(() => undefined)));
}
