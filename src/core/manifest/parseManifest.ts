// One intent.yaml → its items, scopes and references with exact source ranges, plus IL001/IL002 findings.
// Untrusted input: size, aliases and depth are bounded, and each item is validated alone so one broken
// item never hides the others.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { msg, type Localized } from '../l10n';
import { dirname, normalizeRelative } from '../paths';
import type {
  Constraint, DebtItem, Finding, IntentItem, ItemKind, KeyResult, ManifestInfo, Objective, Problem, Range, Scope,
  SourceLocation,
} from '../types';
import { issueMessages } from './issueMessages';
import { LineIndex } from './lineIndex';
import { ID_PATTERN } from './idSyntax';
import {
  LIMITS, REQUIRED_KEYS, SECTIONS, SECTION_SCHEMAS, keyResultSchema, manifestTopSchema,
  type ConstraintData, type DebtData, type KeyResultData, type ObjectiveData, type ProblemData, type ScopeData,
  type Section,
} from './manifestSchema';
import { YamlBudgetError, YamlConverter, firstKey, nodeAtPath, type PathSegment } from './yamlTree';
import { pushAll } from '../arrays';

/** Manifests larger than this are refused unread. */
export const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;

/** Fields that name other items, and the kinds they may name (undefined: any kind). */
export type ReferenceField = 'keyResults' | 'objectives' | 'hurts' | 'serves' | 'supersededBy';

/** An ID written in a manifest that must name an item of the graph. */
export interface ManifestReference {
  readonly id: string;
  readonly range: Range;
  readonly field: ReferenceField;
  /** Where it is written, for messages: `problems[0].keyResults[1]`. */
  readonly where: string;
  /** The item (or `scopes[2]`) that holds it. */
  readonly from: string;
  /** The kinds it may name; undefined when any kind will do. */
  readonly expects?: readonly ItemKind[];
}

/** An item that failed the schema and was not loaded; references to it are not reported again. */
export interface UnloadedItem {
  readonly id: string;
  readonly kind: ItemKind;
  /** For a key result, its objective's ID. */
  readonly objective?: string;
}

export interface ParsedManifest {
  readonly info: ManifestInfo;
  /** Items in manifest order (objectives, each followed by its key results, problems, constraints, debt). */
  readonly items: readonly IntentItem[];
  readonly scopes: readonly Scope[];
  readonly references: readonly ManifestReference[];
  readonly unloaded: readonly UnloadedItem[];
}

export interface ParseManifestResult {
  readonly manifest: ParsedManifest | undefined;
  readonly findings: Finding[];
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The size in bytes of a manifest over the limit, or undefined when it is within it. */
function manifestTooLarge(text: string): number | undefined {
  if (text.length * 3 <= MAX_MANIFEST_BYTES) return undefined; // UTF-8 needs at most 3 bytes per UTF-16 unit
  const bytes = utf8Length(text);
  return bytes > MAX_MANIFEST_BYTES ? bytes : undefined;
}

/** Length of the mapping key written at `offset` (plain, single- or double-quoted), for duplicate-key errors. */
function keyLength(text: string, offset: number): number {
  const m = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\n:#,[\]{}]*[^\s\n:#,[\]{}])/.exec(text.slice(offset, offset + 1000));
  return m ? m[0].length : 1;
}

function firstLineRange(text: string): Range {
  const nl = text.search(/[\r\n]/);
  const end = Math.min(nl < 0 ? text.length : nl, 200);
  return { start: { line: 0, character: 0 }, end: { line: 0, character: end } };
}

const SECTION_KIND: Record<Exclude<Section, 'scopes'>, ItemKind> = {
  objectives: 'objective',
  problems: 'problem',
  constraints: 'constraint',
  debt: 'debt',
};

/** Drops undefined fields so items carry only what the manifest wrote. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** The per-manifest parser; one instance per call, no state survives it. */
class ManifestParser {
  readonly findings: Finding[] = [];
  private readonly lines: LineIndex;
  private readonly file: string;
  private readonly base: string;
  private doc!: Document;
  private converter!: YamlConverter;

  constructor(private readonly text: string, manifestPath: string) {
    this.file = normalizeRelative(manifestPath) ?? manifestPath.replace(/\\/g, '/');
    this.base = dirname(this.file);
    this.lines = new LineIndex(text);
  }

