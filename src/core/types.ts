// The shared vocabulary of the host-free core: positions, findings, intent items, tags and symbols.
// Everything here is plain data so the extension, the CLI and the tests exchange the same values.
import type { Message } from './l10n';

/** 0-based line and UTF-16 character, like vscode.Position. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'IL001' | 'IL002' | 'IL003' | 'IL004' | 'IL005' | 'IL009'
  | 'IL010' | 'IL011' | 'IL012'
  | 'IL020' | 'IL021' | 'IL022'
  | 'IL030' | 'IL031' | 'IL032'
  | 'IL040' | 'IL041' | 'IL042' | 'IL043'
  | 'IL050';

/** A machine-applicable repair the editor offers as a quick fix. */
export type FindingFix =
  | { readonly kind: 'replaceId'; readonly range: Range; readonly replacement: string }
  | { readonly kind: 'addItem'; readonly id: string };

export interface RelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  /** `message` as a translatable template (the extension shows it in the UI language). */
  readonly l10n?: Message;
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** A sentence a person understands, no trailing period needed; always English (CLI, SARIF, fingerprints). */
  readonly message: string;
  /** `message` as a translatable template (the extension shows it in the UI language). */
  readonly l10n?: Message;
  /** Root-relative path with forward slashes (e.g. `src/a.ts`, `intent.yaml`). */
  readonly file: string;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly FindingFix[];
}

export type ItemKind = 'objective' | 'keyResult' | 'problem' | 'constraint' | 'debt';
export type Status = 'proposed' | 'active' | 'achieved' | 'dropped' | 'superseded';
export const RETIRED_STATUSES: readonly Status[] = ['achieved', 'dropped', 'superseded'];
export type ConstraintKind = 'performance' | 'security' | 'compliance' | 'reliability' | 'compatibility' | 'cost' | 'other';
export type DebtCost = 'S' | 'M' | 'L' | 'XL';
export type DebtImpact = 'low' | 'medium' | 'high';

/** Where an item or manifest node was written. */
export interface SourceLocation {
  /** Root-relative path of the manifest. */
  readonly manifest: string;
  /** Range of the whole mapping node of the item. */
  readonly range: Range;
  /** Range of the `id` value. */
  readonly idRange: Range;
}

interface ItemBase {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly owner?: string;
  readonly status?: Status;
  readonly supersededBy?: string;
  readonly source: SourceLocation;
}

export interface Objective extends ItemBase {
  readonly kind: 'objective';
  readonly period?: string;
  /** IDs of its key results, in manifest order. */
  readonly keyResults: readonly string[];
}

export interface KeyResult extends ItemBase {
  readonly kind: 'keyResult';
  /** ID of the objective it belongs to. */
  readonly objective: string;
  readonly metric?: string;
  readonly baseline?: number;
  readonly target?: number;
  readonly current?: number;
  readonly unit?: string;
}

export interface Problem extends ItemBase {
  readonly kind: 'problem';
  readonly persona?: string;
  readonly evidence: readonly string[];
  /** IDs of the KRs that solving it moves. */
  readonly keyResults: readonly string[];
}

export interface Constraint extends ItemBase {
  readonly kind: 'constraint';
  readonly constraintKind?: ConstraintKind;
  /** Globs relative to the manifest's folder; `!` negates. */
  readonly appliesTo: readonly string[];
  /** Range of each `appliesTo` entry, parallel to it (when known). */
  readonly appliesToRanges?: readonly Range[];
  /** Folder of the declaring manifest, root-relative ('' for the root). */
  readonly base: string;
  readonly objectives: readonly string[];
}

export interface DebtItem extends ItemBase {
  readonly kind: 'debt';
  readonly hurts: readonly string[];
  readonly cost?: DebtCost;
  readonly impact?: DebtImpact;
  readonly tracker?: string;
}

export type IntentItem = Objective | KeyResult | Problem | Constraint | DebtItem;

export interface Scope {
  /** Globs relative to `base`; `!` negates. */
  readonly paths: readonly string[];
  readonly serves: readonly string[];
  /** Range of each `paths` entry, parallel to it (when known). */
  readonly pathRanges?: readonly Range[];
  /** Range of each `serves` entry, parallel to it (when known). */
  readonly servesRanges?: readonly Range[];
  /** Folder of the declaring manifest, root-relative ('' for the root). */
  readonly base: string;
  readonly source: { readonly manifest: string; readonly range: Range };
}

export interface ManifestInfo {
  /** Root-relative path of the manifest file. */
  readonly path: string;
  /** Folder of the manifest, root-relative ('' for the root). */
  readonly base: string;
  readonly product?: string;
  /** False when the YAML could not be parsed at all (IL001); the graph then keeps no items from it. */
  readonly parsed: boolean;
}

/** One workspace root's manifests, merged. Immutable: a reload builds a new graph. */
export interface IntentGraph {
  readonly manifests: readonly ManifestInfo[];
  readonly items: ReadonlyMap<string, IntentItem>;
  readonly scopes: readonly Scope[];
  /** Manifest findings: IL001–IL004 (IL005 and IL02x need the file index). */
  readonly findings: readonly Finding[];
}

export type TagKind = 'intent' | 'intent-file' | 'debt';

export interface TagRef {
  readonly id: string;
  readonly range: Range;
}

/** A tag found inside a comment. */
export interface Tag {
  readonly kind: TagKind;
  readonly ids: readonly TagRef[];
  /** Free text after ` -- `, trimmed; undefined when absent. */
  readonly note?: string;
  /** Range of the whole tag, from `@` to the end of its text on that line. */
  readonly range: Range;
}

export interface MalformedTag {
  readonly message: string;
  readonly l10n?: Message;
  readonly range: Range;
}

/** A TODO / FIXME / HACK comment, for debt triage. */
export interface Marker {
  readonly marker: string;
  readonly text: string;
  readonly range: Range;
}

export interface TagScan {
  readonly tags: readonly Tag[];
  readonly malformed: readonly MalformedTag[];
  readonly markers: readonly Marker[];
}

/** A declaration, shaped like vscode.DocumentSymbol so editor and CLI symbols are interchangeable. */
export interface SymbolNode {
  readonly name: string;
  /** e.g. 'function', 'method', 'class', 'interface', 'struct', 'enum', 'module', 'variable'. */
  readonly kind: string;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: readonly SymbolNode[];
}
