// What the extension's parts share: the sessions (index + graph per folder), symbols, settings, the log.
// Built once in activate(); features receive it explicitly instead of reaching for globals.
import type * as vscode from 'vscode';
import type { TreeSitterSymbolFinder } from '../node/treeSitterSymbols';
import type { LockStates } from './lock/lockState';
import type { SessionManager } from './sessionManager';
import type { Settings } from './settings';
import type { EditorSymbols } from './symbols';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly sessions: SessionManager;
  readonly symbols: EditorSymbols;
  /** The one tree-sitter finder (grammars loaded once): closed files' symbols, the review, the lock, the agent tools. */
  readonly finder: TreeSitterSymbolFinder;
  readonly log: vscode.LogOutputChannel;
  /** Each folder's intent.lock, evaluated (suspect links). */
  readonly locks: LockStates;
  /** Current, validated settings (re-read on every call; cheap). */
  settings(scope?: vscode.ConfigurationScope): Settings;
}

/** A feature area registers its providers, views and commands and returns what the tests may inspect. */
export interface Feature {
  readonly disposable: vscode.Disposable;
  /** Handlers for command ids this feature implements (merged into the one command table). */
  readonly commands?: Partial<Record<string, (...args: any[]) => unknown>>;
  /** Objects exposed on the extension's API for the integration tests (tree providers, …). */
  readonly testing?: Record<string, unknown>;
}