  private finding(code: 'IL001' | 'IL002', range: Range, m: Localized, severity: Finding['severity'] = 'error'): void {
    this.findings.push({ code, severity, message: m.message, l10n: m.l10n, file: this.file, range });
  }

  /** The range of a node's value, without trailing blanks, line breaks or comments. */
  nodeRange(node: Node | undefined | null): Range | undefined {
    const r = node?.range;
    if (!node || !r) return undefined;
    let end = Math.min(this.valueEnd(node), this.text.length);
    const start = Math.min(r[0], end);
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return this.lines.range(start, end);
  }

  /** A block collection's range runs on over trailing comments; its last value is where it really ends. */
  private valueEnd(node: Node, depth = 0): number {
    const r = node.range as [number, number, number];
    if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0 && depth < 100) {
      const last = node.items[node.items.length - 1] as unknown;
      const lastNode = (isPair(last) ? last.value ?? last.key : last) as Node | null;
      if (lastNode?.range) return Math.max(r[0], this.valueEnd(lastNode, depth + 1));
    }
    return r[1];
  }

  private unresolved(node: Node | undefined): Node | undefined {
    return node && isAlias(node) ? this.converter.resolveAlias(node) : node;
  }

  parse(): ParsedManifest | undefined {
    const size = manifestTooLarge(this.text);
    if (size !== undefined) {
      const mb = (size / (1024 * 1024)).toFixed(1);
      this.finding('IL001', firstLineRange(this.text), msg('manifest is too large ({0} MB, limit {1} MB)', mb, MAX_MANIFEST_BYTES / (1024 * 1024)));
      return undefined;
    }
    try {
      // YAML 1.2 ends a line at a lone CR too, but the yaml package does not: a CR not followed by LF becomes LF,
      // one character for one, so every offset (and the line index, which already counts a lone CR) still holds.
      this.doc = parseDocument(this.text.replace(/\r(?!\n)/g, '\n'), {
        version: '1.2',
        uniqueKeys: true,
        merge: false,
        prettyErrors: false,
        keepSourceTokens: false,
        // Aliases are expanded by YamlConverter under YAML_LIMITS (yaml's maxAliasCount is a toJS option).
      });
    } catch (e) {
      this.finding('IL001', firstLineRange(this.text), msg('the manifest could not be read as YAML ({0})', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
    for (const err of this.doc.errors) {
      const start = err.pos[0];
      let end = err.pos[1];
      let message = msg('YAML syntax error: {0}', err.message);
      if (err.code === 'DUPLICATE_KEY') {
        end = Math.max(end, start + keyLength(this.text, start));
        const key = this.text.slice(start, Math.min(end, start + 80));
        message = /^["']/.test(key)
          ? msg('duplicate key {0}: keys of a mapping must be unique', key)
          : msg("duplicate key '{0}': keys of a mapping must be unique", key);
      } else if (/call stack/i.test(err.message)) {
        this.finding('IL001', this.lines.range(start, end), msg('the manifest nests too deeply to be read'));
        break; // every later error is the same overflow
      }
      this.finding('IL001', this.lines.range(start, end), message);
    }
    if (this.doc.errors.length > 0) return undefined;
    for (const warning of this.doc.warnings) {
      this.finding('IL001', this.lines.range(warning.pos[0], warning.pos[1]), msg('YAML: {0}', warning.message), 'warning');
    }

    this.converter = new YamlConverter(this.doc);
    let data: unknown;
    try {
      data = this.converter.toPlain(this.doc.contents);
    } catch (e) {
      if (e instanceof YamlBudgetError) {
        this.finding('IL001', this.nodeRange(e.node) ?? firstLineRange(this.text), { message: e.message, l10n: e.l10n });
        return undefined;
      }
      if (e instanceof RangeError) {
        this.finding('IL001', firstLineRange(this.text), msg('the manifest could not be read: it nests too deeply'));
        return undefined;
      }
      throw e;
    }
    return this.build(data);
  }

  /**
   * Validates one unit (the top level, an item, a key result) alone. On failure, reports every issue and
   * tries again without the offending optional fields (or list entries), so the item still loads.
   */
  private validate<S extends z.ZodType>(
    schema: S & { shape: Record<string, unknown> },
    value: unknown,
    node: Node | undefined,
    prefix: string,
    required: readonly string[],
    /** Values assumed for the retry when a key is missing or wrong (the manifest's version). */
    fallback: Readonly<Record<string, unknown>> = {},
  ): z.infer<S> | undefined {
    const first = schema.safeParse(value);
    if (first.success) return first.data;
    const knownKeys = Object.keys(schema.shape);
    const unitNode = node ?? (this.doc.contents as Node | null) ?? undefined;
    let drop = value === null || typeof value !== 'object' || Array.isArray(value);
    const removeKeys = new Set<string>();
    const removeEntries = new Map<string, Set<number>>();
    for (const issue of first.error.issues) {
      for (const m of issueMessages(issue, prefix, value, knownKeys)) {
        this.finding('IL002', this.rangeFor(unitNode, m.path, m.target), m);
      }
      const path = issue.path;
      if (issue.code === 'unrecognized_keys' && path.length === 0) {
        for (const k of issue.keys) removeKeys.add(k);
      } else if (path.length === 0) {
        drop = true;
      } else {
        const key = String(path[0]);
        if (path.length >= 2 && typeof path[1] === 'number') {
          // One bad entry of a list: drop that entry (a required list left empty then fails the retry).
          const set = removeEntries.get(key) ?? new Set<number>();
          set.add(path[1]);
          removeEntries.set(key, set);
        } else if (required.includes(key)) drop = true;
        else removeKeys.add(key);
      }
    }
    if (drop) return undefined;
    const copy: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value as object)) {
      if (removeKeys.has(key)) continue;
      const v = (value as Record<string, unknown>)[key];
      const entries = removeEntries.get(key);
      copy[key] = entries && Array.isArray(v) ? v.filter((_, i) => !entries.has(i)) : v;
    }
    for (const [key, v] of Object.entries(fallback)) {
      if (!Object.prototype.hasOwnProperty.call(copy, key)) copy[key] = v;
    }
    const second = schema.safeParse(copy);
    return second.success ? second.data : undefined;
  }

  private rangeFor(unit: Node | undefined, path: readonly PathSegment[], target: 'node' | 'key' | 'parent'): Range {
    const fallback = this.nodeRange(unit) ?? firstLineRange(this.text);
    if (!unit) return fallback;
    if (target === 'parent') {
      const parent = nodeAtPath(unit, path.slice(0, -1));
      const container = parent.node && !isAlias(parent.node) ? parent.node : undefined;
      return this.nodeRange(container ? firstKey(container) ?? container : parent.node) ?? fallback;
    }
    const at = nodeAtPath(unit, path);
    // `title:` with nothing after it is an empty scalar: its key is what the reader can see.
    const empty = at.node && isScalar(at.node) && at.node.range && at.node.range[0] === at.node.range[1];
    if (target === 'key' || !at.node || (empty && at.key)) return this.nodeRange(at.key) ?? this.nodeRange(at.node) ?? this.nodeRange(at.parent) ?? fallback;
    return this.nodeRange(at.node) ?? fallback;
  }

  private source(node: Node | undefined): SourceLocation {
    const range = this.nodeRange(node) ?? firstLineRange(this.text);
    const idNode = node ? nodeAtPath(node, ['id']).node : undefined;
    return { manifest: this.file, range, idRange: this.nodeRange(idNode) ?? range };
  }

  /** The ID references written under `field` of an item node, with their exact ranges. */
  private references(
    itemNode: Node | undefined,
    field: ReferenceField,
    where: string,
    from: string,
    expects?: readonly ItemKind[],
  ): ManifestReference[] {
    if (!itemNode) return [];
    const fieldNode = nodeAtPath(itemNode, [field]).node;
    if (!fieldNode) return [];
    const out: ManifestReference[] = [];
    const add = (valueNode: Node | undefined, written: Node, label: string): void => {
      const resolved = this.unresolved(valueNode);
      if (!resolved || !isScalar(resolved) || typeof resolved.value !== 'string') return;
      const id = resolved.value;
      if (id.length > LIMITS.idLength || !ID_PATTERN.test(id)) return; // reported as IL002 already
      const range = this.nodeRange(written);
      if (range) out.push(compact({ id, range, field, where: label, from, expects }));
    };
    const list = this.unresolved(fieldNode);
    if (list && isSeq(list)) {
      list.items.forEach((item, i) => {
        const written = isAlias(fieldNode) ? fieldNode : (item as Node);
        add(item as Node, written, `${where}.${field}[${i}]`);
      });
    } else {
      add(fieldNode, fieldNode, `${where}.${field}`);
    }
    return out;
  }

  private rawId(value: unknown): string | undefined {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, 'id')) return undefined;
    const id = (value as Record<string, unknown>).id;
    return typeof id === 'string' && id.length <= LIMITS.idLength && ID_PATTERN.test(id) ? id : undefined;
  }

