// The one zod schema of intent.yaml: the core validates with it and the shipped JSON Schema is generated from it.
import * as z from 'zod';
import { braceCount, MAX_GLOB_ALTERNATIVES } from '../analysis/braces';
import { ID_PATTERN } from './idSyntax';

/** Bounds on untrusted input: a manifest is hand-written, so these are far above any real use. */
export const LIMITS = {
  idLength: 200,
  stringLength: 10_000,
  globLength: 1_000,
  arrayLength: 10_000,
} as const;

export const STATUSES = ['proposed', 'active', 'achieved', 'dropped', 'superseded'] as const;
export const CONSTRAINT_KINDS = ['performance', 'security', 'compliance', 'reliability', 'compatibility', 'cost', 'other'] as const;
export const DEBT_COSTS = ['S', 'M', 'L', 'XL'] as const;
export const DEBT_IMPACTS = ['low', 'medium', 'high'] as const;

/** Message of the ID pattern, recognised (and translated) by the issue formatter. */
export const ID_MESSAGE = 'must start with a letter and contain only letters, digits and . _ : / -';

/** Messages of the refinements below, recognised (and translated) by the issue formatter. */
export const REFINE_MESSAGES = {
  link: 'must be an http(s) link or plain text',
  globAbsolute: 'must be a glob relative to the manifest folder, not an absolute path',
  globEscapes: 'must stay inside the manifest folder (no ".." that leaves it)',
  globBraces: `must expand to at most ${MAX_GLOB_ALTERNATIVES} alternatives (the brace expansion limit)`,
  globExtended: 'extended globs such as +(a|b) are not supported: use braces, {a,b}',
} as const;

const SAFE_SCHEMES = new Set(['http', 'https']);
/** Schemes that make a string a link even without `//` (the dangerous ones among them). */
const LINK_SCHEMES = new Set([
  'javascript', 'vbscript', 'data', 'file', 'blob', 'about', 'command', 'vscode', 'vscode-insiders', 'vscode-file',
  'mailto', 'tel', 'sms', 'ftp', 'ftps', 'ws', 'wss', 'ssh', 'git', 'jar', 'view-source', 'filesystem', 'chrome',
  'resource', 'intent', 'http', 'https',
]);

/**
 * True when a free-text value (evidence, tracker) is acceptable: plain text, or an http(s) URL.
 * Whitespace and control characters are ignored when looking for a scheme, as browsers do (`java\tscript:`).
 */
export function isSafeLinkOrText(value: string): boolean {
  const squeezed = value.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/s.exec(squeezed);
  if (!m) return true;
  const [, scheme, rest] = m;
  if (!LINK_SCHEMES.has(scheme) && !rest.startsWith('//')) return true; // "Note:see x", "CAST:12"
  if (!SAFE_SCHEMES.has(scheme)) return false;
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Why a glob is refused, or undefined when it stays inside its manifest's folder. */
export function globProblem(glob: string): string | undefined {
  const body = glob.startsWith('!') ? glob.slice(1) : glob;
  if (/^[/\\]/.test(body) || /^[A-Za-z]:/.test(body) || body.startsWith('~')) return REFINE_MESSAGES.globAbsolute;
  // Worst case depth: `**` may match nothing, so it never counts as a level.
  let depth = 0;
  for (const seg of body.split(/[/\\]/)) {
    if (seg === '..') {
      depth--;
      if (depth < 0) return REFINE_MESSAGES.globEscapes;
    } else if (/(^|[{,])\.\.([},]|$)/.test(seg)) {
      return REFINE_MESSAGES.globEscapes; // `..` hidden in a brace alternative
    } else if (seg !== '' && seg !== '.' && seg !== '**') {
      depth++;
    }
  }
  if (/[@!+*?]\([^)]*\)/.test(body)) return REFINE_MESSAGES.globExtended;
  if (body.length <= LIMITS.globLength && braceCount(body) > MAX_GLOB_ALTERNATIVES) return REFINE_MESSAGES.globBraces;
  return undefined;
}

const text = z.string().max(LIMITS.stringLength);
const markdown = z.string().max(LIMITS.stringLength).describe('Markdown');
export const idSchema = z
  .string()
  .max(LIMITS.idLength)
  .regex(ID_PATTERN, ID_MESSAGE);
