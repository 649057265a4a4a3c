// Text written into manifests: the commented starter intent.yaml, and a new `debt:` entry inserted as text
// (never by re-serialising the YAML) so the file keeps its comments, order and formatting.
import type { DebtCost, DebtImpact } from '../types';
import { eolOf, type TextEdit } from './commentText';
import type { ScopeSuggestion } from './starterScopes';

export interface NewDebtEntry {
  readonly id: string;
  readonly title: string;
  readonly hurts: readonly string[];
  readonly cost?: DebtCost;
  readonly impact?: DebtImpact;
}

/** `N+1 queries in search!` → `n-plus-1-queries-in-search`: lower case ASCII words joined by dashes, ≤ 48 chars. */
export function slugify(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\+/g, ' plus ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 48) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, 48);
  return slug || 'item';
}

/** `debt:<slug>`, with `-2`, `-3`, … appended until no existing ID takes it. */
export function uniqueDebtId(note: string, taken: (id: string) => boolean): string {
  const base = `debt:${slugify(note)}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

const PLAIN_SCALAR = /^[A-Za-z0-9À-ɏ(][^#:\n\r"'`{}[\],&*!|>%@]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|[-+]?(\.?\d[\d._]*([eE][-+]?\d+)?|\.inf|\.nan))$/i;

/** A YAML scalar for free text: plain when unambiguous, else double-quoted (JSON strings are valid YAML). */
export function yamlString(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (PLAIN_SCALAR.test(one) && !RESERVED.test(one) && !/\s$/.test(one)) return one;
  return JSON.stringify(one);
}

/** The lines of one `debt:` list entry, `indent` being the indentation of its `- `. */
export function debtEntryLines(entry: NewDebtEntry, indent: string): string[] {
  const inner = `${indent}  `;
  const lines = [`${indent}- id: ${entry.id}`, `${inner}title: ${yamlString(entry.title)}`];
  if (entry.hurts.length) lines.push(`${inner}hurts: [${entry.hurts.join(', ')}]`);
  if (entry.cost) lines.push(`${inner}cost: ${entry.cost}`);
  if (entry.impact) lines.push(`${inner}impact: ${entry.impact}`);
  return lines;
}

/**
 * Where and what to insert to append `entry` to the manifest's top-level `debt:` list: after the section's
 * last indented line (comments and blank lines that introduce the next section stay with it), with the
 * indentation of the existing entries; `debt: []` becomes a block list; no section → one is appended.
 */
export function planDebtEntry(text: string, entry: NewDebtEntry): TextEdit {
  const eol = eolOf(text);
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const header = lines.findIndex((l) => /^debt\s*:/.test(l));
  if (header < 0) {
    const last = lines.length - 1;
    const needsEol = lines[last] !== '';
    const blank = lines.length > 1 && (needsEol || lines[last - 1] !== '') ? eol : '';
    const body = [`debt:`, ...debtEntryLines(entry, '  ')].join(eol) + eol;
    return { range: at(last, lines[last].length), text: `${needsEol ? eol : ''}${blank}${body}` };
  }
  const headerLine = lines[header];
  const value = headerLine.replace(/^debt\s*:/, '').replace(/\s+#.*$/, '').trim();
  if (value === '[]') {
    // `debt: []  # comment` → `debt:  # comment` + the entry below.
    const start = headerLine.indexOf('[');
    const end = headerLine.indexOf(']', start) + 1;
    const block = eol + debtEntryLines(entry, '  ').join(eol);
    const comment = headerLine.slice(end);
    return { range: { start: { line: header, character: start - (headerLine[start - 1] === ' ' ? 1 : 0) }, end: { line: header, character: headerLine.length } }, text: `${comment}${block}` };
  }
  let lastContent = header;
  let indent: string | undefined;
  for (let i = header + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '') continue;
    if (!/^[ \t]/.test(l) && !l.startsWith('- ')) {
      if (l.startsWith('#')) continue;
      break;
    }
    lastContent = i;
    if (indent === undefined) {
      const m = /^([ \t]*)- /.exec(l);
      if (m) indent = m[1];
    }
  }
  const body = debtEntryLines(entry, indent ?? '  ').join(eol);
  const blankBetween = hasBlankBetweenEntries(lines, header, lastContent) ? eol : '';
  return { range: at(lastContent, lines[lastContent].length), text: `${eol}${blankBetween}${body}` };
}

/** True when the existing entries are separated by blank lines (the new one follows the same style). */
function hasBlankBetweenEntries(lines: readonly string[], header: number, last: number): boolean {
  for (let i = header + 2; i <= last; i++) {
    if (!/^[ \t]*- /.test(lines[i])) continue;
    let k = i - 1;
    while (k > header && /^[ \t]*#/.test(lines[k])) k--;
    if (lines[k].trim() === '') return true;
  }
  return false;
}

function at(line: number, character: number) {
  return { start: { line, character }, end: { line, character } };
}

/**
 * A commented starter manifest: valid as written and producing no finding by itself (every section is empty;
 * the examples and the repository's scope suggestions are comments to uncomment and fill in).
 */
export function starterManifest(product?: string, scopes: readonly ScopeSuggestion[] = []): string {
  const name = product ? yamlString(product) : 'My product';
  const suggested = scopes.length
    ? scopes.map((s) => `#  - paths: ["${s.glob}"]            # ${s.source}\n#    serves: [obj:example]`).join('\n')
    : `#  - paths: ["src/**"]\n#    serves: [obj:example]`;
  return `# Product intent, next to the code: read by the Intent Lens extension and CLI.
#
# This manifest says WHY the code exists: the objectives you pursue and their key
# results (KRs), the user problems behind them, the technical constraints the code
# must respect and the tech debt that slows you down. Code links to these items by
# ID in comments, e.g. \`// @intent kr:example-kr\` above a function.
#
# IDs match ^[A-Za-z][A-Za-z0-9._:/-]*$ and are unique across every intent.yaml of
# the workspace; the typed prefixes obj:, kr:, problem:, constraint:, debt: keep
# them readable. Globs are relative to this file's folder; "!" excludes.
# Uncomment an example (remove the leading "#") and fill it in.

version: 1
product: ${name}

# status: proposed | active | achieved | dropped | superseded
objectives: []
#  - id: obj:example
#    title: Describe the outcome you want
#    status: proposed
#    period: 2026-Q4
#    keyResults:
#      # Progress is baseline → current → target, in \`unit\`.
#      - id: kr:example-kr
#        title: A measurable result that shows the objective is met
#        baseline: 0
#        target: 100
#        current: 40
#        unit: "%"

# Who hurts, how you know (links or plain text), and which KRs solving it moves.
problems: []
#  - id: problem:example
#    title: What users cannot do today
#    persona: the person who has the problem
#    evidence: ["https://example.org/research/1"]
#    keyResults: [kr:example-kr]

# kind: performance | security | compliance | reliability | compatibility | cost | other
constraints: []
#  - id: constraint:example
#    title: A rule the code must respect
#    kind: security
#    appliesTo: ["src/**"]

# hurts: the objectives, KRs, problems or constraints it slows down.
# cost: S | M | L | XL (effort to repay), impact: low | medium | high
debt: []
#  - id: debt:example
#    title: What slows you down
#    hurts: [kr:example-kr]
#    cost: M
#    impact: medium

# Which folders serve what, without tagging every function.${scopes.length ? ' Suggested from this\n# repository\'s layout:' : ''}
scopes: []
${suggested}
`;
}
