// Findings that need both the manifest graph and the code model: IL005, IL010–IL012, IL020, IL022.
import { message, msg } from '../l10n';
import { suggest } from '../manifest/suggest';
import type { Finding, IntentGraph, Range, TagScan } from '../types';
import { effectiveStatus, isRetired, successorOf } from '../model/retired';
import { globsOf } from './globs';
import { pushAll } from '../arrays';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What the findings read of the code model (CodeModel satisfies it). */
export interface FindingsModel {
  readonly graph: IntentGraph;
  /** Every listed file: a glob that matches none of them is IL005. */
  allFiles(): readonly string[];
  /** Code files' scans. */
  entries(): ReadonlyMap<string, TagScan>;
  /** IDs code links (tags, scopes matching code, KRs of linked problems): IL020 fires outside it. */
  linkedIds(): ReadonlySet<string>;
}

/** Kept for callers of the old module: the retired-item rule lives in model/retired.ts. */
export { effectiveStatus, isRetired, successorOf };

/** IL010, IL011, IL012 for one file's scan. */
export function tagFindings(graph: IntentGraph, file: string, scan: TagScan): Finding[] {
  const findings: Finding[] = [];
  const ids = [...graph.items.keys()];
  for (const tag of scan.tags) {
    for (const ref of tag.ids) {
      const item = graph.items.get(ref.id);
      if (!item) {
        const guess = suggest(ref.id, ids);
        findings.push({
          code: 'IL010',
          severity: 'error',
          ...(guess ? msg("unknown ID '{0}' (did you mean '{1}'?)", ref.id, guess) : msg("unknown ID '{0}'", ref.id)),
          file,
          range: ref.range,
          fixes: guess ? [{ kind: 'replaceId', range: ref.range, replacement: guess }, { kind: 'addItem', id: ref.id }] : [{ kind: 'addItem', id: ref.id }],
        });
      } else if (isRetired(graph, item)) {
        const next = successorOf(graph, item);
        const status = effectiveStatus(graph, item);
        findings.push({
          code: 'IL011',
          severity: 'warning',
          ...(next
            ? msg("'{0}' is {1}; its successor is '{2}'", ref.id, message(status ?? 'retired'), next.id)
            : msg("'{0}' is {1}; it has no successor (set supersededBy in the manifest)", ref.id, message(status ?? 'retired'))),
          file,
          range: ref.range,
          related: [{ file: item.source.manifest, range: item.source.idRange, ...msg("'{0}' is declared here", ref.id) }],
          fixes: next ? [{ kind: 'replaceId', range: ref.range, replacement: next.id }] : undefined,
        });
      }
    }
  }
  for (const bad of scan.malformed) {
    findings.push({ code: 'IL012', severity: 'warning', message: bad.message, ...(bad.l10n ? { l10n: bad.l10n } : {}), file, range: bad.range });
  }
  return findings;
}

/** Every finding that needs the code model; manifest findings (IL001–IL004, IL021) live on the graph. */
export function codeFindings(model: FindingsModel): Finding[] {
  const { graph } = model;
  const findings: Finding[] = [];
  const anchoredDebt = new Set<string>();
  for (const [file, scan] of model.entries()) {
    pushAll(findings, tagFindings(graph, file, scan));
    for (const tag of scan.tags) if (tag.kind === 'debt') for (const ref of tag.ids) anchoredDebt.add(ref.id);
  }
  pushAll(findings, globFindings(graph, () => model.allFiles()));
  const linked = model.linkedIds();

  for (const item of graph.items.values()) {
    if ((item.kind === 'keyResult' || item.kind === 'problem') && !linked.has(item.id) && !isRetired(graph, item)) {
      findings.push({
        code: 'IL020',
        severity: 'info',
        ...(item.kind === 'keyResult'
          ? msg("key result '{0}' has no linked code (tag it with @intent or add a scope that serves it)", item.id)
          : msg("problem '{0}' has no linked code (tag it with @intent or add a scope that serves it)", item.id)),
        file: item.source.manifest,
        range: item.source.idRange,
      });
    }
    if (item.kind === 'debt' && !anchoredDebt.has(item.id) && !item.tracker && !isRetired(graph, item)) {
      findings.push({
        code: 'IL022',
        severity: 'info',
        ...msg("debt item '{0}' has neither a code anchor (@debt {0}) nor a tracker", item.id),
        file: item.source.manifest,
        range: item.source.idRange,
      });
    }
  }
  return findings;
}

interface GlobResults {
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
}

const globCache = new WeakMap<IntentGraph, GlobResults>();

/**
 * IL005: globs of scopes and constraints that match no listed file. Matching every glob against every file is
 * the expensive part on big repositories and runs per edit: reused while the graph and the listing stay the same.
 */
function globFindings(graph: IntentGraph, listing: () => readonly string[]): readonly Finding[] {
  // All scopes and all constraints as two compiled sets: cost follows the globs that can match each file.
  const globs = globsOf(graph);
  // No glob, nothing to match: the sorted listing (92k paths on netbeans) is not even asked for.
  if (graph.scopes.length === 0 && globs.constraints.length === 0) return [];
  const files = listing();
  const hit = globCache.get(graph);
  if (hit && hit.files === files) return hit.findings;
  const findings: Finding[] = [];
  const scopesUnmatched = globs.scopes.unmatchedIndices(files);
  graph.scopes.forEach((scope, s) => {
    for (const i of scopesUnmatched[s]) findings.push(globFinding(scope.source.manifest, scope.pathRanges?.[i] ?? scope.source.range, scope.paths[i]));
  });
  const constraintsUnmatched = globs.constraintGlobs.unmatchedIndices(files);
  globs.constraints.forEach((item, c) => {
    for (const i of constraintsUnmatched[c]) findings.push(globFinding(item.source.manifest, item.appliesToRanges?.[i] ?? item.source.range, item.appliesTo[i], item.id));
  });
  globCache.set(graph, { files, findings });
  return findings;
}

function globFinding(manifest: string, range: Range | undefined, pattern: string, constraint?: string): Finding {
  return {
    code: 'IL005',
    severity: 'warning',
    ...(constraint === undefined
      ? msg("glob '{0}' of scope matches no file", pattern)
      : msg("glob '{0}' of constraint '{1}' matches no file", pattern, constraint)),
    file: manifest,
    range: range ?? ZERO,
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Stable order: by file, then position, then code. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
}
