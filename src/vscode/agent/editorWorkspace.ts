// The agent tools' workspace inside VS Code: a folder session's graph and index (open buffers win), tree-sitter
// symbols (the same answers as `intent-lens mcp`), and reviews through the safe git path — never in Restricted Mode.
import * as vscode from 'vscode';
import type { AgentIndex, AgentWorkspace, ChangeReview } from '../../core/agent/workspace';
import { AgentToolError } from '../../core/agent/workspace';
import { suspectLinksOf } from '../../core/lock/summary';
import type { CodeModel } from '../../core/model/codeModel';
import type { IntentGraph, SymbolNode } from '../../core/types';
import { GitError } from '../../node/git';
import type { TreeSitterSymbolFinder } from '../../node/treeSitterSymbols';
import { reviewWorkingTree } from '../../node/workingTreeReview';
import type { LockStates } from '../lock/lockState';
import type { Settings } from '../settings';
import type { FolderSession } from '../session';

export class EditorAgentWorkspace implements AgentWorkspace {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(
    private readonly session: FolderSession,
    private readonly finder: TreeSitterSymbolFinder,
    private readonly settings: Settings,
    private readonly locks: LockStates,
  ) {}

  /** The item's suspect and unreviewed links from the folder's evaluated intent.lock; undefined without one. */
  async suspectLinks(id: string): Promise<ReturnType<typeof suspectLinksOf> | undefined> {
    const state = this.locks.get(this.session);
    return state ? suspectLinksOf(state.evaluation.statuses, id, this.session.graph) : undefined;
  }

  get graph(): IntentGraph {
    return this.session.graph;
  }

  get index(): AgentIndex {
    return this.session.index;
  }

  get model(): CodeModel {
    return this.session.model;
  }

  async read(file: string): Promise<string | undefined> {
    const bytes = await this.session.host.read(file);
    return bytes ? this.decoder.decode(bytes) : undefined;
  }

  async symbols(file: string, text: string, lines: readonly number[]): Promise<readonly SymbolNode[] | undefined> {
    return this.finder.symbols(text, file, { lines });
  }

  async review(base: string | undefined): Promise<ChangeReview> {
    if (!vscode.workspace.isTrusted) throw new AgentToolError(vscode.l10n.t('Git is not run in Restricted Mode: trust the workspace to check a change.'));
    const folder = this.session.folder.uri;
    if (folder.scheme !== 'file') throw new AgentToolError(vscode.l10n.t('Checking a change needs a folder on disk; {0} is not one.', folder.toString()));
    const head = { graph: this.graph, index: this.session.index, model: this.session.model };
    try {
      const result = await reviewWorkingTree(folder.fsPath, {
        base: base ?? (this.settings['review.base'] || undefined),
        head,
        disk: this.session.host,
        finder: this.finder,
        exclude: this.settings['index.exclude'],
      });
      return { review: result.review, base: { ref: result.base.ref, sha: result.base.sha } };
    } catch (error) {
      if (error instanceof GitError) throw new AgentToolError(error.message);
      throw error;
    }
  }
}
