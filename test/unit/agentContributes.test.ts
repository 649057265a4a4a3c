// package.json's language-model tools and MCP provider match the agent tool catalogue: names, #references,
// and input schemas generated from the same zod schemas the tools validate with; engines allow the APIs used.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputJsonSchema } from '../../src/core/agent/schemas';
import { AGENT_TOOLS } from '../../src/core/agent/tools';
import { LM_TOOL_PREFIX, MCP_PROVIDER_ID, TOOL_REFERENCE } from '../../src/vscode/agent/toolNames';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

describe('package.json agent contributions', () => {
  it('contributes one language-model tool per agent tool, with the zod-derived input schema', () => {
    const tools = pkg.contributes.languageModelTools as any[];
    assert.deepEqual(tools.map((t) => t.name), AGENT_TOOLS.map((t) => LM_TOOL_PREFIX + t.name));
    for (const [i, tool] of AGENT_TOOLS.entries()) {
      const c = tools[i];
      assert.deepEqual(c.inputSchema, inputJsonSchema(tool.schema), `${c.name}: regenerate its inputSchema from the zod schema`);
      assert.equal(c.modelDescription, tool.description);
      assert.equal(c.toolReferenceName, TOOL_REFERENCE[tool.name]);
      assert.equal(c.canBeReferencedInPrompt, true);
      assert.match(c.displayName, /^%lmTool\.[a-z_]+\.displayName%$/);
    }
  });

  it('contributes the MCP server definition provider it registers, and engines allow both APIs', () => {
    assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders, [{ id: MCP_PROVIDER_ID, label: '%mcp.provider.label%' }]);
    // registerMcpServerDefinitionProvider is final API since 1.101.
    assert.equal(pkg.engines.vscode, '^1.101.0');
    assert.ok(pkg.dependencies['@modelcontextprotocol/sdk'], 'the MCP SDK is a runtime dependency (bundled into dist/cli.js)');
  });
});
