// The tools about a place: the effective intent there (with provenance and KR progress), and the constraints
// that bind one path or the changed paths of a change (with their rule text).
import { krProgress } from '../manifest/progress';
import { normalizeRelative } from '../paths';
import type { Constraint } from '../types';
import { answer, capped, code, ruleText, oneLine, kindLabel, moreLine, pathText, quote, workspaceFile } from './answer';
import { describeProvenance, intentAtPlace, type IntentLink, type Provenance } from './codeModel';
import { resolvePlace } from './place';
import type { ConstraintsForInput, IntentAtInput } from './schemas';
import { AgentToolError, type AgentWorkspace } from './workspace';

const MAX_LINKS = 30;
const MAX_PATHS_PER_CONSTRAINT = 10;

/** Provenance as plain data with 1-based lines. */
function provenanceData(via: Provenance): Record<string, unknown> {
  return 'line' in via ? { ...via, line: via.line + 1 } : { ...via };
}

function linkData(l: IntentLink) {
  const item = l.item;
  return {
    id: l.id,
    known: item !== undefined,
    kind: item?.kind,
    title: item?.title,
    ...(item?.status ? { status: item.status } : {}),
    ...(item?.kind === 'keyResult' ? { progress: oneLine(krProgress(item).label, 80) } : {}),
    ...(item?.kind === 'constraint' ? { rule: ruleText(item) } : {}),
    ...(l.debt ? { debt: true } : {}),
    ...(l.note ? { note: l.note } : {}),
    via: provenanceData(l.via),
    provenance: describeProvenance(l.via),
  };
}

/** Links to the same ID, in first-seen order: one line per item, its provenances joined. */
function byId(links: readonly IntentLink[]): IntentLink[][] {
  const groups = new Map<string, IntentLink[]>();
  for (const l of links) {
    const list = groups.get(l.id);
    if (list) list.push(l);
    else groups.set(l.id, [l]);
  }
  return [...groups.values()];
}

function linkLine(links: readonly IntentLink[]): string {
  const [first] = links;
  const item = first.item;
  const how = links.map((l) => `${describeProvenance(l.via)}${l.note ? ` — note ${quote(l.note, 120)}` : ''}`).join('; ');
  if (!item) return `- ${code(first.id)} unknown ID (no manifest declares it) — ${how}`;
  const extra = [kindLabel(item.kind), item.status, item.kind === 'keyResult' ? oneLine(krProgress(item).label, 80) : undefined].filter(Boolean).join(', ');
  return `- ${code(item.id)} ${quote(item.title)} (${extra}) — ${how}`;
}

export async function intentAt(ws: AgentWorkspace, input: IntentAtInput): Promise<string> {
  const place = await resolvePlace(ws, input);
  const result = await intentAtPlace(ws, place);
  const serves = result.links.filter((l) => !l.debt && l.item?.kind !== 'constraint');
  const constraints = result.links.filter((l) => !l.debt && l.item?.kind === 'constraint');
  const debt = result.links.filter((l) => l.debt);
  const line = place.line === undefined ? undefined : place.line + 1;
  const data = { file: place.file, line, symbols: result.symbols, serves: serves.map(linkData), constraints: constraints.map(linkData), debt: debt.map(linkData) };
  return answer(input.format, data, () => {
    const where = `${pathText(place.file + (line ? `:${line}` : ''))}${result.symbols.length ? ` (in ${result.symbols.map((s) => quote(s, 80)).join(' › ')})` : ''}`;
    const out = [`## Intent at ${where}`];
    if (result.links.length === 0) return [...out, 'No intent: no tag, file tag, scope or constraint links this place.'];
    const section = (title: string, links: IntentLink[], render: (l: IntentLink[]) => string) => {
      if (links.length === 0) return;
      const { shown, more } = capped(byId(links), MAX_LINKS);
      out.push(`### ${title}`, ...shown.map(render), ...moreLine(more, 'links'));
    };
    section('Serves', serves, linkLine);
    section('Constraints (must hold here)', constraints, (l) => `${linkLine(l)}${l[0].item?.kind === 'constraint' && l[0].item.description ? `\n  rule: ${quote(l[0].item.description)}` : ''}`);
    section('Debt here', debt, linkLine);
    return out;
  });
}

export async function constraintsFor(ws: AgentWorkspace, input: ConstraintsForInput): Promise<string> {
  const files: string[] = [];
  for (const p of input.paths) {
    // A changed path may be deleted (not listed any more): it only has to lie inside the workspace.
    const rel = normalizeRelative(p.trim());
    files.push(rel !== undefined && rel !== '' && ws.index.has(rel) ? rel : workspaceFileOrDeleted(ws, p));
  }
  const byConstraint = new Map<string, { item: Constraint; paths: Map<string, string> }>();
  for (const file of [...new Set(files)]) {
    const result = await intentAtPlace(ws, { file });
    for (const l of result.links) {
      if (l.debt || l.item?.kind !== 'constraint') continue;
      let hit = byConstraint.get(l.id);
      if (!hit) byConstraint.set(l.id, (hit = { item: l.item, paths: new Map() }));
      if (!hit.paths.has(file)) hit.paths.set(file, describeProvenance(l.via));
    }
  }
  const list = [...byConstraint.values()].sort((a, b) => a.item.id.localeCompare(b.item.id));
  const data = {
    paths: [...new Set(files)],
    constraints: list.map(({ item, paths }) => ({
      id: item.id,
      title: item.title,
      kind: item.constraintKind,
      rule: ruleText(item),
      appliesTo: item.appliesTo,
      declaredIn: `${item.source.manifest}:${item.source.idRange.start.line + 1}`,
      paths: [...paths].map(([path, provenance]) => ({ path, provenance })),
    })),
  };
  return answer(input.format, data, () => {
    const out = [`## Constraints binding ${data.paths.length === 1 ? pathText(data.paths[0]) : `${data.paths.length} paths`}`];
    if (list.length === 0) return [...out, 'No constraint applies to these paths.'];
    for (const { item, paths } of list) {
      out.push(`- ${code(item.id)} ${quote(item.title)} (${item.constraintKind ?? 'constraint'}; declared in ${pathText(`${item.source.manifest}:${item.source.idRange.start.line + 1}`)})`);
      if (item.description) out.push(`  rule: ${quote(item.description)}`);
      if (data.paths.length > 1) {
        const { shown, more } = capped([...paths], MAX_PATHS_PER_CONSTRAINT);
        out.push(`  binds: ${shown.map(([p, how]) => `${pathText(p)} (${how})`).join(', ')}${more ? `, … ${more} more` : ''}`);
      } else {
        out.push(`  ${[...paths.values()][0]}`);
      }
    }
    return out;
  });
}

/** A path that is not listed: accepted only as a relative path inside the root (a deleted file). */
function workspaceFileOrDeleted(ws: AgentWorkspace, path: string): string {
  const raw = path.trim();
  const rel = raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw) ? undefined : normalizeRelative(raw);
  if (rel === undefined || rel === '') return workspaceFile(ws.index, path); // throws the precise error
  if (rel.split('/').some((s) => s === '.git')) throw new AgentToolError(`${quote(rel)} is inside .git`);
  return rel;
}
