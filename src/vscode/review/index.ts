// The Review view: the current branch's change (staged, unstaged and untracked) against its base, grouped by
// intent, with review diagnostics (IL030–IL032) and Copy Intent Summary. The repository comes from VS Code's
// git extension when it is there (and refreshes on its state changes); git itself runs through src/node/git.ts (nothing the repository configures runs).
import * as vscode from 'vscode';
import { reviewMarkdown } from '../../core/review/format';
import type { ReviewSide } from '../../core/review/review';
import { declarationsOnly } from '../../core/review/declarations';
import type { SymbolFinder } from '../../core/symbols/symbolFinder';
import { GitError, locateRepo } from '../../node/git';
import { reviewWorkingTree } from '../../node/workingTreeReview';
import { toDiagnostic } from '../editor/diagnostics';
import { CommandId, ConfigSection, ContextKey, ViewId } from '../ids';
import type { Feature, Services } from '../services';
import type { FolderSession } from '../session';
import { gitApi, repositoryFor, type GitApi } from './gitApi';
import { BASE_SCHEME, BaseContentProvider } from './baseContent';
import { diffCommand, ReviewTreeProvider, type FolderReview, type ReviewNode } from './reviewTree';

/** What the Review view shows when it has no change to list: each state has its own welcome text. */
export type ReviewState = 'idle' | 'noFolder' | 'untrusted' | 'noGit' | 'noBase' | 'clean' | 'error' | 'ready';

/** Plain-language state for a git failure (never git's raw `fatal:` line in the view). */
function stateOf(error: unknown): 'noGit' | 'noBase' | 'error' {
  const message = error instanceof Error ? error.message : String(error);
  if (/not inside a git repository|not a git repository|git is not installed/i.test(message)) return 'noGit';
  if (/no base to compare|unknown base ref|no common ancestor|invalid base ref/i.test(message)) return 'noBase';
  return 'error';
}

/** The symbol finder of the review, declarations only (no properties of type literals inside functions). */
function declarationFinder(finder: SymbolFinder): SymbolFinder {
  return {
    symbols: async (text, path, request) => {
      const found = await finder.symbols(text, path, request);
      return found && declarationsOnly(found);
    },
  };
}

/** Debounce for refreshes caused by git state or index changes. */
const REFRESH_MS = 600;

class ReviewController implements vscode.Disposable {
  readonly tree = new ReviewTreeProvider();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('intent-lens-review');
  readonly view: vscode.TreeView<unknown>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly finder: SymbolFinder;
  private api: Promise<GitApi | undefined> | undefined;
  private readonly watched = new Set<string>();
  /** The last indexed base per folder, reused while the base commit and the changed files stay the same. */
  private readonly baseCaches = new Map<string, { key?: string; side?: ReviewSide }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<readonly FolderReview[]> | undefined;
  private again = false;
  /** Set once a review was asked for (command or visible view): only then do changes trigger recomputes. */
  private active = false;

