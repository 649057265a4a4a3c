// Owns one FolderSession per workspace folder and routes edits, opened documents and setting changes to
// the right one; settings that change the index re-index each folder once per burst of events.
import * as vscode from 'vscode';
import { ConfigSection } from './ids';
import { FolderSession, watched, type SessionChange, type SessionHooks } from './session';
import { LISTING_SETTINGS, SETTING_EFFECTS, type SettingKey, type Settings } from './settings';
import type { EditorSymbols } from './symbols';

/** Setting sections whose change may need a new index (checked per folder by applySettings). */
const REBUILD_SETTINGS: readonly string[] = [
  ...(Object.keys(SETTING_EFFECTS) as SettingKey[]).filter((k) => SETTING_EFFECTS[k] === 'rebuild').map((k) => `${ConfigSection}.${k}`),
  ...LISTING_SETTINGS,
];

/** Owns one FolderSession per workspace folder and routes edits and setting changes to the right one. */
export class SessionManager implements vscode.Disposable {
  private readonly sessions = new Map<string, FolderSession>();
  /** One file watcher per folder, disposed when the folder leaves the workspace. */
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<SessionChange>();
  /** One event per batch of any folder. */
  readonly onDidChange = this.emitter.event;
  /** Test-only: applied to the sessions opened from now on. */
  readonly hooks: SessionHooks = {};
  private settingsTimer: ReturnType<typeof setTimeout> | undefined;
  private listingSettingChanged = false;

  constructor(
    private readonly settings: (scope?: vscode.ConfigurationScope) => Settings,
    private readonly symbols: EditorSymbols,
    private readonly log: vscode.LogOutputChannel,
    private readonly settingsDebounceMs = 300,
  ) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.open(folder);
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.route(e.document.uri);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.route(d.uri, false)),
      // Closing an unsaved buffer reverts to disk: rescan it.
      vscode.workspace.onDidCloseTextDocument((d) => this.route(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) this.close(f);
        for (const f of e.added) this.open(f);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfiguration(e)),
    );
  }

  /** Settings apply live: a burst of setting events becomes one rebuild per folder whose index options changed. */
  private onConfiguration(e: vscode.ConfigurationChangeEvent): void {
    const relevant = REBUILD_SETTINGS.some((s) => e.affectsConfiguration(s));
    if (!relevant) return;
    if (LISTING_SETTINGS.some((s) => e.affectsConfiguration(s))) this.listingSettingChanged = true;
    if (this.settingsTimer) clearTimeout(this.settingsTimer);
    this.settingsTimer = setTimeout(() => {
      this.settingsTimer = undefined;
      const listing = this.listingSettingChanged;
      this.listingSettingChanged = false;
      for (const session of this.sessions.values()) {
        if (session.applySettings(this.settings(session.folder.uri), listing)) this.log.info(`${session.folder.name}: index settings changed, re-indexing`);
      }
    }, this.settingsDebounceMs);
  }

  private open(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    if (!this.watchers.has(key)) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
      this.watchers.set(key, vscode.Disposable.from(
        watcher,
        watcher.onDidCreate((uri) => this.onFile(uri, false)),
        watcher.onDidChange((uri) => this.onFile(uri, false)),
        watcher.onDidDelete((uri) => this.onFile(uri, true)),
      ));
    }
    const session = new FolderSession(folder, this.symbols, this.settings(folder.uri), this.log, { ...this.hooks });
    this.sessions.set(folder.uri.toString(), session);
    session.onDidChange((e) => this.emitter.fire(e));
  }

  /** A file created, changed or deleted on disk: queued in the session of its (innermost) folder. */
  private onFile(uri: vscode.Uri, deleted: boolean): void {
    const session = this.forUri(uri);
    const path = session?.relativePath(uri);
    if (session && path !== undefined && watched(path)) session.enqueue([path], deleted);
  }

  private close(folder: vscode.WorkspaceFolder, keepWatcher = false): void {
    const key = folder.uri.toString();
    if (!keepWatcher) {
      this.watchers.get(key)?.dispose();
      this.watchers.delete(key);
    }
    this.sessions.get(key)?.dispose();
    this.sessions.delete(key);
  }

  /** An edited, opened or closed document: shown at once before the index exists, rescanned with the next batch. */
  private route(uri: vscode.Uri, rescan = true): void {
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return;
    const session = this.forUri(uri);
    const path = session?.relativePath(uri);
    if (session && path !== undefined && watched(path)) {
      session.documentChanged(path);
      if (rescan) session.enqueue([path]);
    }
  }

  /** Close and reopen every folder's session (a first index build again; the integration suite's hook). */
  reopen(): void {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      this.close(folder, true);
      this.open(folder);
    }
    for (const session of this.all()) this.emitter.fire({ session, files: [], graphChanged: true });
  }

  all(): FolderSession[] {
    return [...this.sessions.values()];
  }

  forUri(uri: vscode.Uri): FolderSession | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.sessions.get(folder.uri.toString()) : undefined;
  }

  async settled(): Promise<void> {
    await Promise.all(this.all().map((s) => s.settled()));
  }

  dispose(): void {
    if (this.settingsTimer) clearTimeout(this.settingsTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const s of this.sessions.values()) s.dispose();
    for (const w of this.watchers.values()) w.dispose();
    this.sessions.clear();
    this.watchers.clear();
    this.emitter.dispose();
  }
}
