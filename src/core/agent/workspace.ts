// The one seam between the agent tools and the rest of the code: what a tool may ask of a workspace. The CLI's
// MCP server and the editor's language-model tools each implement it over today's APIs, so the tools can move
// to the unified code model later by changing the implementations, not the tools.
import type { TagLocation } from '../index/workspaceIndex';
import type { CodeModel } from '../model/codeModel';
import type { Review } from '../review/review';
import type { IntentGraph, SymbolNode } from '../types';

/** What the tools read of the index: which files are listed (tags and links come from the model). */
export interface AgentIndex {
  files(): readonly string[];
  has(file: string): boolean;
}

export type { TagLocation };

export interface ChangeReview {
  readonly review: Review;
  readonly base: { readonly ref: string; readonly sha: string };
}

/** How a link stands against `intent.lock` (IL040–IL042). */
export interface SuspectLink {
  readonly code: string;
  readonly file: string;
  /** 0-based. */
  readonly line: number;
  readonly message: string;
}

export interface AgentWorkspace {
  readonly graph: IntentGraph;
  readonly index: AgentIndex;
  /** The folder's code model (the shared one: effective intent, linked code, tags by ID) for this snapshot. */
  readonly model: CodeModel;
  /** The text of a root-relative file, or undefined when it is gone or unreadable. */
  read(file: string): Promise<string | undefined>;
  /** Declarations of a file (undefined when its language is unsupported). */
  symbols(file: string, text: string, lines: readonly number[]): Promise<readonly SymbolNode[] | undefined>;
  /** The review of the working tree against `base` (or the default base); throws AgentToolError on git failure. */
  review(base: string | undefined): Promise<ChangeReview>;
  /** The item's suspect and unreviewed links; undefined when no `intent.lock` exists. */
  suspectLinks?(id: string): Promise<readonly SuspectLink[] | undefined>;
}

/** A bad argument or an unanswerable question: becomes a tool error (never a crash), with this message. */
export class AgentToolError extends Error {}
