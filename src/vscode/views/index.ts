// The Intent sidebar (Objectives, Constraints, Tech Debt, Context) and the tech-lead commands: Create
// intent.yaml, Link Symbol to Intent…, Tag Tech Debt…, Triage as Tech Debt…, and the tree item menus.
import * as vscode from 'vscode';
import { CommandId, ContextKey, ViewId } from '../ids';
import type { Feature, Services } from '../services';
import { constraintRoots } from './constraintsTree';
import { contextRoots } from './contextTree';
import { createManifest } from './createManifest';
import { debtRoots } from './debtTree';
import { copyItemId, findItemReferences, goToManifestEntry } from './itemCommands';
import { linkSymbol } from './linkSymbol';
import { objectiveRoots } from './objectivesTree';
import { PrompterSlot, type Prompter } from './prompter';
import { tagDebt, triageTodo } from './tagDebt';
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
      [CommandId.createManifest]: () => createManifest(),
      [CommandId.linkSymbol]: () => linkSymbol(services, prompter),
      [CommandId.tagDebt]: () => tagDebt(services, prompter),
      [CommandId.triageTodo]: (node?: Node) => triageTodo(services, prompter, node?.ref),
      [CommandId.goToManifestEntry]: (node?: Node) => goToManifestEntry(node),
      [CommandId.findItemReferences]: (node?: Node) => findItemReferences(node),
      [CommandId.copyItemId]: (node?: Node) => copyItemId(node),
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
      setPrompter: (p: Prompter | undefined) => {
        prompter.current = p ?? prompter.current;
      },
      resetPrompter: () => {
        prompter.current = new PrompterSlot().current;
      },
    },
  };
}
