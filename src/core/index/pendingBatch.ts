// Collects file events into a pending set and flushes them once after a quiet period, so a burst of 10,000
// events costs one rescan of exactly those files. Pure: the timer is injected (tests drive it by hand).
import type { Disposable } from '../host';

export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface FileBatch {
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
}

export interface PendingBatchOptions {
  /** Quiet period after the last event before flushing (default 150 ms). */
  readonly delayMs?: number;
  /** Flush at the latest this long after the first pending event, even during a steady stream (default 2 s). */
  readonly maxDelayMs?: number;
  readonly timer?: Timer;
}

const realTimer: Timer = {
  set: (cb, ms) => setTimeout(cb, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class PendingBatch implements Disposable {
  private changedSet = new Set<string>();
  private deletedSet = new Set<string>();
  private debounce: unknown;
  private maxWait: unknown;
  private running: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly delay: number;
  private readonly maxDelay: number;
  private readonly timer: Timer;

  /** @param flush receives each batch; flushes never overlap (the next waits for the previous). */
  constructor(private readonly flush: (batch: FileBatch) => Promise<void> | void, options: PendingBatchOptions = {}) {
    this.delay = options.delayMs ?? 150;
    this.maxDelay = options.maxDelayMs ?? 2000;
    this.timer = options.timer ?? realTimer;
  }

  /** Number of distinct files waiting. */
  get size(): number {
    return this.changedSet.size + this.deletedSet.size;
  }

  /** A file was created or changed. */
  changed(file: string): void {
    if (this.disposed) return;
    this.deletedSet.delete(file);
    this.changedSet.add(file);
    this.schedule();
  }

  /** A file was deleted. */
  deleted(file: string): void {
    if (this.disposed) return;
    this.changedSet.delete(file);
    this.deletedSet.add(file);
    this.schedule();
  }

  private schedule(): void {
    // Debounce on the quiet period, but a steady stream still flushes after maxDelay.
    if (this.debounce !== undefined) this.timer.clear(this.debounce);
    this.debounce = this.timer.set(() => {
      this.debounce = undefined;
      void this.flushNow();
    }, this.delay);
    this.maxWait ??= this.timer.set(() => {
      this.maxWait = undefined;
      void this.flushNow();
    }, this.maxDelay);
  }

  private clearTimers(): void {
    if (this.debounce !== undefined) this.timer.clear(this.debounce);
    if (this.maxWait !== undefined) this.timer.clear(this.maxWait);
    this.debounce = undefined;
    this.maxWait = undefined;
  }

  /** Flush what is pending now (e.g. before a query that must be fresh). Resolves when the flush is done. */
  flushNow(): Promise<void> {
    this.clearTimers();
    if (this.size === 0) return this.running;
    const batch: FileBatch = { changed: [...this.changedSet], deleted: [...this.deletedSet] };
    this.changedSet = new Set();
    this.deletedSet = new Set();
    const run = this.running.then(async () => {
      try {
        await this.flush(batch);
      } catch {
        // the consumer reports its own errors; the batcher keeps going
      }
    });
    this.running = run;
    return run;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimers();
    this.changedSet.clear();
    this.deletedSet.clear();
  }
}
