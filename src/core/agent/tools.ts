// The catalogue of agent tools, shared by `intent-lens mcp` and the editor's language-model tools: one name,
// description and zod input schema per tool, and runTool(), which validates, runs and turns every failure into
// a tool error (an agent's bad argument must never crash the server or the extension host).
import type * as z from 'zod';
import { checkChange } from './changeTool';
import { constraintsFor, intentAt } from './intentTools';
import { findCode, getItem } from './itemTools';
import { checkChangeInput, constraintsForInput, describeIssues, findCodeInput, intentAtInput, itemInput, suggestLinksInput } from './schemas';
import { suggestLinks } from './suggestTool';
import { AgentToolError, type AgentWorkspace } from './workspace';

export interface AgentTool {
  /** MCP tool name; the editor's tool is `intentLens_<name>`. */
  readonly name: string;
  readonly title: string;
  /** What the model reads to decide when to call it. */
  readonly description: string;
  readonly schema: z.ZodType;
  /** Runs git or reads many files: the editor asks before running it. */
  readonly expensive?: boolean;
  run(ws: AgentWorkspace, input: never): Promise<string>;
}

export const AGENT_TOOLS: readonly AgentTool[] = [
  {
    name: 'intent_at',
    title: 'Intent at a place',
    description: 'Why code exists: the objectives, key results and user problems a file, line or declaration serves, the constraints that bind it and debt there, each with its provenance (tag, file tag, scope, appliesTo) and key-result progress. Call before changing code.',
    schema: intentAtInput,
    run: intentAt,
  },
  {
    name: 'constraints_for',
    title: 'Constraints for paths',
    description: 'The technical constraints (security, performance, compliance, …) that bind one path or every changed path of a change, with their rule text and why each applies. Call before editing or committing.',
    schema: constraintsForInput,
    run: constraintsFor,
  },
  {
    name: 'get_item',
    title: 'Intent item by ID',
    description: 'One manifest item (objective, key result, problem, constraint or debt) by ID: its fields, key-result progress, linked code, debt against it and suspect links when an intent.lock exists.',
    schema: itemInput,
    run: getItem,
  },
  {
    name: 'find_code',
    title: 'Code serving an item',
    description: 'The files and tagged lines that serve an item (or that a constraint binds), directly and through the items under it (an objective\'s key results, the problems that move a key result).',
    schema: findCodeInput,
    run: findCode,
  },
  {
    name: 'check_change',
    title: 'Check a change by intent',
    description: 'Reviews the working tree against a git base: changed code grouped by the intent it serves, files with no intent, constraints touched with their rules, links added/removed/broken, and findings IL030–IL032. Runs git; takes a few seconds.',
    schema: checkChangeInput,
    expensive: true,
    run: checkChange,
  },
  {
    name: 'suggest_links',
    title: 'Suggest intent links',
    description: 'Suggestions (never applied) of objectives, key results or problems to link a file or declaration to, ranked from the scopes covering it, neighbouring tags and title words. Confirm with the user before adding a tag.',
    schema: suggestLinksInput,
    run: suggestLinks,
  },
];

export interface ToolOutcome {
  readonly isError: boolean;
  readonly text: string;
}

/** Validates the input and runs the tool; a bad argument or a failure is an error outcome, never a throw. */
export async function runTool(ws: AgentWorkspace, name: string, input: unknown): Promise<ToolOutcome> {
  const tool = AGENT_TOOLS.find((t) => t.name === name);
  if (!tool) return { isError: true, text: `unknown tool '${String(name).slice(0, 80)}' (tools: ${AGENT_TOOLS.map((t) => t.name).join(', ')})` };
  const parsed = tool.schema.safeParse(input ?? {});
  if (!parsed.success) return { isError: true, text: `invalid arguments for ${tool.name}: ${describeIssues(parsed.error)}` };
  try {
    return { isError: false, text: await tool.run(ws, parsed.data as never) };
  } catch (error) {
    if (error instanceof AgentToolError) return { isError: true, text: error.message };
    return { isError: true, text: `${tool.name} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
