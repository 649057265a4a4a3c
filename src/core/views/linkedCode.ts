// Which code an item reaches, for the Objectives and Constraints trees: files with tags naming it (and the
// tagged places in them), files a scope serves it with, files a constraint's appliesTo globs match.
// Computed lazily per item and cached until the graph or the index changes (a new ViewModel is built then).
import { compileGlobs } from '../analysis/globs';
import type { FileEntry, TagLocation } from '../index/workspaceIndex';
import { isManifestPath } from '../project';
import type { IntentGraph, Problem } from '../types';
import { debtGroups, untriagedMarkers, type DebtGroup, type UntriagedMarker } from './debt';

export interface ViewIndex {
  files(): readonly string[];
  allEntries(): ReadonlyMap<string, FileEntry>;
  tagsById(id: string): readonly TagLocation[];
}

export interface LinkedFile {
  readonly file: string;
  /** Tags in this file that name the item, in file order. */
  readonly places: readonly TagLocation[];
  /** The glob (a scope's `paths`, or a constraint's `appliesTo`) that brings the file in, when one does. */
  readonly glob?: string;
}

/** Manifests are YAML whose comments explain the tag syntax: their tags and TODOs are not code's. */
function codeOnly(index: ViewIndex): ViewIndex {
  let entries: Map<string, FileEntry> | undefined;
  return {
    files: () => index.files(),
    allEntries: () => (entries ??= new Map([...index.allEntries()].filter(([file]) => !isManifestPath(file)))),
    tagsById: (id) => index.tagsById(id).filter((l) => !isManifestPath(l.file)),
  };
}

export class ViewModel {
  private readonly linked = new Map<string, LinkedFile[]>();
  private readonly applies = new Map<string, LinkedFile[]>();
  private problemsByKr: Map<string, Problem[]> | undefined;
  private debt: DebtGroup[] | undefined;
  private untriaged: UntriagedMarker[] | undefined;

  readonly index: ViewIndex;

  constructor(readonly graph: IntentGraph, index: ViewIndex) {
    this.index = codeOnly(index);
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

  /** Code that serves the item: @intent / @intent-file tags naming it, and files of scopes serving it. */
  linkedCode(id: string): readonly LinkedFile[] {
    let hit = this.linked.get(id);
    if (!hit) {
      const tagged = this.index.tagsById(id).filter((l) => l.tag.kind !== 'debt');
      const globs = this.graph.scopes.filter((s) => s.serves.includes(id)).map((s) => compileGlobs(s.paths, s.base));
      this.linked.set(id, (hit = this.merge(tagged, globs)));
    }
    return hit;
  }

  /** Where a constraint binds: files its appliesTo globs match, and places tagged with it. */
  constraintCode(id: string): readonly LinkedFile[] {
    let hit = this.applies.get(id);
    if (!hit) {
      const item = this.graph.items.get(id);
      const globs = item?.kind === 'constraint' && item.appliesTo.length > 0 ? [compileGlobs(item.appliesTo, item.base)] : [];
      this.applies.set(id, (hit = this.merge(this.index.tagsById(id), globs)));
    }
    return hit;
  }

  debtGroups(): readonly DebtGroup[] {
    return (this.debt ??= debtGroups(this.graph, this.index));
  }

  untriagedMarkers(): readonly UntriagedMarker[] {
    return (this.untriaged ??= untriagedMarkers(this.index.allEntries()));
  }

  /** Tagged files first (they say more), then files brought in by globs; each group by path. */
  private merge(tagged: readonly TagLocation[], globs: readonly ReturnType<typeof compileGlobs>[]): LinkedFile[] {
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
      for (const file of this.index.files()) {
        if (byFile.has(file)) continue;
        const glob = globOf(file);
        if (glob) out.push({ file, places: [], glob });
      }
    }
    return out;
  }
}
