// The code model of one workspace folder snapshot: which files are code, each tag's bound symbol (with the
// file's text), effective intent with provenance, the code linked to each item, debt in one ranking, untriaged
// markers, item status and successors, and the findings. Built as a whole per change batch (graph + index
// snapshot) and read by every surface: trees, CodeLens, hovers, status bar, diagnostics, report, review,
// `explain` and `check`. A surface that derives any of these itself is a bug (test/unit/consistency.test.ts).
import { codeFindings, sortFindings } from '../analysis/codeFindings';
import { effectiveIntent, type EffectiveIntent } from '../analysis/effectiveIntent';
import { compileGlobs, globsOf, type GlobSet } from '../analysis/globs';
import { locationsById, type TagLocation } from '../index/workspaceIndex';
import type { AttributedTag } from '../tags/attribution';
import type { Finding, IntentGraph, IntentItem, Problem, Status, TagScan } from '../types';
import { asDeclared, BindingCache, type DocumentSource, type FileDocument } from './binding';
import { codeFilesOf, isCodeFile } from './codeFile';
import { groupDebt, rankDebt, type DebtEntry, type DebtGroup } from './debtRanking';
import { effectiveStatus, isRetired, successorOf } from './retired';
import { untriagedMarkers, type UntriagedMarker } from './untriaged';
import { pushAll } from '../arrays';

/** What the model reads of an index snapshot. WorkspaceIndex satisfies it; so does a review's base side. */
export interface ModelIndex {
  /** Every listed file (the host's ignore rules applied), root-relative and sorted. */
  files(): readonly string[];
  /** Scan results of the files that have tags, malformed tags or markers. */
  allEntries(): ReadonlyMap<string, TagScan>;
}

export interface CodeModelOptions {
  /** Reads a file's text and symbols for binding; without it every tag binds to its file. */
  readonly documents?: DocumentSource;
  /** Bindings kept across models of the same folder (pass the previous model's `bindingCache`). */
  readonly bindingCache?: BindingCache;
  /** A file that could not be read or parsed for binding (it then binds to the file); the editor logs it. */
  readonly onError?: (file: string, error: unknown) => void;
}

export interface LinkedFile {
  readonly file: string;
  /** Tags in this file that name the item, in file order. */
  readonly places: readonly TagLocation[];
  /** The glob (a scope's `paths`, or a constraint's `appliesTo`) that brings the file in, when one does. */
  readonly glob?: string;
}

export class CodeModel {
  readonly bindingCache: BindingCache;
  private codeEntries: Map<string, TagScan> | undefined;
  private byId: Map<string, TagLocation[]> | undefined;
  private readonly linked = new Map<string, LinkedFile[]>();
  private readonly applies = new Map<string, LinkedFile[]>();
  private problemsByKr: Map<string, Problem[]> | undefined;
  private ranked: DebtEntry[] | undefined;
  private groups: DebtGroup[] | undefined;
  private untriagedList: UntriagedMarker[] | undefined;
  private serving: { byFile: Map<string, Set<string>>; byId: Map<string, string[]> } | undefined;
  private linkedSet: Set<string> | undefined;
  private findingList: Finding[] | undefined;
  private readonly documents = new Map<string, Promise<FileDocument | undefined>>();

  constructor(readonly graph: IntentGraph, private readonly index: ModelIndex, private readonly options: CodeModelOptions = {}) {
    this.bindingCache = options.bindingCache ?? new BindingCache();
  }

  // ------------------------------------------------------------------------------------------------ files

  /** Every listed file, code or not (what globs are checked against for IL005). */
  allFiles(): readonly string[] {
    return this.index.files();
  }

  /** The listed files that are code (`isCodeFile`), sorted. */
  files(): readonly string[] {
    return codeFilesOf(this.index.files());
  }

  /** Tags, malformed tags and markers of the code files that have any, in path order. */
  entries(): ReadonlyMap<string, TagScan> {
    if (!this.codeEntries) {
      const all = this.index.allEntries();
      this.codeEntries = new Map([...all.keys()].filter(isCodeFile).sort().map((f) => [f, all.get(f)!]));
    }
    return this.codeEntries;
  }

  /** A code file's scan; undefined when it has no tag or marker, or is not code. */
  entry(file: string): TagScan | undefined {
    return this.entries().get(file);
  }

  /** Every place a code tag names an ID, in file order. */
  tagsById(id: string): readonly TagLocation[] {
    this.byId ??= locationsById(this.entries());
    return this.byId.get(id) ?? [];
  }

  // ------------------------------------------------------------------------------------------------ items

  item(id: string): IntentItem | undefined {
    return this.graph.items.get(id);
  }

  /** The item's own status, or (for a KR) its objective's. */
  status(item: IntentItem): Status | undefined {
    return effectiveStatus(this.graph, item);
  }

  isRetired(item: IntentItem): boolean {
    return isRetired(this.graph, item);
  }

  /** The first non-retired item along `supersededBy` (see `successorOf`). */
  successor(item: IntentItem): IntentItem | undefined {
    return successorOf(this.graph, item);
  }

