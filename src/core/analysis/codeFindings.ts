// Findings that need both the manifest graph and the code index: IL005, IL010–IL012, IL020, IL022.
import { message, msg } from '../l10n';
import { suggest } from '../manifest/suggest';
import type { Finding, IntentGraph, IntentItem, Range, Status, TagScan } from '../types';
import { RETIRED_STATUSES } from '../types';
import { compileGlobs } from './globs';

/** The part of the workspace index the analysis reads. WorkspaceIndex satisfies it. */
export interface IndexView {
  /** Every listed file, root-relative. */
  files(): readonly string[];
  /** Scan results of files that have tags, malformed tags or markers. */
  entries(): Iterable<readonly [string, TagScan]>;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The status an item effectively has: its own, else (for a KR) its objective's. */
export function effectiveStatus(graph: IntentGraph, item: IntentItem): Status | undefined {
  if (item.status) return item.status;
  if (item.kind === 'keyResult') return graph.items.get(item.objective)?.status;
  return undefined;
}

export function isRetired(graph: IntentGraph, item: IntentItem): boolean {
  const status = effectiveStatus(graph, item);
  return status !== undefined && RETIRED_STATUSES.includes(status);
}

/** Follows supersededBy to the first item that is not retired (bounded, cycle-safe). */
export function successorOf(graph: IntentGraph, item: IntentItem): IntentItem | undefined {
  let current: IntentItem | undefined = item;
  const seen = new Set<string>();
  while (current?.supersededBy && !seen.has(current.id)) {
    seen.add(current.id);
    current = graph.items.get(current.supersededBy);
    if (current && !isRetired(graph, current)) return current;
  }
  return current && current !== item ? current : undefined;
}

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

/** Every finding that needs the code index; manifest findings (IL001–IL004, IL021) live on the graph. */
export function codeFindings(graph: IntentGraph, index: IndexView): Finding[] {
  const findings: Finding[] = [];
  const files = index.files();
  const linked = new Set<string>();
  const anchoredDebt = new Set<string>();

  for (const [file, scan] of index.entries()) {
    findings.push(...tagFindings(graph, file, scan));
    for (const tag of scan.tags) {
      for (const ref of tag.ids) {
        linked.add(ref.id);
        if (tag.kind === 'debt') anchoredDebt.add(ref.id);
      }
    }
  }

  // IL005 and the items scopes link depend only on the graph and the file list: reused while both stay the same.
  const globs = globResults(graph, files);
  findings.push(...globs.findings);
  for (const id of globs.scopeLinked) linked.add(id);

  // A KR is served by code linked to it or to a problem that moves it.
  for (const item of graph.items.values()) {
    if (item.kind === 'problem' && linked.has(item.id)) for (const kr of item.keyResults) linked.add(kr);
  }

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

/** @param constraint the constraint whose appliesTo holds the glob; undefined for a scope */
interface GlobResults {
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  /** IDs served by scopes that match at least one file. */
  readonly scopeLinked: readonly string[];
}

const globCache = new WeakMap<IntentGraph, GlobResults>();

/** Matching every glob against every file is the expensive part on big repositories (and it runs per edit). */
function globResults(graph: IntentGraph, files: readonly string[]): GlobResults {
  const hit = globCache.get(graph);
  if (hit && hit.files === files) return hit;
  const findings: Finding[] = [];
  const scopeLinked: string[] = [];
  for (const scope of graph.scopes) {
    const unmatched = compileGlobs(scope.paths, scope.base).unmatched(files);
    for (const pattern of unmatched) {
      findings.push(globFinding(scope.source.manifest, scope.pathRanges?.[scope.paths.indexOf(pattern)] ?? scope.source.range, pattern));
    }
    if (unmatched.length < scope.paths.filter((p) => !p.startsWith('!')).length) scopeLinked.push(...scope.serves);
  }
  for (const item of graph.items.values()) {
    if (item.kind !== 'constraint') continue;
    for (const pattern of compileGlobs(item.appliesTo, item.base).unmatched(files)) {
      const range = item.appliesToRanges?.[item.appliesTo.indexOf(pattern)] ?? item.source.range;
      findings.push(globFinding(item.source.manifest, range, pattern, item.id));
    }
  }
  const result = { files, findings, scopeLinked };
  globCache.set(graph, result);
  return result;
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
