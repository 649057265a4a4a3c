// The only place the agent tools reach the shared code model (src/core/model): effective intent at a place,
// linked code, scope globs. The tools, their schemas and answers depend on this file, not on the model's API.
import { compileGlobs } from '../analysis/globs';
import type { EffectiveIntent } from '../analysis/effectiveIntent';
import type { TagLocation } from '../index/workspaceIndex';
import type { LinkedFile } from '../model/codeModel';
import type { IntentItem, SymbolNode, TagScan } from '../types';
import type { AgentWorkspace } from './workspace';

export type { LinkedFile };
export { describeProvenance, type IntentLink, type Provenance } from '../analysis/effectiveIntent';

/** A code file's tags (undefined when it has none or is not code). */
export function scanOf(ws: AgentWorkspace, file: string): TagScan | undefined {
  return ws.model.entry(file);
}

/** Effective intent at a place (line undefined: the whole file), bound with the text and symbols the tool read. */
export function intentAtPlace(ws: AgentWorkspace, place: { file: string; line?: number; symbols?: readonly SymbolNode[]; text?: string }): Promise<EffectiveIntent> {
  return ws.model.effectiveAt(place.file, place.line, place.text === undefined ? undefined : { text: place.text, symbols: place.symbols });
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

/** Code files with tags, and their tags (manifests and non-code files excluded). */
export function taggedFiles(ws: AgentWorkspace): ReadonlyMap<string, TagScan> {
  return ws.model.entries();
}

/** Code linked to items, as the model has it. */
export class ItemCode {
  constructor(private readonly ws: AgentWorkspace) {}

  /** Files serving an item (tags and scopes), or for a constraint the files it binds. */
  of(item: IntentItem): readonly LinkedFile[] {
    return item.kind === 'constraint' ? this.ws.model.constraintCode(item.id) : this.ws.model.linkedCode(item.id);
  }

  linkedCode(id: string): readonly LinkedFile[] {
    return this.ws.model.linkedCode(id);
  }

  /** Inline `@debt ID` tags in code. */
  debtTags(id: string): readonly TagLocation[] {
    return this.ws.model.tagsById(id).filter((l) => l.tag.kind === 'debt');
  }

  /** The items whose code also serves this one: an objective's KRs, the problems that move a KR. */
  servingChildren(item: IntentItem): string[] {
    if (item.kind === 'objective') return [...item.keyResults];
    if (item.kind === 'keyResult') return this.ws.model.problemsFor(item.id).map((p) => p.id);
    return [];
  }
}