  private build(data: unknown): ParsedManifest | undefined {
    const root = (this.doc.contents ?? undefined) as Node | undefined;
    // A missing or unknown version is reported; the rest is still read as version 1.
    const top = this.validate(manifestTopSchema, data, root, '', [], { version: 1 });
    const items: IntentItem[] = [];
    const scopes: Scope[] = [];
    const references: ManifestReference[] = [];
    const unloaded: UnloadedItem[] = [];
    const info: ManifestInfo = compact({ path: this.file, base: this.base, product: top?.product, parsed: true });
    if (!top || !root) return { info, items, scopes, references, unloaded };

    for (const section of SECTIONS) {
      const list = top[section];
      if (!list) continue;
      const seqNode = this.unresolved(nodeAtPath(root, [section]).node);
      list.forEach((value, i) => {
        const where = `${section}[${i}]`;
        const itemNode = seqNode && isSeq(seqNode) ? this.unresolved(seqNode.items[i] as Node) : undefined;
        const parsed = this.validate(SECTION_SCHEMAS[section], value, itemNode, where, REQUIRED_KEYS[section]);
        if (section === 'scopes') {
          if (parsed) {
            const scope = parsed as ScopeData;
            const range = this.nodeRange(itemNode) ?? firstLineRange(this.text);
            const pathRanges = this.stringRanges(itemNode, 'paths');
            const servesRanges = this.stringRanges(itemNode, 'serves');
            scopes.push({
              paths: scope.paths,
              serves: scope.serves,
              pathRanges: scope.paths.map((p) => pathRanges.get(p) ?? range),
              servesRanges: scope.serves.map((id) => servesRanges.get(id) ?? range),
              base: this.base,
              source: { manifest: this.file, range },
            });
            pushAll(references, this.references(itemNode, 'serves', where, where, ['objective', 'keyResult', 'problem']));
          }
          return;
        }
        const kind = SECTION_KIND[section];
        const rawId = this.rawId(value);
        if (!parsed) {
          if (rawId) unloaded.push({ id: rawId, kind });
        } else {
          const item = this.item(section, parsed, itemNode);
          items.push(item);
          pushAll(references, this.references(itemNode, 'supersededBy', where, item.id, [kind]));
          if (section === 'problems') pushAll(references, this.references(itemNode, 'keyResults', where, item.id, ['keyResult']));
          if (section === 'constraints') pushAll(references, this.references(itemNode, 'objectives', where, item.id, ['objective']));
          if (section === 'debt') pushAll(references, this.references(itemNode, 'hurts', where, item.id));
        }
        if (section === 'objectives') {
          const objective = parsed ? (items[items.length - 1] as Objective) : undefined;
          this.keyResults(value, itemNode, where, objective, rawId, items, references, unloaded);
        }
      });
    }
    return { info, items, scopes, references, unloaded };
  }

