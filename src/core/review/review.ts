// A change seen through intent: which objectives, key results and problems the changed code serves, what has
// no intent, which constraints it touches, which links it adds, removes or breaks, and findings IL030–IL032.
// Host-free: the CLI (git) and the editor (VS Code's git API) hand in both sides and the parsed diff.
import { msg } from '../l10n';
import { symbolChainAt, type IntentLink } from '../analysis/effectiveIntent';
import type { DocumentSource } from '../model/binding';
import { isCodeFile, isManifestPath } from '../model/codeFile';
import { CodeModel, type ModelIndex } from '../model/codeModel';
import type { AttributedTag } from '../tags/attribution';
import type { Constraint, Finding, IntentGraph, IntentItem, KeyResult, Objective, Problem, Range, SymbolNode } from '../types';
import { firstChangedLine, mapBaseLine, type ChangedFile, type ChangeStatus } from './diff';
import { brokenReason, linkDifference, tagLinks, type BrokenReason, type TagLink } from './links';
import { pushAll } from '../arrays';

/** One side of the change (the base commit or the working tree). */
export interface ReviewSide {
  readonly graph: IntentGraph;
  readonly index: ModelIndex;
  /** The side's code model when the caller holds one (the editor's session); built from the rest otherwise. */
  readonly model?: CodeModel;
  /** Text and declarations of a file on this side, for binding tags exactly as `explain` and the editor do. */
  readonly documents?: DocumentSource;
}

/** The code model of a side: its own, or one over its graph, index and documents. */
export function sideModel(side: ReviewSide): CodeModel {
  return side.model ?? new CodeModel(side.graph, side.index, { documents: side.documents });
}

export interface ReviewInput {
  readonly base: ReviewSide;
  readonly head: ReviewSide;
  readonly changes: readonly ChangedFile[];
}

/** A symbol (or a file's top level) that the change touches. */
export interface ChangeUnit {
  /** Root-relative path at the head (for a deleted file, its path at the base). */
  readonly file: string;
  /** 0-based line to show: at the head, or at the base for a deleted file. */
  readonly line: number;
  /** 'base' when the symbol exists only before the change (it was deleted). */
  readonly side: 'head' | 'base';
  /** Enclosing symbols, outermost first; empty for the file's top level. */
  readonly symbols: readonly string[];
  readonly links: readonly IntentLink[];
}

export interface ReviewFile {
  readonly path: string;
  readonly oldPath?: string;
  readonly status: ChangeStatus;
  readonly binary?: boolean;
  /** 0-based first changed line at the head (0 for deleted files). */
  readonly firstLine: number;
  readonly units: readonly ChangeUnit[];
  /** Objective, KR and problem IDs the changed code serves. */
  readonly intent: readonly string[];
  readonly constraints: readonly string[];
}

export type IntentItemOfGroup = Objective | KeyResult | Problem;

export interface IntentGroup {
  readonly id: string;
  readonly item: IntentItemOfGroup;
  /** Changed units linked at exactly this level. */
  readonly units: readonly ChangeUnit[];
  readonly children: readonly IntentGroup[];
}

export interface ConstraintTouch {
  readonly id: string;
  readonly item: Constraint;
  readonly units: readonly ChangeUnit[];
}

export interface LinkChange {
  readonly id: string;
  readonly kind: TagLink['kind'];
  readonly file: string;
  /** 0-based; at the head for added and broken links, at the base for removed ones. */
  readonly line: number;
  readonly title?: string;
  readonly reason?: BrokenReason;
}

export interface Review {
  readonly files: readonly ReviewFile[];
  /** Objectives (and problems that move no KR) with the changes that serve them, in manifest order. */
  readonly groups: readonly IntentGroup[];
  readonly noIntent: readonly ReviewFile[];
  readonly constraints: readonly ConstraintTouch[];
  readonly links: { readonly added: readonly LinkChange[]; readonly removed: readonly LinkChange[]; readonly broken: readonly LinkChange[] };
  readonly findings: readonly Finding[];
}

/** Changed lines looked at per file; beyond it the rest of a huge file counts as its top level. */
const MAX_LINES_PER_FILE = 50_000;

