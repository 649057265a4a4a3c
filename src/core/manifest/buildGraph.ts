// All manifests of a workspace root → one IntentGraph, with the findings only the whole graph can see:
// duplicate IDs (IL003), unknown or wrong-kind references (IL004) and objectives without KRs (IL021).
import { message, msg, type Message, type MessageArg } from '../l10n';
import { dirname, normalizeRelative } from '../paths';
import type { Finding, IntentGraph, IntentItem, ItemKind, ManifestInfo, Scope } from '../types';
import { parseManifest, type ManifestReference, type ParsedManifest } from './parseManifest';
import { suggest } from './suggest';

const KIND_NAME: Record<ItemKind, { one: Message; many: Message }> = {
  objective: { one: message('an objective'), many: message('objectives') },
  keyResult: { one: message('a key result'), many: message('key results') },
  problem: { one: message('a problem'), many: message('problems') },
  constraint: { one: message('a constraint'), many: message('constraints') },
  debt: { one: message('a debt item'), many: message('debt items') },
};

/** `objectives, key results or problems`, translatable. */
function listKinds(kinds: readonly ItemKind[]): MessageArg {
  const names = kinds.map((k) => KIND_NAME[k].many);
  const join = (list: readonly Message[]): MessageArg =>
    list.length <= 1 ? list[0] ?? '' : list.length === 2 ? message('{0} or {1}', list[0], list[1]) : message('{0}, {1}', list[0], join(list.slice(1)));
  return join(names);
}

/** `a, b, c`, translatable when an entry is a message. */
function joinList(list: readonly MessageArg[]): MessageArg {
  return list.length <= 1 ? list[0] ?? '' : message('{0}, {1}', list[0], joinList(list.slice(1)));
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
    return { code: 'IL004', severity: 'error', file, range: ref.range, ...msg("{0}: '{1}' cannot supersede itself", ref.where, ref.id) };
  }
  if (target) {
    if (!ref.expects || ref.expects.includes(target.kind)) return undefined;
    const m = ref.field === 'supersededBy'
      ? msg("{0}: '{1}' is {2}, but {3} can only be superseded by another of its kind", ref.where, ref.id, KIND_NAME[target.kind].one, KIND_NAME[ref.expects[0]].one)
      : msg("{0}: '{1}' is {2}, but '{3}' must name {4}", ref.where, ref.id, KIND_NAME[target.kind].one, ref.field, listKinds(ref.expects));
    return { code: 'IL004', severity: 'error', file, range: ref.range, ...m };
  }
  const expected = ref.expects;
  const candidates = [...items.values()].filter((i) => !expected || expected.includes(i.kind)).map((i) => i.id);
  const guess = suggest(ref.id, candidates) ?? (expected ? suggest(ref.id, items.keys()) : undefined);
  return {
    code: 'IL004',
    severity: 'error',
    file,
    range: ref.range,
    ...(guess ? msg("{0}: unknown ID '{1}' (did you mean '{2}'?)", ref.where, ref.id, guess) : msg("{0}: unknown ID '{1}'", ref.where, ref.id)),
    ...(guess ? { fixes: [{ kind: 'replaceId' as const, range: ref.range, replacement: guess }] } : {}),
  };
}

/** Places listed with each duplicate (related locations, manifests named in the message): bounded per finding. */
export const MAX_DUPLICATE_PLACES = 10;

/**
 * IL003 at every declaration of an ID, in time linear in the group: the other manifests are counted once per
 * group, and each finding lists at most MAX_DUPLICATE_PLACES other places (4,000 copies must not mean 16 million).
 */
function duplicateFindings(id: string, list: readonly IntentItem[], findings: Finding[]): void {
  // Per manifest: how many copies and the list positions of its first two (manifests in first-copy order).
  const perManifest = new Map<string, { count: number; first: number; second: number }>();
  list.forEach((item, i) => {
    const m = perManifest.get(item.source.manifest);
    if (!m) perManifest.set(item.source.manifest, { count: 1, first: i, second: -1 });
    else if (m.count++ === 1) m.second = i;
  });
  const shown = list.slice(0, MAX_DUPLICATE_PLACES + 1);
  const manifests = [...perManifest.keys()];
  list.forEach((item, i) => {
    const own = item.source.manifest;
    const mine = perManifest.get(own)!;
    // Where the first other copy in the same manifest sits among the others (none when it is alone there).
    const ownAt = mine.count < 2 ? Infinity : mine.first === i ? mine.second : mine.first;
    const where: MessageArg[] = [];
    let ownListed = ownAt === Infinity;
    for (const m of manifests) {
      if (where.length === MAX_DUPLICATE_PLACES) break;
      if (m === own) continue;
      if (!ownListed && ownAt < perManifest.get(m)!.first) {
        where.push(message('this manifest'));
        ownListed = true;
        if (where.length === MAX_DUPLICATE_PLACES) break;
      }
      where.push(m);
    }
    if (!ownListed && where.length < MAX_DUPLICATE_PLACES) where.push(message('this manifest'));
    const others = shown.filter((o) => o !== item).slice(0, MAX_DUPLICATE_PLACES);
    findings.push({
      code: 'IL003',
      severity: 'error',
      file: own,
      range: item.source.idRange,
      ...(list.length - 1 > MAX_DUPLICATE_PLACES || manifests.length > MAX_DUPLICATE_PLACES
        ? msg("duplicate ID '{0}': declared {1} times, also in {2} (the first {3} places are listed)", id, list.length, joinList(where), MAX_DUPLICATE_PLACES)
        : msg("duplicate ID '{0}': also declared in {1}", id, joinList(where))),
      related: others.map((o) => ({ file: o.source.manifest, range: o.source.idRange, ...msg("'{0}' is also declared here", id) })),
    });
  });
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
    for (const f of result.findings) findings.push(f);
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
    if (list.length >= 2) duplicateFindings(id, list, findings);
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
        ...msg("objective '{0}' has no key results: add at least one to make it measurable", item.id),
      });
    }
  }

  const scopes: Scope[] = parsed.flatMap((m) => m.scopes);
  findings.sort(comparePosition);
  return { manifests: infos, items, scopes, findings };
}