const idList = z.array(idSchema).max(LIMITS.arrayLength);
const linkOrText = text.refine(isSafeLinkOrText, REFINE_MESSAGES.link);
const glob = z
  .string()
  .max(LIMITS.globLength)
  .superRefine((value, ctx) => {
    const problem = globProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const number = z.number();

const itemBase = {
  id: idSchema.describe('Unique across all manifests of the workspace; a typed prefix (obj:, kr:, …) is recommended'),
  title: text,
  description: markdown.optional(),
  owner: text.optional().describe('Free text'),
  status: z.enum(STATUSES).optional(),
  supersededBy: idSchema.optional().describe('ID of the item that replaces this one'),
};

export const keyResultSchema = z.strictObject({
  ...itemBase,
  metric: text.optional(),
  baseline: number.optional(),
  target: number.optional(),
  current: number.optional(),
  unit: text.optional(),
});

export const objectiveSchema = z.strictObject({
  ...itemBase,
  period: text.optional().describe('e.g. 2026-Q4'),
  keyResults: z.array(keyResultSchema).max(LIMITS.arrayLength).optional(),
});

export const problemSchema = z.strictObject({
  ...itemBase,
  persona: text.optional(),
  evidence: z.array(linkOrText).max(LIMITS.arrayLength).optional().describe('http(s) links or plain text'),
  keyResults: idList.optional().describe('The key results that solving it moves'),
});

export const constraintSchema = z.strictObject({
  ...itemBase,
  kind: z.enum(CONSTRAINT_KINDS).optional(),
  appliesTo: z.array(glob).max(LIMITS.arrayLength).optional().describe('Globs relative to this manifest; "!" negates'),
  objectives: idList.optional(),
});

export const debtSchema = z.strictObject({
  ...itemBase,
  hurts: idList.optional().describe('Any objective, key result, problem or constraint it slows'),
  cost: z.enum(DEBT_COSTS).optional().describe('Effort to repay'),
  impact: z.enum(DEBT_IMPACTS).optional(),
  tracker: linkOrText.optional().describe('Ticket key or http(s) URL'),
});

export const scopeSchema = z.strictObject({
  paths: z.array(glob).min(1).max(LIMITS.arrayLength).describe('Globs relative to this manifest; "!" negates'),
  serves: idList.min(1),
});

export const manifestSchema = z.strictObject({
  version: z.literal(1),
  product: text.optional().describe('Display name'),
  objectives: z.array(objectiveSchema).max(LIMITS.arrayLength).optional(),
  problems: z.array(problemSchema).max(LIMITS.arrayLength).optional(),
  constraints: z.array(constraintSchema).max(LIMITS.arrayLength).optional(),
  debt: z.array(debtSchema).max(LIMITS.arrayLength).optional(),
  scopes: z.array(scopeSchema).max(LIMITS.arrayLength).optional(),
});

export type ManifestData = z.infer<typeof manifestSchema>;
export type ObjectiveData = z.infer<typeof objectiveSchema>;
export type KeyResultData = z.infer<typeof keyResultSchema>;
export type ProblemData = z.infer<typeof problemSchema>;
export type ConstraintData = z.infer<typeof constraintSchema>;
export type DebtData = z.infer<typeof debtSchema>;
export type ScopeData = z.infer<typeof scopeSchema>;

/** The sections that hold lists of items, validated one item at a time. */
export const SECTIONS = ['objectives', 'problems', 'constraints', 'debt', 'scopes'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * The top level alone: the same schema with each section's items left to per-item validation, so one
 * broken item never hides the others.
 */
export const manifestTopSchema = manifestSchema.extend({
  objectives: z.array(z.unknown()).max(LIMITS.arrayLength).optional(),
  problems: z.array(z.unknown()).max(LIMITS.arrayLength).optional(),
  constraints: z.array(z.unknown()).max(LIMITS.arrayLength).optional(),
  debt: z.array(z.unknown()).max(LIMITS.arrayLength).optional(),
  scopes: z.array(z.unknown()).max(LIMITS.arrayLength).optional(),
});

/** An objective alone, its key results left to per-item validation. */
export const objectiveTopSchema = objectiveSchema.extend({
  keyResults: z.array(z.unknown()).max(LIMITS.arrayLength).optional(),
});

export const SECTION_SCHEMAS = {
  objectives: objectiveTopSchema,
  problems: problemSchema,
  constraints: constraintSchema,
  debt: debtSchema,
  scopes: scopeSchema,
} as const;

/** Keys whose absence makes an item unusable (everything else can be dropped and the item kept). */
export const REQUIRED_KEYS: Readonly<Record<Section | 'keyResults', readonly string[]>> = {
  objectives: ['id', 'title'],
  keyResults: ['id', 'title'],
  problems: ['id', 'title'],
  constraints: ['id', 'title'],
  debt: ['id', 'title'],
  scopes: ['paths', 'serves'],
};
