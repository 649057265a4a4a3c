// Intent Lens for AI agents in VS Code: the agent tools as language-model tools (vscode.lm.registerTool, usable
// as #references in chat; check_change asks first), and `intent-lens mcp` offered per folder through an MCP
// server definition provider (spawned by VS Code only when the user or an agent starts it).
import * as vscode from 'vscode';
import { AGENT_TOOLS, runTool, type AgentTool } from '../../core/agent/tools';
import type { TreeSitterSymbolFinder } from '../../node/treeSitterSymbols';
import type { Feature, Services } from '../services';
import type { FolderSession } from '../session';
import { EditorAgentWorkspace } from './editorWorkspace';
import { LM_TOOL_PREFIX, MCP_PROVIDER_ID } from './toolNames';

/** The folder the agent most likely means: the active editor's, else the first with a manifest. */
function currentSession(services: Services): FolderSession | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const sessions = services.sessions.all();
  return (active && services.sessions.forUri(active)) || sessions.find((s) => s.graph.manifests.length > 0) || sessions[0];
}

function languageModelTool(tool: AgentTool, services: Services, finder: TreeSitterSymbolFinder): vscode.LanguageModelTool<Record<string, unknown>> {
  return {
    prepareInvocation: () => ({
      invocationMessage: vscode.l10n.t('Intent Lens: {0}…', tool.title),
      ...(tool.expensive
        ? { confirmationMessages: { title: vscode.l10n.t('Check the change by intent?'), message: new vscode.MarkdownString(vscode.l10n.t('Intent Lens will run git in this workspace to compare the working tree with its base, and index the base. This takes a few seconds on a large repository.')) } }
        : {}),
    }),
    invoke: async (options, token) => {
      const session = currentSession(services);
      if (!session) throw new Error(vscode.l10n.t('Intent Lens has no workspace folder open.'));
      await session.settled();
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      const ws = new EditorAgentWorkspace(session, finder, services.settings(session.folder.uri), services.locks);
      const outcome = await runTool(ws, tool.name, options.input);
      // A thrown error is what VS Code hands back to the model as the tool's failure.
      if (outcome.isError) throw new Error(outcome.text);
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(outcome.text)]);
    },
  };
}

function mcpProvider(services: Services): vscode.McpServerDefinitionProvider & vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  // Fired only when the set of folders with a manifest changes (not on every manifest edit).
  const served = () => services.sessions.all().filter((s) => s.graph.manifests.length > 0).map((s) => s.folder.uri.toString()).join('\n');
  let last = served();
  const subscriptions = [
    services.sessions.onDidChange((e) => {
      if (!e.graphChanged || served() === last) return;
      last = served();
      changed.fire();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
  ];
  const cli = services.context.asAbsolutePath('dist/cli.js');
  const version = String(services.context.extension.packageJSON.version ?? '0.0.0');
  return {
    onDidChangeMcpServerDefinitions: changed.event,
    // The server runs git for check_change: nothing is offered in Restricted Mode.
    provideMcpServerDefinitions: () =>
      (vscode.workspace.isTrusted ? services.sessions.all() : [])
        .filter((s) => s.folder.uri.scheme === 'file' && s.graph.manifests.length > 0)
        .map((s) => {
          const def = new vscode.McpStdioServerDefinition(vscode.l10n.t('Intent Lens: {0}', s.folder.name), process.execPath, [cli, 'mcp', s.folder.uri.fsPath], { ELECTRON_RUN_AS_NODE: '1' }, version);
          def.cwd = s.folder.uri;
          return def;
        }),
    resolveMcpServerDefinition: (def) => def,
    dispose: () => {
      for (const d of subscriptions) d.dispose();
      changed.dispose();
    },
  };
}

export function registerAgentFeatures(services: Services): Feature {
  const finder = services.finder;
  const provider = mcpProvider(services);
  const parts: vscode.Disposable[] = [
    ...AGENT_TOOLS.map((tool) => vscode.lm.registerTool(LM_TOOL_PREFIX + tool.name, languageModelTool(tool, services, finder))),
    vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider),
    provider,
  ];
  return { disposable: vscode.Disposable.from(...parts), testing: { mcpServerDefinitions: () => provider.provideMcpServerDefinitions(new vscode.CancellationTokenSource().token) } };
}
