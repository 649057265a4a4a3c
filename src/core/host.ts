// The narrow interface through which the core reaches files: VS Code, Node and tests each implement it.
import type { ListingProblem } from './findings/notEvaluated';

export interface ListOptions {
  /** Extra glob-style excludes from the caller (settings, CLI flags), root-relative. */
  readonly exclude?: readonly string[];
}

export interface WorkspaceHost {
  /**
   * Root-relative paths (forward slashes) of the workspace's files, with the host's ignore rules applied
   * (.gitignore at every level, .git/info/exclude, caller excludes). Never yields paths outside the root.
   */
  listFiles(options?: ListOptions): AsyncIterable<string>;
  /** The bytes of a root-relative file, or undefined when it is gone or unreadable. Open buffers win. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Size in bytes without reading, when the host knows it cheaply. */
  size?(path: string): Promise<number | undefined>;
  /** Parts of the last listing that could not be evaluated (unreadable folders, ignore files past a limit). */
  listingProblems?(): readonly ListingProblem[];
}

export interface Disposable {
  dispose(): void;
}
