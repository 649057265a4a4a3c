// Typed ids for everything package.json `contributes` names: commands, views, the view container.
// test/unit/contributes.test.ts checks package.json against these, both ways.

export const CommandId = {
  refresh: 'intentLens.refresh',
  createManifest: 'intentLens.createManifest',
  linkSymbol: 'intentLens.linkSymbol',
  tagDebt: 'intentLens.tagDebt',
  reviewChanges: 'intentLens.reviewChanges',
  copySummary: 'intentLens.copySummary',
  /** Internal (CodeLens click): open the manifest at an item's ID. */
  revealItem: 'intentLens.revealItem',
  /** Internal (status bar click): pick one of the current file's items and open it. */
  showFileIntent: 'intentLens.showFileIntent',
  /** Tree item menus of the Intent views (hidden from the palette). */
  goToManifestEntry: 'intentLens.goToManifestEntry',
  findItemReferences: 'intentLens.findItemReferences',
  copyItemId: 'intentLens.copyItemId',
  /** Untriaged TODO/FIXME in the Tech Debt view → a @debt tag (hidden from the palette). */
  triageTodo: 'intentLens.triageTodo',
  /** Objectives view title: the filter toggle (one of the two shows, by ContextKey.activeObjectivesOnly). */
  showActiveObjectivesOnly: 'intentLens.showActiveObjectivesOnly',
  showAllObjectives: 'intentLens.showAllObjectives',
  /** Walk an item's suspect links (intent.lock) one by one: peek, diff, accept or skip. */
  reviewSuspectLinks: 'intentLens.reviewSuspectLinks',
  /** Review view rows: the diff of a changed symbol or file against the base (inline action and click). */
  openChange: 'intentLens.openChange',
  /** Tech Debt view title: choose the marker words Untriaged shows. */
  filterUntriaged: 'intentLens.filterUntriaged',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

export const ViewContainerId = 'intent' as const;

export const ViewId = {
  objectives: 'intentLens.objectives',
  constraints: 'intentLens.constraints',
  debt: 'intentLens.debt',
  context: 'intentLens.context',
  review: 'intentLens.review',
} as const;
export type ViewId = (typeof ViewId)[keyof typeof ViewId];

/** The first segment of every setting key (`intentLens.codeLens.enabled`). */
export const ConfigSection = 'intentLens' as const;

/** Context keys the extension sets, for `when` clauses in package.json. */
export const ContextKey = {
  /** True once a manifest is known to exist; welcome content offers "Create intent.yaml" while it is not. */
  hasManifest: 'intentLens.hasManifest',
  /** True while the Objectives view shows active objectives only. */
  activeObjectivesOnly: 'intentLens.activeObjectivesOnly',
  /** The Review view's state (ReviewState): which welcome text it shows when it lists nothing. */
  reviewState: 'intentLens.reviewState',
  /** True while Untriaged is filtered to some marker words. */
  untriagedFiltered: 'intentLens.untriagedFiltered',
} as const;
