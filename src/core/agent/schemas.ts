// One zod schema per tool input: the MCP server and the editor validate with it, and the JSON Schema that
// agents see (MCP tools/list, package.json languageModelTools) is generated from it.
import * as z from 'zod';

const format = z.enum(['markdown', 'json']).optional().describe('markdown (default): compact text for a model; json: the same data, structured');
const path = z.string().min(1).max(1000).describe('File path relative to the workspace root, e.g. src/search/searchTalent.ts');
const line = z.number().int().min(1).optional().describe('1-based line number; omit for the whole file');
const symbol = z.string().min(1).max(300).optional().describe('Name of a declaration in the file (e.g. searchTalent or BookingService.cancel), instead of a line');
const id = z.string().min(1).max(200).describe('A manifest item ID, e.g. kr:cycle-time or constraint:no-pii-in-logs');

export const intentAtInput = z.object({ path, line, symbol, format }).strict();
export const constraintsForInput = z
  .object({ paths: z.array(path).min(1).max(200).describe('One path, or the changed paths of a change (at most 200)'), format })
  .strict();
export const itemInput = z.object({ id, format }).strict();
export const findCodeInput = z.object({ id, format }).strict();
export const checkChangeInput = z
  .object({ base: z.string().min(1).max(200).optional().describe('Git ref to compare the working tree with (default: the merge-base with the upstream or default branch)'), format })
  .strict();
export const suggestLinksInput = z.object({ path, line, symbol, format }).strict();

export type IntentAtInput = z.infer<typeof intentAtInput>;
export type ConstraintsForInput = z.infer<typeof constraintsForInput>;
export type ItemInput = z.infer<typeof itemInput>;
export type FindCodeInput = z.infer<typeof findCodeInput>;
export type CheckChangeInput = z.infer<typeof checkChangeInput>;
export type SuggestLinksInput = z.infer<typeof suggestLinksInput>;

/** The JSON Schema of a tool input, as agents see it (draft 2020-12 without the `$schema` key). */
export function inputJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** A zod failure as one sentence per problem: `line: must be ≥ 1`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
}