  constructor(private readonly services: Services) {
    this.finder = declarationFinder(services.finder);
    this.view = vscode.window.createTreeView(ViewId.review, { treeDataProvider: this.tree, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.tree,
      this.diagnostics,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && !this.active) void this.compute();
      }),
      // With the git extension, its state events cover saved edits; without it, index changes do.
      services.sessions.onDidChange((e) => {
        if (e.graphChanged || this.watched.size === 0) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${ConfigSection}.review.base`)) this.schedule();
      }),
      vscode.workspace.registerTextDocumentContentProvider(BASE_SCHEME, new BaseContentProvider(services.log)),
      // Restricted Mode lifted: the review may run git now.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
    );
    void this.setState('idle');
  }

  /** The state last set (its welcome text shows while the view lists nothing). */
  state: ReviewState = 'idle';

  private async setState(state: ReviewState): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand('setContext', ContextKey.reviewState, state);
  }

  /** The command (inline action, or a row's click): the diff of a changed symbol or file against the base. */
  async openChange(node?: ReviewNode): Promise<boolean> {
    if (!node || (node.kind !== 'unit' && node.kind !== 'file')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Pick a changed symbol or file in the Review view.'));
      return false;
    }
    const path = node.kind === 'unit' ? node.unit.file : node.file.path;
    const line = node.kind === 'unit' ? node.unit.line : node.file.firstLine;
    const file = node.kind === 'file' ? node.file : node.folder.review?.files.find((f) => f.path === path);
    const command = diffCommand(node.folder, file, path, line);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    return true;
  }

  /** Recompute soon, if a review is being shown. */
  private schedule(): void {
    if (!this.active) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.compute().catch((error) => this.services.log.error(`review refresh failed: ${String(error)}`));
    }, REFRESH_MS);
  }

  /** Subscribes to the git extension's repository state for the folder (once per repository). */
  private async watchRepository(folder: vscode.WorkspaceFolder): Promise<boolean> {
    this.api ??= gitApi();
    const api = await this.api;
    if (!api) return false;
    const repo = await repositoryFor(api, folder.uri);
    if (!repo) return false;
    const key = repo.rootUri.toString();
    if (!this.watched.has(key)) {
      this.watched.add(key);
      this.disposables.push(repo.state.onDidChange(() => this.schedule()));
    }
    return true;
  }

  /** Computes the review of every folder (one run at a time; a request during a run runs once more after it). */
  compute(): Promise<readonly FolderReview[]> {
    this.active = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      try {
        let result: readonly FolderReview[];
        do {
          this.again = false;
          result = await this.computeOnce();
        } while (this.again);
        return result;
      } finally {
        this.running = undefined;
      }
    })();
    this.running = run;
    return run;
  }

  private async computeOnce(): Promise<readonly FolderReview[]> {
    const sessions = this.services.sessions.all();
    if (sessions.length === 0) {
      await this.setState('noFolder');
      this.tree.set([]);
      return [];
    }
    if (!vscode.workspace.isTrusted) {
      // Restricted Mode: no git process at all; each folder says why (reviewFolder), the view shows its welcome.
      const results = await Promise.all(sessions.map((s) => this.reviewFolder(s)));
      await this.setState('untrusted');
      this.tree.set([]);
      return results;
    }
    if (this.tree.current().length === 0) this.tree.setMessage(vscode.l10n.t('Computing the review…'));
    const results: FolderReview[] = [];
    for (const session of sessions) results.push(await this.reviewFolder(session));
    // One folder: its state is the view's (a welcome text in plain words); several: one row per folder.
    const single = results.length === 1 ? results[0] : undefined;
    const state: ReviewState = single?.state ?? (results.every((r) => r.review) ? 'ready' : 'error');
    await this.setState(state);
    this.tree.set(single && single.state && single.state !== 'ready' && single.state !== 'error' ? [] : results);
    this.publishDiagnostics(results);
    const first = results.find((r) => r.baseLabel);
    this.view.description = first?.baseLabel ? vscode.l10n.t('against {0}', first.baseLabel) : undefined;
    return results;
  }

  private async reviewFolder(session: FolderSession): Promise<FolderReview> {
    const folder = session.folder;
    const uri = (path: string) => session.uri(path);
    if (folder.uri.scheme !== 'file' && folder.uri.scheme !== 'vscode-remote') {
      return { folder, uri, error: vscode.l10n.t('Review needs a folder on disk.'), state: 'error' };
    }
    // Restricted Mode: an untrusted folder starts no git process at all (nor the git extension, which would).
    // Everything else (manifest, tags, views) still reads and shows; the view says why the review is missing.
    if (!vscode.workspace.isTrusted) {
      return { folder, uri, error: vscode.l10n.t('Restricted Mode: the review runs git, which an untrusted folder must not start. Trust this folder to review its changes.') };
    }
    const viaExtension = await this.watchRepository(folder).catch(() => false);
    this.services.log.info(`review of ${folder.name}: repository ${viaExtension ? 'from the git extension' : 'found by running git'}`);
    const base = this.services.settings(folder.uri)['review.base'];
    try {
      await session.settled();
      const root = folder.uri.fsPath;
      await locateRepo(root);
      // The diff is taken from disk: bring the index's view of the changed files up to date first.
      // The head is the session's code model: the review binds tags exactly as the lenses do.
      const headSide = (): ReviewSide => ({ graph: session.graph, index: session.index, model: session.model });
      const head = headSide();
      let baseCache = this.baseCaches.get(folder.uri.toString());
      if (!baseCache) this.baseCaches.set(folder.uri.toString(), (baseCache = {}));
      const exclude = this.services.settings(folder.uri)['index.exclude'];
      const first = await reviewWorkingTree(root, { base, head, disk: session.host, finder: this.finder, exclude, baseCache });
      const stale = first.review.files.filter((f) => f.status !== 'deleted' && !session.index.has(f.path)).map((f) => f.path);
      const gone = first.review.files.filter((f) => f.status === 'deleted' && session.index.has(f.path)).map((f) => f.path);
      let result = first;
      if (stale.length || gone.length) {
        if (stale.length) session.enqueue(stale);
        if (gone.length) session.enqueue(gone, true);
        await session.settled();
        result = await reviewWorkingTree(root, { base, head: headSide(), disk: session.host, finder: this.finder, exclude, baseCache });
      }
      const baseLabel = `${result.base.ref} (${result.base.sha.slice(0, 7)})`;
      await this.services.locks.settled();
      const suspects = this.services.locks.get(session)?.summary;
      const at = { top: result.repo.top, sha: result.base.sha, prefix: result.repo.prefix };
      return {
        folder, uri, review: result.review, baseLabel, repository: viaExtension ? 'git extension' : 'git', base: at,
        state: result.review.files.length ? 'ready' : 'clean', ...(suspects ? { suspects } : {}),
      };
    } catch (error) {
      const message = error instanceof GitError ? error.message : error instanceof Error ? error.message : String(error);
      if (!(error instanceof GitError)) this.services.log.error(`review of ${folder.name} failed: ${error instanceof Error ? error.stack : message}`);
      else this.services.log.info(`review of ${folder.name}: ${message}`);
      const state = stateOf(error);
      const plain = state === 'noGit'
        ? vscode.l10n.t('{0} is not a git repository: there is no change to review.', folder.name)
        : state === 'noBase'
          ? vscode.l10n.t('No base branch to compare with: set intentLens.review.base (e.g. main).')
          : vscode.l10n.t('The review could not be computed: see the Intent Lens output.');
      return { folder, uri, error: plain, state };
    }
  }

  private publishDiagnostics(results: readonly FolderReview[]): void {
    this.diagnostics.clear();
    const byUri = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    for (const r of results) {
      for (const f of r.review?.findings ?? []) {
        const uri = r.uri(f.file);
        const d = toDiagnostic(f, r.uri, 'Intent Lens review');
        let entry = byUri.get(uri.toString());
        if (!entry) byUri.set(uri.toString(), (entry = { uri, list: [] }));
        entry.list.push(d);
      }
    }
    for (const { uri, list } of byUri.values()) this.diagnostics.set(uri, list);
  }

  /** The command: compute, then reveal the view. */
  async reviewChanges(): Promise<void> {
    await vscode.commands.executeCommand(`${ViewId.review}.focus`).then(undefined, () => undefined);
    await this.compute();
  }

  /** The command: the Markdown summary of the last (or a fresh) review on the clipboard; undefined when not copied. */
  async copySummary(): Promise<string | undefined> {
    const results = this.tree.current().some((r) => r.review) ? this.tree.current() : await this.compute();
    const parts = results.filter((r) => r.review).map((r) => (results.length > 1 ? `## ${r.folder.name}\n\n` : '') + reviewMarkdown(r.review!, { baseLabel: r.baseLabel }));
    if (parts.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Intent Lens: no review to copy ({0}).', results.find((r) => r.error)?.error ?? vscode.l10n.t('no folder')));
      return undefined;
    }
    const text = parts.join('\n');
    try {
      // A browser-hosted workbench may never settle a clipboard write it was not allowed: do not hang on it.
      await Promise.race([vscode.env.clipboard.writeText(text), new Promise((_, reject) => setTimeout(() => reject(new Error('clipboard timeout')), 5_000))]);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Intent summary copied to the clipboard.'), 3000);
    } catch (error) {
      this.services.log.warn(`copy summary: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Intent Lens: could not write to the clipboard.'));
      return undefined;
    }
    return text;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}

export function registerReview(services: Services): Feature {
  const controller = new ReviewController(services);
  return {
    disposable: controller,
    commands: {
      [CommandId.reviewChanges]: () => controller.reviewChanges(),
      [CommandId.copySummary]: () => controller.copySummary(),
      [CommandId.openChange]: (node?: ReviewNode) => controller.openChange(node),
    },
    testing: {
      reviewTree: controller.tree,
      reviewView: controller.view,
      computeReview: () => controller.compute(),
      reviewState: () => controller.state,
    },
  };
}
