// The tools about one manifest item: the whole item with its linked code, the debt against it and its suspect
// links (when an intent.lock exists), and the code serving it (directly, and through the items under it).
import { suggest } from '../manifest/suggest';
import { krProgress } from '../manifest/progress';
import type { IntentItem } from '../types';
import { ItemCode, type LinkedFile } from './codeModel';
import { answer, capped, code, oneLine, kindLabel, moreLine, pathText, quote } from './answer';
import type { FindCodeInput, ItemInput } from './schemas';
import { AgentToolError, type AgentWorkspace } from './workspace';

const MAX_FILES = 15;
const MAX_PLACES = 5;
const MAX_LIST = 10;
const MAX_DESCRIPTION = 600;

function lookupItem(ws: AgentWorkspace, id: string): IntentItem {
  const item = ws.graph.items.get(id.trim());
  if (item) return item;
  const near = suggest(id.trim(), ws.graph.items.keys());
  throw new AgentToolError(`unknown ID ${quote(id, 200)}: no manifest declares it${near ? ` (did you mean ${code(near)}?)` : ''}`);
}

/** The item's own fields as data (manifest text stays as written; Markdown quotes it). */
function itemData(ws: AgentWorkspace, item: IntentItem): Record<string, unknown> {
  const base = {
    id: item.id,
    kind: item.kind,
    title: item.title,
    ...(item.status ? { status: item.status } : {}),
    ...(item.owner ? { owner: item.owner } : {}),
    ...(item.supersededBy ? { supersededBy: item.supersededBy } : {}),
    ...(item.description ? { description: item.description.slice(0, MAX_DESCRIPTION) } : {}),
    declaredIn: `${item.source.manifest}:${item.source.idRange.start.line + 1}`,
  };
  switch (item.kind) {
    case 'objective':
      return { ...base, period: item.period, keyResults: item.keyResults.map((id) => { const kr = ws.graph.items.get(id); return { id, progress: kr?.kind === 'keyResult' ? oneLine(krProgress(kr).label, 80) : undefined }; }) };
    case 'keyResult':
      return { ...base, objective: item.objective, metric: item.metric, baseline: item.baseline, current: item.current, target: item.target, unit: item.unit, progress: oneLine(krProgress(item).label, 80) };
    case 'problem':
      return { ...base, persona: item.persona, evidence: item.evidence.slice(0, MAX_LIST), keyResults: item.keyResults };
    case 'constraint':
      return { ...base, constraintKind: item.constraintKind, appliesTo: item.appliesTo, objectives: item.objectives };
    case 'debt':
      return { ...base, hurts: item.hurts, cost: item.cost, impact: item.impact, tracker: item.tracker };
  }
}

function itemLines(data: Record<string, unknown>, item: IntentItem): string[] {
  const out = [`## ${code(item.id)} ${quote(item.title)}`, `- kind: ${kindLabel(item.kind)}${item.status ? `, status ${item.status}` : ''}${item.supersededBy ? `, superseded by ${code(item.supersededBy)}` : ''}`, `- declared in ${pathText(`${item.source.manifest}:${item.source.idRange.start.line + 1}`)}`];
  if (item.owner) out.push(`- owner: ${quote(item.owner, 120)}`);
  for (const key of ['period', 'persona', 'metric', 'constraintKind', 'cost', 'impact', 'tracker'] as const) {
    if (data[key] !== undefined) out.push(`- ${key}: ${quote(String(data[key]), 200)}`);
  }
  if (item.kind === 'keyResult') out.push(`- objective: ${code(item.objective)}`, `- progress: ${oneLine(krProgress(item).label, 80)}`);
  const ids = (label: string, list: readonly string[]) => list.length && out.push(`- ${label}: ${list.slice(0, MAX_LIST).map(code).join(', ')}${list.length > MAX_LIST ? `, … ${list.length - MAX_LIST} more` : ''}`);
  if (item.kind === 'objective') ids('key results', item.keyResults);
  if (item.kind === 'problem') ids('moves key results', item.keyResults);
  if (item.kind === 'debt') ids('hurts', item.hurts);
  if (item.kind === 'constraint') {
    ids('objectives', item.objectives);
    if (item.appliesTo.length) out.push(`- applies to: ${item.appliesTo.slice(0, MAX_LIST).map((g) => quote(g, 120)).join(', ')}`);
  }
  if (item.kind === 'problem' && item.evidence.length) out.push(`- evidence: ${item.evidence.slice(0, 3).map((e) => quote(e, 160)).join('; ')}${item.evidence.length > 3 ? `; … ${item.evidence.length - 3} more` : ''}`);
  if (item.description) out.push(`- description: ${quote(item.description, MAX_DESCRIPTION)}`);
  return out;
}

