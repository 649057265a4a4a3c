// Editor features (CodeLens, hovers, status bar, diagnostics, quick fixes, language features for IDs). Every
// provider is a read-only view of the sessions and refreshes on their change event.
import * as vscode from 'vscode';
import { CommandId } from '../ids';
import type { Feature, Services } from '../services';
import { IntentCodeActions } from './codeActions';
import { IntentCodeLensProvider } from './codeLensProvider';
import { COMPLETION_TRIGGERS, IntentCompletionProvider } from './completionProvider';
import { IntentDefinitionProvider } from './definitionProvider';
import { IntentDiagnostics } from './diagnostics';
import { IntentDocumentLinks } from './documentLinks';
import { IntentHoverProvider } from './hoverProvider';
import { IntentReferenceProvider } from './referenceProvider';
import { IntentRenameProvider } from './renameProvider';
import { revealItemCommand } from './revealItem';
import { IntentStatusBar } from './statusBar';

/** Files of the workspace on disk (local or remote); untitled buffers have no session. */
const FILES: vscode.DocumentFilter[] = [{ scheme: 'file' }, { scheme: 'vscode-remote' }];
/** Read-only versions in diff editors (`git:`): lenses and hovers only, nothing that edits. */
const VERSIONS: vscode.DocumentFilter[] = [{ scheme: 'git' }, { scheme: 'intent-lens-base' }];
const MANIFESTS: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/intent.yaml' },
  { scheme: 'vscode-remote', pattern: '**/intent.yaml' },
];

export function registerEditorFeatures(services: Services): Feature {
  const lenses = new IntentCodeLensProvider(services);
  const diagnostics = new IntentDiagnostics(services);
  const statusBar = new IntentStatusBar(services);
  const disposable = vscode.Disposable.from(
    lenses,
    diagnostics,
    statusBar,
    vscode.languages.registerCodeLensProvider([...FILES, ...VERSIONS], lenses),
    vscode.languages.registerHoverProvider([...FILES, ...VERSIONS], new IntentHoverProvider(services)),
    vscode.languages.registerCodeActionsProvider(FILES, new IntentCodeActions(services), IntentCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(FILES, new IntentCompletionProvider(services), ...COMPLETION_TRIGGERS),
    vscode.languages.registerDefinitionProvider(FILES, new IntentDefinitionProvider(services)),
    vscode.languages.registerReferenceProvider(FILES, new IntentReferenceProvider(services)),
    vscode.languages.registerRenameProvider(FILES, new IntentRenameProvider(services)),
    vscode.languages.registerDocumentLinkProvider(MANIFESTS, new IntentDocumentLinks()),
  );
  return {
    disposable,
    commands: {
      [CommandId.revealItem]: revealItemCommand(services),
      [CommandId.showFileIntent]: () => statusBar.showFileIntent(),
    },
    testing: { codeLens: lenses, diagnostics, statusBar },
  };
}
