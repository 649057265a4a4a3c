// The item side of a link: the fields that change what an item means, normalised (whitespace does not count),
// their fingerprint, and a field-by-field diff for messages (`target: 3 → 2`). Never a KR's `current`, never
// `owner`, `status` (IL011 covers retirement), evidence or debt triage (cost, impact, tracker).
import type { IntentItem } from '../types';
import { fingerprint64 } from './hash';

/** Reviewed value of a field: a number, a text, or a list (IDs, globs) kept in manifest order. */
export type FieldValue = string | number | readonly string[];
export type ItemFields = Readonly<Record<string, FieldValue>>;

/** The documented field list, per item kind (README "Suspect links"). */
export const MEANING_FIELDS: Readonly<Record<IntentItem['kind'], readonly string[]>> = {
  objective: ['title', 'description', 'period'],
  keyResult: ['title', 'description', 'metric', 'baseline', 'target', 'unit'],
  problem: ['title', 'description', 'persona', 'keyResults'],
  constraint: ['title', 'description', 'kind', 'appliesTo'],
  debt: ['title', 'description', 'hurts'],
};

/** Texts longer than this are stored as their hash in the lock (a description): the diff then says "changed". */
export const MAX_STORED_TEXT = 160;
const HASHED = '#';

function norm(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function raw(item: IntentItem, field: string): FieldValue | undefined {
  switch (field) {
    case 'title': return item.title;
    case 'description': return item.description;
    case 'kind': return item.kind === 'constraint' ? item.constraintKind : undefined;
  }
  const value = (item as unknown as Record<string, unknown>)[field];
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** The item's meaning fields as stored in the lock: absent fields left out, long texts hashed. */
export function itemFields(item: IntentItem): ItemFields {
  const out: Record<string, FieldValue> = {};
  for (const field of MEANING_FIELDS[item.kind]) {
    const value = raw(item, field);
    if (value === undefined) continue;
    if (typeof value === 'string') {
      const text = norm(value);
      if (text === '') continue;
      out[field] = text.length > MAX_STORED_TEXT ? HASHED + fingerprint64(text) : text;
    } else if (typeof value === 'number') out[field] = value;
    else out[field] = value.map(norm);
  }
  return out;
}

/** Fingerprint of an item's meaning: kind + fields in the documented order. */
export function itemFingerprint(kind: IntentItem['kind'], fields: ItemFields): string {
  return fingerprint64(JSON.stringify([kind, ...MEANING_FIELDS[kind].map((f) => fields[f] ?? null)]));
}

export interface FieldChange {
  readonly field: string;
  readonly before?: FieldValue;
  readonly after?: FieldValue;
}

/** The fields whose reviewed value differs from today's, in the documented order (unknown fields last). */
export function diffFields(before: ItemFields, after: ItemFields): FieldChange[] {
  const order = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const out: FieldChange[] = [];
  for (const field of order) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    out.push({ field, ...(a !== undefined ? { before: a } : {}), ...(b !== undefined ? { after: b } : {}) });
  }
  return out;
}

function show(value: FieldValue | undefined): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'string' && value.startsWith(HASHED)) return '(long text)';
  const text = String(value);
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

/** `target: 3 → 2`, `description changed` — one change as a person reads it. */
export function describeChange(change: FieldChange): string {
  const hashed = [change.before, change.after].some((v) => typeof v === 'string' && v.startsWith(HASHED));
  if (hashed) return `${change.field} changed`;
  return `${change.field}: ${show(change.before)} → ${show(change.after)}`;
}