  /** The problems whose `keyResults` name this KR, in manifest order. */
  problemsFor(kr: string): readonly Problem[] {
    if (!this.problemsByKr) {
      const m = new Map<string, Problem[]>();
      for (const item of this.graph.items.values()) {
        if (item.kind !== 'problem') continue;
        for (const id of new Set(item.keyResults)) {
          let list = m.get(id);
          if (!list) m.set(id, (list = []));
          list.push(item);
        }
      }
      this.problemsByKr = m;
    }
    return this.problemsByKr.get(kr) ?? [];
  }

  // ------------------------------------------------------------------------------------------------ links

  /** Code that serves the item directly: @intent / @intent-file tags naming it, and code files of scopes serving it. */
  linkedCode(id: string): readonly LinkedFile[] {
    let hit = this.linked.get(id);
    if (!hit) {
      const tagged = this.tagsById(id).filter((l) => l.tag.kind !== 'debt');
      const globs = this.graph.scopes.filter((s) => s.serves.includes(id)).map((s) => compileGlobs(s.paths, s.base));
      this.linked.set(id, (hit = this.merge(tagged, globs)));
    }
    return hit;
  }

  /** Where a constraint binds: code files its appliesTo globs match, and places tagged with it. */
  constraintCode(id: string): readonly LinkedFile[] {
    let hit = this.applies.get(id);
    if (!hit) {
      const item = this.graph.items.get(id);
      const globs = item?.kind === 'constraint' && item.appliesTo.length > 0 ? [compileGlobs(item.appliesTo, item.base)] : [];
      this.applies.set(id, (hit = this.merge(this.tagsById(id), globs)));
    }
    return hit;
  }

  /**
   * Code files serving an objective, KR or problem, directly or through what it implies: a file linked to a
   * problem serves the KRs it moves, a file linked to a KR serves its objective. Sorted.
   */
  filesServing(id: string): readonly string[] {
    return this.servingMaps().byId.get(id) ?? [];
  }

  /** The objective, KR and problem IDs a code file serves (the closure above); empty when none. */
  intentOf(file: string): ReadonlySet<string> {
    return this.servingMaps().byFile.get(file) ?? EMPTY;
  }

  /**
   * IDs code links at all: named by any code tag, served by a scope matching at least one code file, and the
   * KRs a linked problem moves. IL020 fires for a KR or problem outside it; the review's IL032 compares it.
   */
  linkedIds(): ReadonlySet<string> {
    if (!this.linkedSet) {
      const linked = new Set<string>();
      for (const scan of this.entries().values()) for (const tag of scan.tags) for (const ref of tag.ids) linked.add(ref.id);
      // Without scopes there is nothing to match: a manifest-less tree of 92k files skips the sort and the code-file pass.
      if (this.graph.scopes.length > 0) for (const id of scopeLinked(this.graph, this.files())) linked.add(id);
      for (const item of this.graph.items.values()) {
        if (item.kind === 'problem' && linked.has(item.id)) for (const kr of item.keyResults) linked.add(kr);
      }
      this.linkedSet = linked;
    }
    return this.linkedSet;
  }

  // ------------------------------------------------------------------------------------------------ debt

  /** Every debt, in the one ranking (`compareDebt`); retired debt items left out. */
  debt(): readonly DebtEntry[] {
    return (this.ranked ??= rankDebt({ graph: this.graph, entries: () => this.entries(), tagsById: (id) => this.tagsById(id) }));
  }

  /** The ranked debt grouped by the item it hurts. */
  debtGroups(): readonly DebtGroup[] {
    return (this.groups ??= groupDebt(this.graph, this.debt()));
  }

  /** TODO/FIXME/HACK markers no tag covers (`untriagedMarkers` is the rule). */
  untriaged(): readonly UntriagedMarker[] {
    return (this.untriagedList ??= untriagedMarkers(this.entries()));
  }

  // ------------------------------------------------------------------------------------------------ binding

  /** A code file's text and declarations (`declarations`) through the model's document source, read once per model. */
  document(file: string, extraLines: readonly number[] = []): Promise<FileDocument | undefined> {
    let hit = this.documents.get(file);
    if (!hit) {
      const source = this.options.documents;
      const lines = [...(this.entry(file)?.tags.map((t) => t.range.start.line) ?? []), ...extraLines];
      hit = source
        ? source(file, lines).then(asDeclared, (error: unknown) => {
            this.options.onError?.(file, error);
            return undefined;
          })
        : Promise.resolve(undefined);
      this.documents.set(file, hit);
    }
    return hit;
  }

  /**
   * Each tag of a code file bound to its symbol or to the file, with the file's text. `document` overrides the
   * model's source (the editor passes the open buffer it is rendering); cached per file version and document.
   */
  async bindings(file: string, document?: FileDocument): Promise<readonly AttributedTag[]> {
    const scan = this.entry(file);
    if (!scan || scan.tags.length === 0) return [];
    return this.bindingCache.bind(scan, document ?? (await this.document(file)));
  }

