// Names of the agent tools in VS Code: `intentLens_<name>` for vscode.lm, and the `#reference` a user types in
// chat. package.json's languageModelTools is checked against these (and the zod schemas) by a unit test.
export const LM_TOOL_PREFIX = 'intentLens_';

export const TOOL_REFERENCE: Readonly<Record<string, string>> = {
  intent_at: 'intentAt',
  constraints_for: 'intentConstraints',
  get_item: 'intentItem',
  find_code: 'intentCode',
  check_change: 'intentCheckChange',
  suggest_links: 'intentSuggestLinks',
};

export const MCP_PROVIDER_ID = 'intentLens.mcpServers';