  /** Validates an objective's key results one by one and appends them after it. */
  private keyResults(
    objectiveValue: unknown,
    objectiveNode: Node | undefined,
    where: string,
    objective: Objective | undefined,
    rawObjectiveId: string | undefined,
    items: IntentItem[],
    references: ManifestReference[],
    unloaded: UnloadedItem[],
  ): void {
    if (objectiveValue === null || typeof objectiveValue !== 'object') return;
    if (!Object.prototype.hasOwnProperty.call(objectiveValue, 'keyResults')) return;
    const list = (objectiveValue as Record<string, unknown>).keyResults;
    if (!Array.isArray(list) || list.length > LIMITS.arrayLength) return; // reported on the objective
    const seqNode = objectiveNode ? this.unresolved(nodeAtPath(objectiveNode, ['keyResults']).node) : undefined;
    const ids: string[] = [];
    list.forEach((value, j) => {
      const krWhere = `${where}.keyResults[${j}]`;
      const krNode = seqNode && isSeq(seqNode) ? this.unresolved(seqNode.items[j] as Node) : undefined;
      const parsed = this.validate(keyResultSchema, value, krNode, krWhere, REQUIRED_KEYS.keyResults) as KeyResultData | undefined;
      const objectiveId = objective?.id ?? rawObjectiveId;
      if (!parsed || !objective) {
        const id = this.rawId(value);
        if (id) unloaded.push(compact({ id, kind: 'keyResult' as const, objective: objectiveId }));
        return;
      }
      const kr: KeyResult = compact({
        kind: 'keyResult' as const,
        id: parsed.id,
        title: parsed.title,
        description: parsed.description,
        owner: parsed.owner,
        status: parsed.status,
        supersededBy: parsed.supersededBy,
        objective: objective.id,
        metric: parsed.metric,
        baseline: parsed.baseline,
        target: parsed.target,
        current: parsed.current,
        unit: parsed.unit,
        source: this.source(krNode),
      });
      ids.push(kr.id);
      items.push(kr);
      pushAll(references, this.references(krNode, 'supersededBy', krWhere, kr.id, ['keyResult']));
    });
    if (objective) pushAll(objective.keyResults as string[], ids);
  }