function lineRange(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

function expand(ranges: readonly { start: number; end: number }[]): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    for (let l = r.start; l <= r.end && out.length < MAX_LINES_PER_FILE; l++) out.push(l);
  }
  return out;
}

function isIntentLink(link: IntentLink): boolean {
  const kind = link.item?.kind;
  return !link.debt && (kind === 'objective' || kind === 'keyResult' || kind === 'problem');
}

/**
 * The units (innermost symbols, or the top level) of the given lines, each with its first line. A changed tag
 * line counts for the symbol the tag binds to, so adding `@intent` above a function is a change to it.
 */
function unitsOf(lines: readonly number[], symbols: readonly SymbolNode[] | undefined, tagTargets: Map<number, number>): Map<string, { line: number; at: number; chain: SymbolNode[] }> {
  const units = new Map<string, { line: number; at: number; chain: SymbolNode[] }>();
  for (const line of lines) {
    const at = tagTargets.get(line) ?? line;
    const chain = symbolChainAt(symbols, at);
    const inner = chain[chain.length - 1];
    const key = inner ? `${chain.map((s) => s.name).join('\u0000')}\u0000${inner.range.start.line}` : '';
    const prev = units.get(key);
    if (!prev) units.set(key, { line, at, chain });
    else if (line < prev.line) units.set(key, { ...prev, line });
  }
  return units;
}

/** Tag line → a line inside the symbol the tag binds to (tags bound to the file are left out). */
function tagTargetLines(bound: readonly AttributedTag[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const { tag, target } of bound) {
    if (target.kind !== 'symbol') continue;
    const bound = target.path[target.path.length - 1];
    if (bound) out.set(tag.range.start.line, bound.selectionRange.start.line);
  }
  return out;
}

async function fileUnits(side: CodeModel, sideName: 'head' | 'base', path: string, lines: readonly number[], shownLine: (line: number) => number, displayPath: string): Promise<Map<string, ChangeUnit>> {
  const out = new Map<string, ChangeUnit>();
  if (lines.length === 0) return out;
  const document = isManifestPath(path) ? undefined : await side.document(path, lines);
  const units = unitsOf(lines, document?.symbols, tagTargetLines(await side.bindings(path)));
  for (const [key, { line, at, chain }] of units) {
    const intent = await side.effectiveAt(path, at);
    out.set(key, { file: displayPath, line: shownLine(line), side: sideName, symbols: chain.map((s) => s.name), links: intent.links });
  }
  return out;
}

