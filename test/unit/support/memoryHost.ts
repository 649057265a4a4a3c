// An in-memory WorkspaceHost for unit tests: a record of root-relative path → text.
import type { WorkspaceHost } from '../../../src/core/host';

export class MemoryHost implements WorkspaceHost {
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  async *listFiles(): AsyncIterable<string> {
    for (const path of [...this.files.keys()].sort()) yield path;
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    return this.files.get(path);
  }

  async size(path: string): Promise<number | undefined> {
    return this.files.get(path)?.length;
  }
}
