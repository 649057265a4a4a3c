// Registers every command from one table: id → handler. Handlers are thin functions of the services they
// need; the ones not built yet say so instead of doing nothing.
import * as vscode from 'vscode';
import { CommandId } from './ids';

export type CommandHandler = (...args: unknown[]) => unknown;

/** What the command handlers may use. Grows as services (index, session) arrive. */
export interface CommandServices {
  readonly log: vscode.LogOutputChannel;
}

function notImplemented(title: string): CommandHandler {
  // Not awaited: the message resolves only when dismissed, and a command must not hang on it.
  return () => {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: not implemented yet.', title));
  };
}

/** The command table. Every CommandId must have an entry (the type enforces it). */
export function commandTable(_services: CommandServices): Record<CommandId, CommandHandler> {
  return {
    [CommandId.refresh]: notImplemented(vscode.l10n.t('Refresh')),
    [CommandId.createManifest]: notImplemented(vscode.l10n.t('Create Manifest')),
    [CommandId.linkSymbol]: notImplemented(vscode.l10n.t('Link Symbol to Intent…')),
    [CommandId.tagDebt]: notImplemented(vscode.l10n.t('Tag Tech Debt…')),
    [CommandId.reviewChanges]: notImplemented(vscode.l10n.t('Review Changes by Intent')),
    [CommandId.copySummary]: notImplemented(vscode.l10n.t('Copy Intent Summary')),
  };
}

export function registerCommands(services: CommandServices): vscode.Disposable {
  const table = commandTable(services);
  return vscode.Disposable.from(
    ...Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
}
