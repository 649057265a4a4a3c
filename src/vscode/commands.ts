// Registers every command from one table: id → handler. Feature areas contribute their handlers; an id with
// no handler yet says so instead of doing nothing (and the contributes test keeps ids and package.json in step).
import * as vscode from 'vscode';
import { CommandId } from './ids';
import type { Services } from './services';

export type CommandHandler = (...args: any[]) => unknown;

export interface CommandServices {
  readonly log: vscode.LogOutputChannel;
  readonly services: Services;
  /** Handlers contributed by the feature areas, by command id. */
  readonly handlers: Readonly<Record<string, CommandHandler>>;
}

function notImplemented(id: string): CommandHandler {
  // Not awaited: the message resolves only when dismissed, and a command must not hang on it.
  return () => {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: not implemented yet.', id));
  };
}

/** Rescans every folder from scratch (after a branch switch the watcher missed, for one). */
function refresh(services: Services): CommandHandler {
  return async () => {
    await Promise.all(services.sessions.all().map((s) => s.rebuild()));
  };
}

/** The command table: every CommandId has an entry. */
export function commandTable({ services, handlers }: CommandServices): Record<CommandId, CommandHandler> {
  const table = {} as Record<CommandId, CommandHandler>;
  for (const id of Object.values(CommandId)) table[id] = handlers[id] ?? notImplemented(id);
  table[CommandId.refresh] = handlers[CommandId.refresh] ?? refresh(services);
  return table;
}

export function registerCommands(services: CommandServices): vscode.Disposable {
  const table = commandTable(services);
  return vscode.Disposable.from(
    ...Object.entries(table).map(([id, handler]) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (error) {
          services.log.error(`${id} failed: ${error instanceof Error ? error.stack : String(error)}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('Intent Lens: {0} failed: {1}', id, error instanceof Error ? error.message : String(error)));
          return undefined;
        }
      }),
    ),
  );
}
