// Watches the folders that hold indexed files, one non-recursive fs.watch each (Node 20's recursive watch on
// Linux walks the whole tree synchronously, 15 s on a 92k-file repository, ignored folders included). Bounded:
// past MAX_FOLDERS the rest is not watched and the owner is told once. Folders created later are added.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

const MAX_FOLDERS = 10_000;
/** Folders added per event-loop turn, so a large start never blocks answering. */
const CHUNK = 500;

export interface FolderWatcherEvents {
  /** A root-relative path changed, appeared or disappeared (`deleted` when it no longer exists). */
  changed(path: string, deleted: boolean): void;
  /** Watching stopped or is partial: one line for the log. */
  problem(message: string): void;
}

function ignored(rel: string): boolean {
  return rel.split('/').some((s) => s === '.git' || s === 'node_modules');
}

export class FolderWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private capped = false;
  private disposed = false;

  constructor(
    private readonly root: string,
    private readonly events: FolderWatcherEvents,
  ) {}

  /** Starts watching `folders` (root-relative, '' for the root) a chunk at a time; resolves when all are added. */
  async watchAll(folders: Iterable<string>): Promise<void> {
    const list = [...new Set(['', ...folders])];
    for (let i = 0; i < list.length && !this.disposed; i += CHUNK) {
      for (const folder of list.slice(i, i + CHUNK)) this.watch(folder);
      await new Promise((r) => setImmediate(r));
    }
  }

  get size(): number {
    return this.watchers.size;
  }

  private watch(folder: string): void {
    if (this.disposed || this.watchers.has(folder) || ignored(folder)) return;
    if (this.watchers.size >= MAX_FOLDERS) {
      if (!this.capped) this.events.problem(`watching the first ${MAX_FOLDERS} folders only; changes in the others are seen after a restart`);
      this.capped = true;
      return;
    }
    const abs = nodePath.join(this.root, folder);
    try {
      const watcher = fs.watch(abs, { persistent: true }, (_event, name) => name && this.onEvent(folder, String(name)));
      watcher.on('error', (error) => {
        this.watchers.get(folder)?.close();
        this.watchers.delete(folder);
        // The folder itself went away: its files are reported by the parent's event.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.events.problem(`stopped watching ${folder || '.'}: ${error.message}`);
      });
      this.watchers.set(folder, watcher);
    } catch (error) {
      // Gone between listing and watching (ENOENT) is normal churn; anything else is worth a line.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.events.problem(`cannot watch ${folder || '.'}: ${(error as Error).message}`);
    }
  }

  private onEvent(folder: string, name: string): void {
    const rel = folder ? `${folder}/${name}` : name;
    if (ignored(rel)) return;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(nodePath.join(this.root, rel));
    } catch {
      stat = undefined; // deleted: reported as such below
    }
    if (stat?.isDirectory()) {
      this.addTree(rel);
      return;
    }
    if (!stat) {
      // A deleted folder: forget its watcher and report it (the index drops files under it).
      const w = this.watchers.get(rel);
      if (w) {
        w.close();
        this.watchers.delete(rel);
      }
    }
    this.events.changed(rel, stat === undefined);
  }

  /** A new folder: watch it and what is already in it (a `mkdir -p` plus files lands before we look). */
  private addTree(rel: string): void {
    const stack = [rel];
    while (stack.length && !this.disposed && this.watchers.size < MAX_FOLDERS) {
      const folder = stack.pop()!;
      if (this.watchers.has(folder) || ignored(folder)) continue;
      this.watch(folder);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(nodePath.join(this.root, folder), { withFileTypes: true });
      } catch {
        continue; // removed again already
      }
      for (const e of entries) {
        const child = `${folder}/${e.name}`;
        if (e.isDirectory()) stack.push(child);
        else if (e.isFile()) this.events.changed(child, false);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