  /** The effective intent at a 0-based line of a file (or the whole file), each link with its provenance. */
  async effectiveAt(file: string, line?: number, document?: FileDocument): Promise<EffectiveIntent> {
    const scan = this.entry(file);
    const doc = document ? asDeclared(document) : scan?.tags.length ? await this.document(file, line === undefined ? [] : [line]) : undefined;
    const bound = scan && scan.tags.length ? this.bindingCache.bind(scan, doc) : undefined;
    return effectiveIntent({ graph: this.graph, file, line, scan, symbols: doc?.symbols, text: doc?.text, bound });
  }

  /** What a file's path alone brings: scopes serving it and constraints applying to it (no tags). */
  pathIntent(file: string): EffectiveIntent {
    return effectiveIntent({ graph: this.graph, file });
  }

  // ------------------------------------------------------------------------------------------------ findings

  /** Every finding of the folder, manifest and code, in a stable order. */
  findings(): readonly Finding[] {
    return (this.findingList ??= sortFindings([...this.graph.findings, ...codeFindings(this)]));
  }

  // ------------------------------------------------------------------------------------------------ internals

  private servingMaps(): { byFile: Map<string, Set<string>>; byId: Map<string, string[]> } {
    if (this.serving) return this.serving;
    const direct = new Map<string, Set<string>>();
    const link = (file: string, id: string) => {
      let set = direct.get(file);
      if (!set) direct.set(file, (set = new Set()));
      set.add(id);
    };
    for (const [file, scan] of this.entries()) for (const tag of scan.tags) if (tag.kind !== 'debt') for (const ref of tag.ids) link(file, ref.id);
    const files = this.files();
    const scopes = globsOf(this.graph).scopes;
    for (const file of files) for (const { set } of scopes.matching(file)) for (const id of this.graph.scopes[set].serves) link(file, id);
    const byFile = new Map<string, Set<string>>();
    for (const [file, ids] of direct) {
      const all = new Set<string>();
      for (const id of ids) {
        const item = this.graph.items.get(id);
        if (item?.kind !== 'objective' && item?.kind !== 'keyResult' && item?.kind !== 'problem') continue;
        all.add(id);
        if (item.kind === 'problem') for (const kr of item.keyResults) all.add(kr);
      }
      for (const id of [...all]) {
        const item = this.graph.items.get(id);
        if (item?.kind === 'keyResult') all.add(item.objective);
      }
      if (all.size > 0) byFile.set(file, all);
    }
    const byId = new Map<string, string[]>();
    for (const file of [...byFile.keys()].sort()) {
      for (const id of byFile.get(file)!) {
        let list = byId.get(id);
        if (!list) byId.set(id, (list = []));
        list.push(file);
      }
    }
    return (this.serving = { byFile, byId });
  }

  /** Tagged files first (they say more), then code files brought in by globs; each group by path. */
  private merge(tagged: readonly TagLocation[], globs: readonly GlobSet[]): LinkedFile[] {
    const byFile = new Map<string, TagLocation[]>();
    for (const loc of tagged) {
      let list = byFile.get(loc.file);
      if (!list) byFile.set(loc.file, (list = []));
      if (!list.some((l) => l.tag === loc.tag)) list.push(loc);
    }
    const out: LinkedFile[] = [];
    const globOf = (file: string): string | undefined => {
      for (const g of globs) {
        const m = g.match(file);
        if (m) return m;
      }
      return undefined;
    };
    for (const file of [...byFile.keys()].sort()) {
      const glob = globs.length ? globOf(file) : undefined;
      out.push(glob ? { file, places: byFile.get(file)!, glob } : { file, places: byFile.get(file)! });
    }
    if (globs.length) {
      for (const file of this.files()) {
        if (byFile.has(file)) continue;
        const glob = globOf(file);
        if (glob) out.push({ file, places: [], glob });
      }
    }
    return out;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

const scopeLinkedCache = new WeakMap<IntentGraph, { files: readonly string[]; ids: readonly string[] }>();

/**
 * IDs served by a scope that matches at least one code file. Glob matching over a big tree is the costly part
 * of a rebuild: reused while the graph and the listing (the same array while only contents change) stay the same.
 */
function scopeLinked(graph: IntentGraph, files: readonly string[]): readonly string[] {
  const hit = scopeLinkedCache.get(graph);
  if (hit && hit.files === files) return hit.ids;
  const ids: string[] = [];
  // One compiled set for all scopes: a scope links when any file matches it (negations included).
  const matched = new Set<number>();
  const scopes = globsOf(graph).scopes;
  for (let f = 0; f < files.length && matched.size < graph.scopes.length; f++) for (const { set } of scopes.matching(files[f])) matched.add(set);
  graph.scopes.forEach((scope, s) => {
    if (matched.has(s)) pushAll(ids, scope.serves);
  });
  scopeLinkedCache.set(graph, { files, ids });
  return ids;
}