export async function computeReview(input: ReviewInput): Promise<Review> {
  const base = sideModel(input.base);
  const head = sideModel(input.head);
  const files: ReviewFile[] = [];
  const findings: Finding[] = [];
  const itemOf = (id: string): IntentItem | undefined => head.graph.items.get(id) ?? base.graph.items.get(id);

  for (const change of input.changes) {
    const basePath = change.oldPath ?? change.path;
    const units: ChangeUnit[] = [];
    if (change.status === 'deleted') {
      const gone = await fileUnits(base, 'base', basePath, expand(change.removed), (l) => l, change.path);
      pushAll(units, gone.values());
    } else {
      const headLines = [...expand(change.added), ...change.hunks.filter((h) => h.newLines === 0).map((h) => h.newStart)];
      const now = await fileUnits(head, 'head', change.path, headLines, (l) => l, change.path);
      pushAll(units, now.values());
      if (change.status !== 'added') {
        const before = await fileUnits(base, 'base', basePath, expand(change.removed), (l) => mapBaseLine(change, l), change.path);
        // Only symbols that no longer exist: the rest is already seen at the head.
        const headNames = new Set([...now.values()].map((u) => u.symbols.join('\u0000')));
        for (const u of before.values()) if (u.symbols.length > 0 && !headNames.has(u.symbols.join('\u0000'))) units.push(u);
      }
    }
    if (units.length === 0) {
      // No changed line (a pure rename, a mode change, a binary file): the file's own intent.
      const side = change.status === 'deleted' ? base : head;
      const path = change.status === 'deleted' ? basePath : change.path;
      const intent = await side.effectiveAt(path);
      units.push({ file: change.path, line: 0, side: change.status === 'deleted' ? 'base' : 'head', symbols: [], links: intent.links });
    }
    units.sort((a, b) => a.line - b.line);
    const intent = [...new Set(units.flatMap((u) => u.links.filter(isIntentLink).map((l) => l.id)))];
    const constraints = [...new Set(units.flatMap((u) => u.links.filter((l) => !l.debt && l.item?.kind === 'constraint').map((l) => l.id)))];
    files.push({
      path: change.path,
      ...(change.oldPath ? { oldPath: change.oldPath } : {}),
      status: change.status,
      ...(change.binary ? { binary: true } : {}),
      firstLine: change.status === 'deleted' ? 0 : firstChangedLine(change),
      units,
      intent,
      constraints,
    });
  }

  const reviewed = files.filter((f) => !isManifestPath(f.path));
  const noIntent = reviewed.filter((f) => f.intent.length === 0);

  // IL030: a changed code file whose changed lines serve nothing.
  for (const f of noIntent) {
    if (f.status === 'deleted' || !isCodeFile(f.path)) continue;
    findings.push({
      code: 'IL030',
      severity: 'warning',
      ...msg("changed file '{0}' has no intent: no tag, file tag or scope links the changed code to an objective, key result or problem", f.path),
      file: f.path,
      range: lineRange(f.firstLine),
    });
  }

  // Constraints touched, and IL031 once per file and constraint.
  const touches = new Map<string, ChangeUnit[]>();
  for (const f of reviewed) {
    for (const id of f.constraints) {
      const linking = f.units.filter((u) => u.links.some((l) => l.id === id && !l.debt));
      let list = touches.get(id);
      if (!list) touches.set(id, (list = []));
      pushAll(list, linking);
      const item = itemOf(id) as Constraint | undefined;
      if (f.status === 'deleted' || !item) continue;
      findings.push({
        code: 'IL031',
        severity: 'info',
        ...msg("the change touches code under constraint '{0}' ({1}): check it still holds", id, item.title),
        file: f.path,
        range: lineRange(linking[0]?.line ?? f.firstLine),
        related: [{ file: item.source.manifest, range: item.source.idRange, ...msg("constraint '{0}' is declared here", id) }],
      });
    }
  }
  const constraints: ConstraintTouch[] = [...touches]
    .map(([id, units]) => ({ id, item: itemOf(id) as Constraint, units }))
    .filter((c) => c.item !== undefined);

  // Links added and removed by the changed files; links the change broke anywhere.
  const added: LinkChange[] = [];
  const removed: LinkChange[] = [];
  const addedKeys = new Set<string>();
  for (const change of input.changes) {
    if (isManifestPath(change.path)) continue;
    const before = change.status === 'added' ? [] : tagLinks(base.entry(change.oldPath ?? change.path));
    const after = change.status === 'deleted' ? [] : tagLinks(head.entry(change.path));
    for (const l of linkDifference(after, before)) {
      added.push({ id: l.id, kind: l.kind, file: change.path, line: l.line, title: head.graph.items.get(l.id)?.title });
      addedKeys.add(`${change.path}\u0000${l.line}\u0000${l.id}`);
    }
    for (const l of linkDifference(before, after)) {
      removed.push({ id: l.id, kind: l.kind, file: change.oldPath ?? change.path, line: l.line, title: itemOf(l.id)?.title });
    }
  }
  const broken: LinkChange[] = [];
  for (const [file, scan] of head.entries()) {
    for (const l of tagLinks(scan)) {
      const reason = brokenReason(head.graph, l.id);
      if (!reason) continue;
      const isNew = addedKeys.has(`${file}\u0000${l.line}\u0000${l.id}`);
      if (!isNew && brokenReason(base.graph, l.id) !== undefined) continue; // broken before the change too
      broken.push({ id: l.id, kind: l.kind, file, line: l.line, title: head.graph.items.get(l.id)?.title, reason });
    }
  }

  // IL032: a KR linked before the change and by nothing after it.
  const linkedBefore = base.linkedIds();
  const linkedAfter = head.linkedIds();
  for (const item of head.graph.items.values()) {
    if (item.kind !== 'keyResult' || !linkedBefore.has(item.id) || linkedAfter.has(item.id) || head.isRetired(item)) continue;
    findings.push({ ...lastLinkLocation(item, input, base), code: 'IL032', severity: 'warning', ...msg("this change removes the last link to key result '{0}' ({1}): no code links it any more", item.id, item.title), related: [{ file: item.source.manifest, range: item.source.idRange, ...msg("key result '{0}' is declared here", item.id) }] });
  }

  return {
    files,
    groups: groupByIntent(reviewed, head.graph, base.graph),
    noIntent,
    constraints,
    links: { added, removed, broken },
    findings: findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.line - b.range.start.line || a.code.localeCompare(b.code)),
  };
}

