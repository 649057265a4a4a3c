// The only place the agent tools call today's analysis (effective intent, linked code, scope globs). When the
// shared code model lands, this adapter switches to it and the tools, their schemas and answers stay as they are.
import { effectiveIntent, type EffectiveIntent } from '../analysis/effectiveIntent';
import { compileGlobs } from '../analysis/globs';
import type { TagLocation } from '../index/workspaceIndex';
import type { IntentItem, SymbolNode } from '../types';
import { ViewModel, type LinkedFile } from '../views/linkedCode';
import type { AgentWorkspace } from './workspace';

export type { LinkedFile };
export { describeProvenance, type IntentLink, type Provenance } from '../analysis/effectiveIntent';

/** Effective intent at a place (line undefined: the whole file, every tag in it). */
export function intentAtPlace(ws: AgentWorkspace, place: { file: string; line?: number; symbols?: readonly SymbolNode[]; text?: string }): EffectiveIntent {
  return effectiveIntent({ graph: ws.graph, file: place.file, line: place.line, scan: ws.index.entry(place.file), symbols: place.symbols, text: place.text });
}

/** The scope globs that cover a file, with what each serves. */
export function scopesCovering(ws: AgentWorkspace, file: string): { glob: string; serves: readonly string[] }[] {
  const out: { glob: string; serves: readonly string[] }[] = [];
  for (const scope of ws.graph.scopes) {
    const glob = compileGlobs(scope.paths, scope.base).match(file);
    if (glob) out.push({ glob, serves: scope.serves });
  }
  return out;
}

/** Code linked to items: one per answer (its caches live as long as the graph and index it was built on). */
export class ItemCode {
  private readonly model: ViewModel;

  constructor(ws: AgentWorkspace) {
    this.model = new ViewModel(ws.graph, ws.index);
  }

  /** Files serving an item (tags and scopes), or for a constraint the files it binds. */
  of(item: IntentItem): readonly LinkedFile[] {
    return item.kind === 'constraint' ? this.model.constraintCode(item.id) : this.model.linkedCode(item.id);
  }

  linkedCode(id: string): readonly LinkedFile[] {
    return this.model.linkedCode(id);
  }

  /** Inline `@debt ID` tags in code (manifests excluded). */
  debtTags(id: string): readonly TagLocation[] {
    return this.model.index.tagsById(id).filter((l) => l.tag.kind === 'debt');
  }

  /** The items whose code also serves this one: an objective's KRs, the problems that move a KR. */
  servingChildren(item: IntentItem): string[] {
    if (item.kind === 'objective') return [...item.keyResults];
    if (item.kind === 'keyResult') return this.model.problemsFor(item.id).map((p) => p.id);
    return [];
  }
}
