// Entry point: activate() builds the extension's parts and pushes ONE root disposable that owns them all.
import './zodConfig';
import * as vscode from 'vscode';
import { TreeSitterSymbolFinder } from '../node/treeSitterSymbols';
import { registerAgentFeatures } from './agent';
import { registerCommands } from './commands';
import { registerEditorFeatures } from './editor';
import { registerLock } from './lock';
import { LockStates } from './lock/lockState';
import { ConfigSection, ContextKey } from './ids';
import { registerReview } from './review';
import type { Feature, Services } from './services';
import { SessionManager } from './sessionManager';
import { readSettings } from './settings';
import { EditorSymbols } from './symbols';
import { registerViews } from './views';

/** Owns everything that lives as long as the extension; disposed as a whole, in reverse order. */
class ExtensionRoot implements vscode.Disposable {
  private readonly parts: vscode.Disposable[] = [];
  readonly services: Services;
  readonly testing: Record<string, unknown> = {};

  constructor(context: vscode.ExtensionContext) {
    const log = this.own(vscode.window.createOutputChannel('Intent Lens', { log: true }));
    const settings = (scope?: vscode.ConfigurationScope) => readSettings(vscode.workspace.getConfiguration(ConfigSection, scope));
    const finder = this.own(new TreeSitterSymbolFinder());
    const symbols = this.own(new EditorSymbols(finder, log));
    const sessions = this.own(new SessionManager(settings, symbols, log));
    const locks = this.own(new LockStates(sessions, finder, log, this.own(new TreeSitterSymbolFinder({ windowMinLength: 0 }))));
    this.services = { context, sessions, symbols, finder, log, settings, locks };

    const features: Feature[] = [
      registerEditorFeatures(this.services), registerViews(this.services), registerReview(this.services),
      registerAgentFeatures(this.services), registerLock(this.services),
    ];
    const handlers: Record<string, (...args: any[]) => unknown> = {};
    for (const feature of features) {
      this.own(feature.disposable);
      Object.assign(handlers, feature.commands ?? {});
      Object.assign(this.testing, feature.testing ?? {});
    }
    this.own(registerCommands({ log, services: this.services, handlers }));
    void this.updateContext();
    this.own(sessions.onDidChange(() => void this.updateContext()));
    log.info('Intent Lens activated');
  }

  private async updateContext(): Promise<void> {
    const hasManifest = this.services.sessions.all().some((s) => s.graph.manifests.length > 0);
    await vscode.commands.executeCommand('setContext', ContextKey.hasManifest, hasManifest);
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
  readonly services: Services;
  /** Resolves when every folder's index is built and no rescan is pending. */
  settled(): Promise<void>;
  /** Tree providers and other internals the integration tests read. */
  readonly testing: Record<string, unknown>;
}

export function activate(context: vscode.ExtensionContext): IntentLensApi {
  const root = new ExtensionRoot(context);
  context.subscriptions.push(root);
  return {
    activated: true,
    services: root.services,
    settled: () => root.services.sessions.settled(),
    testing: root.testing,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