/** Where the last link to a KR went: the head position of a removed tag that named it, else the KR itself. */
function lastLinkLocation(kr: KeyResult, input: ReviewInput, base: CodeModel): { file: string; range: Range } {
  const baseGraph = base.graph;
  const namesKr = (id: string) => {
    if (id === kr.id) return true;
    const item = baseGraph.items.get(id);
    return item?.kind === 'problem' && item.keyResults.includes(kr.id);
  };
  for (const change of input.changes) {
    if (change.status === 'deleted' || change.status === 'added' || isManifestPath(change.path)) continue;
    const scan = base.entry(change.oldPath ?? change.path);
    const tag = tagLinks(scan).find((l) => namesKr(l.id));
    if (tag) return { file: change.path, range: lineRange(mapBaseLine(change, tag.line)) };
  }
  return { file: kr.source.manifest, range: kr.source.idRange };
}

interface MutableGroup {
  id: string;
  item: IntentItemOfGroup;
  units: ChangeUnit[];
  children: Map<string, MutableGroup>;
}

/** Objective → KR → problem, each unit under every path its links name (and not also under a prefix of it). */
function groupByIntent(files: readonly ReviewFile[], head: IntentGraph, base: IntentGraph): IntentGroup[] {
  const itemOf = (id: string) => head.items.get(id) ?? base.items.get(id);
  const order = new Map<string, number>();
  for (const id of [...head.items.keys(), ...base.items.keys()]) if (!order.has(id)) order.set(id, order.size);
  const roots = new Map<string, MutableGroup>();

  const place = (path: IntentItemOfGroup[], unit: ChangeUnit) => {
    let level = roots;
    let node: MutableGroup | undefined;
    for (const item of path) {
      node = level.get(item.id);
      if (!node) level.set(item.id, (node = { id: item.id, item, units: [], children: new Map() }));
      level = node.children;
    }
    if (node && !node.units.includes(unit)) node.units.push(unit);
  };

  for (const f of files) {
    for (const unit of f.units) {
      const paths: IntentItemOfGroup[][] = [];
      for (const link of unit.links) {
        if (!isIntentLink(link) || link.via.kind === 'derived') continue;
        const item = link.item as IntentItemOfGroup;
        if (item.kind === 'objective') paths.push([item]);
        else if (item.kind === 'keyResult') {
          const obj = itemOf(item.objective);
          if (obj?.kind === 'objective') paths.push([obj, item]);
        } else {
          const krs = item.keyResults.map(itemOf).filter((k): k is KeyResult => k?.kind === 'keyResult');
          if (krs.length === 0) paths.push([item]);
          for (const kr of krs) {
            const obj = itemOf(kr.objective);
            if (obj?.kind === 'objective') paths.push([obj, kr, item]);
          }
        }
      }
      const key = (p: IntentItemOfGroup[]) => p.map((i) => i.id).join('\u0000');
      const keys = paths.map(key);
      paths.forEach((p, i) => {
        const k = keys[i];
        if (keys.indexOf(k) !== i) return;
        if (keys.some((other) => other !== k && other.startsWith(k + '\u0000'))) return;
        place(p, unit);
      });
    }
  }
  const freeze = (groups: Map<string, MutableGroup>): IntentGroup[] =>
    [...groups.values()]
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
      .map((g) => ({ id: g.id, item: g.item, units: g.units, children: freeze(g.children) }));
  return freeze(roots);
}

/** Every unit under a group, its own and its children's, once each. */
export function unitsUnder(group: IntentGroup): ChangeUnit[] {
  const out = new Set<ChangeUnit>(group.units);
  for (const c of group.children) for (const u of unitsUnder(c)) out.add(u);
  return [...out];
}

/** Distinct files under a group. */
export function filesUnder(group: IntentGroup): string[] {
  return [...new Set(unitsUnder(group).map((u) => u.file))];
}
