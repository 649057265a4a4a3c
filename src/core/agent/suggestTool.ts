// "Suggest links for a place": candidate objectives, key results and problems for a file or declaration, from
// the scopes that cover it, the tags of its neighbours (same file, same folder) and words shared between its
// path or symbol names and item titles. Suggestions only: nothing is written; an agent or a person decides.
import { isRetired } from '../model/retired';
import { dirname } from '../paths';
import type { IntentItem } from '../types';
import { answer, code, pathText, quote } from './answer';
import { intentAtPlace, scanOf, scopesCovering, taggedFiles } from './codeModel';
import { resolvePlace } from './place';
import type { SuggestLinksInput } from './schemas';
import type { AgentWorkspace } from './workspace';

const MAX_SUGGESTIONS = 5;
/** Files of the same folder looked at for neighbouring tags. */
const MAX_NEIGHBOURS = 200;
const STOP = new Set(['with', 'from', 'that', 'this', 'into', 'than', 'under', 'over', 'each', 'only', 'their', 'when', 'test', 'tests', 'index', 'main', 'util', 'utils']);

/** Lower-case word stems (≥ 4 letters) of a path, identifier or title: camelCase and snake_case split. */
export function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/)) {
    if (w.length < 4 || STOP.has(w)) continue;
    out.add(w.replace(/(ies)$/, 'y').replace(/(s)$/, ''));
  }
  return out;
}

interface Candidate {
  readonly item: IntentItem;
  score: number;
  readonly reasons: string[];
}

export async function suggestLinks(ws: AgentWorkspace, input: SuggestLinksInput): Promise<string> {
  const place = await resolvePlace(ws, input);
  const here = await intentAtPlace(ws, place);
  const tagged = new Set(here.links.filter((l) => l.via.kind === 'tag' || l.via.kind === 'file').map((l) => l.id));
  const candidates = new Map<string, Candidate>();
  const add = (id: string, score: number, reason: string) => {
    const item = ws.graph.items.get(id);
    if (!item || tagged.has(id) || isRetired(ws.graph, item)) return;
    if (item.kind !== 'objective' && item.kind !== 'keyResult' && item.kind !== 'problem') return;
    let c = candidates.get(id);
    if (!c) candidates.set(id, (c = { item, score: 0, reasons: [] }));
    c.score += score;
    if (!c.reasons.includes(reason)) c.reasons.push(reason);
  };

  for (const { glob, serves } of scopesCovering(ws, place.file)) {
    for (const id of serves) add(id, 3, `a scope serves ${glob} (already effective; a tag makes it specific)`);
  }
  for (const tag of scanOf(ws, place.file)?.tags ?? []) {
    if (tag.kind !== 'debt') for (const ref of tag.ids) add(ref.id, 2, 'tagged elsewhere in this file');
  }
  const folder = dirname(place.file);
  let looked = 0;
  for (const [file, entry] of taggedFiles(ws)) {
    if (file === place.file || dirname(file) !== folder || looked++ >= MAX_NEIGHBOURS) continue;
    for (const tag of entry.tags) if (tag.kind !== 'debt') for (const ref of tag.ids) add(ref.id, 1, `tagged in a neighbouring file (${file})`);
  }
  const placeWords = words([place.file, ...here.symbols].join(' '));
  for (const item of ws.graph.items.values()) {
    const shared = [...words(`${item.id} ${item.title}`)].filter((w) => placeWords.has(w));
    if (shared.length) add(item.id, shared.length, `title words: ${shared.sort().join(', ')}`);
  }

  const ranked = [...candidates.values()].sort((a, b) => b.score - a.score || a.item.id.localeCompare(b.item.id));
  const shown = ranked.slice(0, MAX_SUGGESTIONS);
  const line = place.line === undefined ? undefined : place.line + 1;
  const data = {
    suggestions: true,
    file: place.file,
    line,
    symbols: here.symbols,
    alreadyTagged: [...tagged].sort(),
    candidates: shown.map((c) => ({ id: c.item.id, kind: c.item.kind, title: c.item.title, score: c.score, reasons: c.reasons.slice(0, 3), tag: `@intent ${c.item.id}` })),
    more: Math.max(0, ranked.length - MAX_SUGGESTIONS),
  };
  return answer(input.format, data, () => {
    const out = [`## Suggested links for ${pathText(place.file + (line ? `:${line}` : ''))} — SUGGESTIONS ONLY, nothing was changed`];
    if (tagged.size) out.push(`Already tagged here: ${[...tagged].sort().map(code).join(', ')}`);
    if (shown.length === 0) return [...out, 'No candidate: no scope, neighbouring tag or title word points at an item.'];
    for (const c of shown) out.push(`- ${code(c.item.id)} ${quote(c.item.title, 120)} (score ${c.score}) — ${c.reasons.slice(0, 3).map((r) => quote(r, 120)).join('; ')}`);
    if (data.more) out.push(`- … and ${data.more} weaker candidates`);
    out.push('To link, add a comment `@intent ID` above the declaration, after confirming with the user.');
    return out;
  });
}
