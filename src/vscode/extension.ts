// Entry point: activate() builds the extension's parts and pushes ONE root disposable that owns them all.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ContextKey } from './ids';

/** Owns everything that lives as long as the extension; disposed as a whole, in reverse order. */
class ExtensionRoot implements vscode.Disposable {
  private readonly parts: vscode.Disposable[] = [];

  constructor() {
    const log = this.own(vscode.window.createOutputChannel('Intent Lens', { log: true }));
    this.own(registerCommands({ log }));
    // Activation means workspaceContains:**/intent.yaml matched. The manifest index will own this key.
    void vscode.commands.executeCommand('setContext', ContextKey.hasManifest, true);
    log.info('Intent Lens activated');
  }

  private own<T extends vscode.Disposable>(part: T): T {
    this.parts.push(part);
    return part;
  }

  dispose(): void {
    for (const part of this.parts.splice(0).reverse()) part.dispose();
  }
}

/** What activate() returns: a small API the integration tests (and other extensions) may read. */
export interface IntentLensApi {
  readonly activated: true;
}

export function activate(context: vscode.ExtensionContext): IntentLensApi {
  context.subscriptions.push(new ExtensionRoot());
  return { activated: true };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