  /** Range of each string entry of a list under `key` (first occurrence wins), for findings on one entry. */
  private stringRanges(node: Node | undefined, key: string): Map<string, Range> {
    const ranges = new Map<string, Range>();
    const list = node ? this.unresolved(nodeAtPath(node, [key]).node) : undefined;
    if (!list || !isSeq(list)) return ranges;
    for (const entry of list.items) {
      const scalar = this.unresolved(entry as Node);
      const value = (scalar as { value?: unknown } | undefined)?.value;
      const range = this.nodeRange(scalar);
      if (typeof value === 'string' && range && !ranges.has(value)) ranges.set(value, range);
    }
    return ranges;
  }

  private item(section: Exclude<Section, 'scopes'>, data: unknown, node: Node | undefined): IntentItem {
    const source = this.source(node);
    switch (section) {
      case 'objectives': {
        const d = data as ObjectiveData;
        const o: Objective = compact({
          kind: 'objective' as const, id: d.id, title: d.title, description: d.description, owner: d.owner,
          status: d.status, supersededBy: d.supersededBy, period: d.period, keyResults: [], source,
        });
        return o;
      }
      case 'problems': {
        const d = data as ProblemData;
        const p: Problem = compact({
          kind: 'problem' as const, id: d.id, title: d.title, description: d.description, owner: d.owner,
          status: d.status, supersededBy: d.supersededBy, persona: d.persona, evidence: d.evidence ?? [],
          keyResults: d.keyResults ?? [], source,
        });
        return p;
      }
      case 'constraints': {
        const d = data as ConstraintData;
        const c: Constraint = compact({
          kind: 'constraint' as const, id: d.id, title: d.title, description: d.description, owner: d.owner,
          status: d.status, supersededBy: d.supersededBy, constraintKind: d.kind, appliesTo: d.appliesTo ?? [],
          base: this.base, objectives: d.objectives ?? [], source,
        });
        const ranges = this.stringRanges(node, 'appliesTo');
        if (c.appliesTo.length) (c as { appliesToRanges?: Range[] }).appliesToRanges = c.appliesTo.map((g) => ranges.get(g) ?? source.range);
        return c;
      }
      case 'debt': {
        const d = data as DebtData;
        const debt: DebtItem = compact({
          kind: 'debt' as const, id: d.id, title: d.title, description: d.description, owner: d.owner,
          status: d.status, supersededBy: d.supersededBy, hurts: d.hurts ?? [], cost: d.cost, impact: d.impact,
          tracker: d.tracker, source,
        });
        return debt;
      }
    }
  }
}

/**
 * Parses one manifest. Never throws on any input: YAML errors are IL001, schema violations IL002 at the
 * offending node, and every item that passes (or can be repaired by dropping a bad optional field) loads.
 * @param manifestPath root-relative path of the manifest (e.g. `packages/billing/intent.yaml`)
 */
export function parseManifest(text: string, manifestPath: string): { manifest: ParsedManifest | undefined; findings: Finding[] } {
  const parser = new ManifestParser(text, manifestPath);
  const manifest = parser.parse();
  return { manifest, findings: parser.findings };
}