function fileData(f: LinkedFile) {
  return { file: f.file, ...(f.glob ? { glob: f.glob } : {}), places: f.places.slice(0, MAX_PLACES).map((p) => ({ line: p.tag.range.start.line + 1, tag: p.tag.kind, ...(p.tag.note ? { note: p.tag.note } : {}) })), ...(f.places.length > MAX_PLACES ? { morePlaces: f.places.length - MAX_PLACES } : {}) };
}

function fileLine(f: LinkedFile): string {
  const places = f.places.slice(0, MAX_PLACES).map((p) => `${p.tag.range.start.line + 1}${p.tag.note ? ` ${quote(p.tag.note, 80)}` : ''}`);
  const how = [places.length ? `tagged at line ${places.join(', ')}${f.places.length > MAX_PLACES ? `, … ${f.places.length - MAX_PLACES} more` : ''}` : undefined, f.glob ? `via ${quote(f.glob, 120)}` : undefined].filter(Boolean).join('; ');
  return `- ${pathText(f.file)} — ${how}`;
}

export async function getItem(ws: AgentWorkspace, input: ItemInput): Promise<string> {
  const item = lookupItem(ws, input.id);
  const itemCode = new ItemCode(ws);
  const linked = itemCode.of(item);
  const debtItems = [...ws.graph.items.values()].filter((d) => d.kind === 'debt' && d.hurts.includes(item.id));
  const inlineDebt = itemCode.debtTags(item.id);
  const suspect = ws.suspectLinks ? await ws.suspectLinks(item.id) : undefined;
  const { shown, more } = capped(linked, MAX_FILES);
  const data = {
    item: itemData(ws, item),
    linkedCode: { files: shown.map(fileData), more },
    debt: {
      items: debtItems.map((d) => ({ id: d.id, title: d.title, ...(d.kind === 'debt' ? { cost: d.cost, impact: d.impact } : {}) })),
      tags: inlineDebt.slice(0, MAX_LIST).map((l) => ({ file: l.file, line: l.tag.range.start.line + 1, ...(l.tag.note ? { note: l.tag.note } : {}) })),
      moreTags: Math.max(0, inlineDebt.length - MAX_LIST),
    },
    suspectLinks: suspect === undefined ? null : suspect.slice(0, MAX_LIST).map((s) => ({ ...s, line: s.line + 1 })),
  };
  return answer(input.format, data, () => {
    const out = itemLines(data.item, item);
    out.push(`### ${item.kind === 'constraint' ? 'Code it binds' : 'Linked code'} (${linked.length} file${linked.length === 1 ? '' : 's'})`);
    out.push(...(linked.length ? shown.map(fileLine) : ['- none']), ...moreLine(more, 'files'));
    out.push('### Debt against it');
    if (debtItems.length === 0 && inlineDebt.length === 0) out.push('- none');
    for (const d of debtItems) out.push(`- ${code(d.id)} ${quote(d.title)}${d.kind === 'debt' ? ` (cost ${d.cost ?? '?'}, impact ${d.impact ?? '?'})` : ''}`);
    for (const l of inlineDebt.slice(0, MAX_LIST)) out.push(`- ${pathText(`${l.file}:${l.tag.range.start.line + 1}`)} @debt${l.tag.note ? ` ${quote(l.tag.note, 120)}` : ''}`);
    out.push(...moreLine(data.debt.moreTags, 'debt tags'));
    out.push('### Suspect links');
    if (suspect === undefined) out.push('- not tracked: no intent.lock in this workspace');
    else if (suspect.length === 0) out.push('- none: every link was reviewed against the current item');
    else out.push(...suspect.slice(0, MAX_LIST).map((s) => `- ${s.code} ${pathText(`${s.file}:${s.line + 1}`)} ${quote(s.message)}`), ...moreLine(suspect.length - MAX_LIST, 'suspect links'));
    return out;
  });
}

export async function findCode(ws: AgentWorkspace, input: FindCodeInput): Promise<string> {
  const item = lookupItem(ws, input.id);
  const itemCode = new ItemCode(ws);
  const direct = itemCode.of(item);
  const via = itemCode.servingChildren(item).map((id) => ({ id, files: itemCode.linkedCode(id) })).filter((v) => v.files.length > 0);
  const { shown, more } = capped(direct, MAX_FILES);
  const data = {
    id: item.id,
    files: shown.map(fileData),
    more,
    via: via.map((v) => ({ id: v.id, files: v.files.slice(0, 3).map((f) => f.file), more: Math.max(0, v.files.length - 3) })),
  };
  return answer(input.format, data, () => {
    const out = [`## Code ${item.kind === 'constraint' ? 'bound by' : 'serving'} ${code(item.id)} ${quote(item.title)}`];
    out.push(...(direct.length ? shown.map(fileLine) : ['- no file links it directly']), ...moreLine(more, 'files'));
    if (via.length) {
      out.push('### Also through');
      for (const v of data.via) out.push(`- ${code(v.id)}: ${v.files.map(pathText).join(', ')}${v.more ? `, … ${v.more} more` : ''}`);
    }
    return out;
  });
}
