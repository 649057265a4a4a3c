// All manifests of a workspace root → one IntentGraph, with the findings only the whole graph can see:
// duplicate IDs (IL003), unknown or wrong-kind references (IL004) and objectives without KRs (IL021).
import { dirname, normalizeRelative } from '../paths';
import type { Finding, IntentGraph, IntentItem, ItemKind, ManifestInfo, Scope } from '../types';
import { parseManifest, type ManifestReference, type ParsedManifest } from './parseManifest';
import { suggest } from './suggest';

const KIND_NAME: Record<ItemKind, { one: string; many: string }> = {
  objective: { one: 'an objective', many: 'objectives' },
  keyResult: { one: 'a key result', many: 'key results' },
  problem: { one: 'a problem', many: 'problems' },
  constraint: { one: 'a constraint', many: 'constraints' },
  debt: { one: 'a debt item', many: 'debt items' },
};

function listKinds(kinds: readonly ItemKind[]): string {
  const names = kinds.map((k) => KIND_NAME[k].many);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** Root manifest first, then by depth and path, so "first declaration wins" is stable. */
function manifestOrder(a: string, b: string): number {
  const da = a.split('/').length;
  const db = b.split('/').length;
  return da !== db ? da - db : a < b ? -1 : a > b ? 1 : 0;
}

function comparePosition(a: Finding, b: Finding): number {
  if (a.file !== b.file) return manifestOrder(a.file, b.file);
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function referenceFinding(ref: ManifestReference, file: string, items: ReadonlyMap<string, IntentItem>): Finding | undefined {
  const target = items.get(ref.id);
  if (ref.field === 'supersededBy' && ref.id === ref.from) {
    return { code: 'IL004', severity: 'error', file, range: ref.range, message: `${ref.where}: '${ref.id}' cannot supersede itself` };
  }
  if (target) {
    if (!ref.expects || ref.expects.includes(target.kind)) return undefined;
    const message = ref.field === 'supersededBy'
      ? `${ref.where}: '${ref.id}' is ${KIND_NAME[target.kind].one}, but ${KIND_NAME[ref.expects[0]].one} can only be superseded by another of its kind`
      : `${ref.where}: '${ref.id}' is ${KIND_NAME[target.kind].one}, but '${ref.field}' must name ${listKinds(ref.expects)}`;
    return { code: 'IL004', severity: 'error', file, range: ref.range, message };
  }
  const expected = ref.expects;
  const candidates = [...items.values()].filter((i) => !expected || expected.includes(i.kind)).map((i) => i.id);
  const guess = suggest(ref.id, candidates) ?? (expected ? suggest(ref.id, items.keys()) : undefined);
  return {
    code: 'IL004',
    severity: 'error',
    file,
    range: ref.range,
    message: `${ref.where}: unknown ID '${ref.id}'${guess ? ` (did you mean '${guess}'?)` : ''}`,
    ...(guess ? { fixes: [{ kind: 'replaceId' as const, range: ref.range, replacement: guess }] } : {}),
  };
}

/**
 * Parses and merges the manifests of one workspace root.
 * @param manifests root-relative paths (`intent.yaml`, `packages/billing/intent.yaml`) and their text
 */
export function buildGraph(manifests: readonly { path: string; text: string }[]): IntentGraph {
  const findings: Finding[] = [];
  const infos: ManifestInfo[] = [];
  const parsed: ParsedManifest[] = [];
  const sorted = manifests
    .map((m) => ({ path: normalizeRelative(m.path) ?? m.path.replace(/\\/g, '/'), text: m.text }))
    .sort((a, b) => manifestOrder(a.path, b.path));
  for (const m of sorted) {
    const result = parseManifest(m.text, m.path);
    findings.push(...result.findings);
    if (result.manifest) {
      parsed.push(result.manifest);
      infos.push(result.manifest.info);
    } else {
      infos.push({ path: m.path, base: dirname(m.path), parsed: false });
    }
  }

  // Declarations of every ID, in manifest order.
  const declarations = new Map<string, IntentItem[]>();
  for (const manifest of parsed) {
    for (const item of manifest.items) {
      const list = declarations.get(item.id);
      if (list) list.push(item);
      else declarations.set(item.id, [item]);
    }
  }
  const items = new Map<string, IntentItem>();
  for (const [id, list] of declarations) {
    items.set(id, list[0]);
    if (list.length < 2) continue;
    list.forEach((item, i) => {
      const others = list.filter((_, j) => j !== i);
      const where = others.map((o) => (o.source.manifest === item.source.manifest ? 'this manifest' : o.source.manifest));
      const unique = [...new Set(where)];
      findings.push({
        code: 'IL003',
        severity: 'error',
        file: item.source.manifest,
        range: item.source.idRange,
        message: `duplicate ID '${id}': also declared in ${unique.join(', ')}`,
        related: others.map((o) => ({ file: o.source.manifest, range: o.source.idRange, message: `'${id}' is also declared here` })),
      });
    });
  }

  const unloaded = new Set(parsed.flatMap((m) => m.unloaded.map((u) => u.id)));
  for (const manifest of parsed) {
    for (const ref of manifest.references) {
      if (!items.has(ref.id) && unloaded.has(ref.id)) continue; // its own IL002 says why it is missing
      const f = referenceFinding(ref, manifest.info.path, items);
      if (f) findings.push(f);
    }
  }

  const krsWritten = new Set(parsed.flatMap((m) => m.unloaded.filter((u) => u.kind === 'keyResult' && u.objective).map((u) => u.objective)));
  for (const manifest of parsed) {
    for (const item of manifest.items) {
      if (item.kind !== 'objective' || items.get(item.id) !== item) continue;
      if (item.keyResults.length > 0 || krsWritten.has(item.id)) continue;
      if (item.status === 'dropped' || item.status === 'superseded') continue;
      findings.push({
        code: 'IL021',
        severity: 'info',
        file: item.source.manifest,
        range: item.source.idRange,
        message: `objective '${item.id}' has no key results: add at least one to make it measurable`,
      });
    }
  }

  const scopes: Scope[] = parsed.flatMap((m) => m.scopes);
  findings.sort(comparePosition);
  return { manifests: infos, items, scopes, findings };
}
