// The Intent sidebar (Objectives, Constraints, Tech Debt, Context), its tree item menus, and the tech-lead
// commands of src/vscode/commands: Create intent.yaml, Link Symbol to Intent…, Tag Tech Debt…, Triage as
// Tech Debt….
import * as vscode from 'vscode';
import { CommandId, ContextKey, ViewId } from '../ids';
import type { Feature, Services } from '../services';
import { constraintRoots } from './constraintsTree';
import { contextRoots } from './contextTree';
import { createManifest } from '../commands/createManifest';
import { debtRoots } from './debtTree';
import { copyItemId, findItemReferences, goToManifestEntry } from './itemCommands';
import { linkSymbol } from '../commands/linkSymbol';
import { objectiveRoots } from './objectivesTree';
import { PrompterSlot, type Prompter } from '../commands/prompter';
import { tagDebt, triageTodo } from '../commands/tagDebt';
import { Debouncer, TreeProvider, type Node } from './tree';
import { ViewContext } from './viewContext';

export function registerViews(services: Services): Feature {
  const ctx = new ViewContext(services);
  const prompter = new PrompterSlot();
  const objectivesTree = new TreeProvider(() => objectiveRoots(ctx));
  const constraintsTree = new TreeProvider(() => constraintRoots(ctx));
  const debtTree = new TreeProvider(() => debtRoots(ctx));
  const contextTree = new TreeProvider(() => contextRoots(ctx));

  const view = (id: string, provider: TreeProvider) => vscode.window.createTreeView<Node>(id, { treeDataProvider: provider, showCollapseAll: true });
  const objectivesView = view(ViewId.objectives, objectivesTree);
  const trees: [vscode.TreeView<Node>, TreeProvider][] = [
    [objectivesView, objectivesTree],
    [view(ViewId.constraints, constraintsTree), constraintsTree],
    [view(ViewId.debt, debtTree), debtTree],
    [view(ViewId.context, contextTree), contextTree],
  ];

  const updateBadge = () => {
    let errors = 0;
    try {
      errors = services.sessions.all().reduce((n, s) => n + s.findings().filter((f) => f.severity === 'error').length, 0);
    } catch (error) {
      services.log.error(`views: counting findings failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
    objectivesView.badge = errors
      ? { value: errors, tooltip: errors === 1 ? vscode.l10n.t('1 error in intent links and manifests') : vscode.l10n.t('{0} errors in intent links and manifests', errors) }
      : undefined;
  };
  // One refresh per change batch; the trees recompute only what is expanded.
  const refreshAll = new Debouncer(100, () => {
    for (const [, provider] of trees) provider.refresh();
    updateBadge();
  });
  const contextRefresh = new Debouncer(200, () => contextTree.refresh());
  const setActiveOnly = async (on: boolean) => {
    ctx.activeOnly = on;
    await vscode.commands.executeCommand('setContext', ContextKey.activeObjectivesOnly, on);
    objectivesTree.refresh();
  };
  void vscode.commands.executeCommand('setContext', ContextKey.activeObjectivesOnly, false);
  /** Untriaged shows only the chosen marker words (all when every one, or none, is ticked). */
  const filterUntriaged = async (): Promise<readonly string[] | undefined> => {
    const counts = new Map<string, number>();
    for (const session of services.sessions.all()) {
      for (const m of ctx.model(session).untriaged()) counts.set(m.marker.marker, (counts.get(m.marker.marker) ?? 0) + 1);
    }
    if (counts.size === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No untriaged TODO, FIXME or HACK comment to filter.'));
      return undefined;
    }
    const picked = await prompter.current.pickMany(
      [...counts].map(([marker, n]) => ({ value: marker, label: marker, description: n === 1 ? vscode.l10n.t('1 comment') : vscode.l10n.t('{0} comments', n), picked: !ctx.markerFilter || ctx.markerFilter.includes(marker) })),
      { title: vscode.l10n.t('Filter Untriaged by Marker'), placeHolder: vscode.l10n.t('Tick the marker words to show') },
    );
    if (!picked) return undefined;
    ctx.markerFilter = picked.length === 0 || picked.length === counts.size ? undefined : picked;
    await vscode.commands.executeCommand('setContext', ContextKey.untriagedFiltered, ctx.markerFilter !== undefined);
    debtTree.refresh();
    return ctx.markerFilter ?? [];
  };

  const disposable = vscode.Disposable.from(
    ctx,
    refreshAll,
    contextRefresh,
    ...trees.flatMap(([v, p]) => [v, p]),
    services.sessions.onDidChange(() => refreshAll.schedule()),
    vscode.window.onDidChangeActiveTextEditor(() => contextRefresh.schedule()),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) contextRefresh.schedule();
    }),
  );
  updateBadge();

  return {
    disposable,
    commands: {
      [CommandId.refresh]: async () => {
        await Promise.all(services.sessions.all().map((s) => s.rebuild()));
        for (const [, provider] of trees) provider.refresh();
        updateBadge();
      },
      [CommandId.createManifest]: () => createManifest(services),
      [CommandId.linkSymbol]: () => linkSymbol(services, prompter),
      [CommandId.tagDebt]: () => tagDebt(services, prompter),
      [CommandId.triageTodo]: (node?: Node) => triageTodo(services, prompter, node?.ref),
      [CommandId.goToManifestEntry]: (node?: Node) => goToManifestEntry(node),
      [CommandId.findItemReferences]: (node?: Node) => findItemReferences(node),
      [CommandId.copyItemId]: (node?: Node) => copyItemId(node),
      [CommandId.filterUntriaged]: () => filterUntriaged(),
      [CommandId.showActiveObjectivesOnly]: () => setActiveOnly(true),
      [CommandId.showAllObjectives]: () => setActiveOnly(false),
    },
    testing: {
      objectivesTree,
      constraintsTree,
      debtTree,
      contextTree,
      objectivesView,
      /** Every sidebar tree view by its view id (the integration tests check each one shows). */
      treeViews: {
        [ViewId.objectives]: objectivesView,
        [ViewId.constraints]: trees[1][0],
        [ViewId.debt]: trees[2][0],
        [ViewId.context]: trees[3][0],
      },
      windowPrompter: prompter.window,
      setPrompter: (p: Prompter | undefined) => {
        prompter.current = p ?? prompter.current;
      },
      resetPrompter: () => {
        prompter.current = prompter.window;
      },
    },
  };
}
