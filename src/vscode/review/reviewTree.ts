// The Review view's tree: the change grouped objective → KR → problem → changed symbols, then No intent,
// Constraints touched and Links (added, removed, broken). A read-only view of the last computed review.
// A changed symbol or file opens the diff against the base; nodes have stable ids and the shared cap.
import * as vscode from 'vscode';
import { krProgress } from '../../core/manifest/progress';
import type { ChangeUnit, IntentGroup, LinkChange, Review, ReviewFile } from '../../core/review/review';
import { suspectGroup, type SuspectNode } from '../lock/reviewNodes';
import type { SuspectSummary } from '../../core/lock/summary';
import { MAX_CHILDREN } from '../views/tree';
import { baseUri } from './baseContent';

/** One folder's review as the tree shows it. */
export interface FolderReview {
  readonly folder: vscode.WorkspaceFolder;
  /** Opens a root-relative file of the folder. */
  readonly uri: (path: string) => vscode.Uri;
  readonly review?: Review;
  readonly baseLabel?: string;
  readonly error?: string;
  /** How the repository was found: VS Code's git extension, or git run directly (extension missing or disabled). */
  readonly repository?: 'git extension' | 'git';
  /** Links to re-confirm (intent.lock), when the folder has a lock. */
  readonly suspects?: SuspectSummary;
  /** The base commit and where the folder sits in its repository (for the diff editor). */
  readonly base?: { readonly top: string; readonly sha: string; readonly prefix: string };
  /** Ready, no change (clean), or why there is no review (no git, no base, an error). */
  readonly state?: 'ready' | 'clean' | 'noGit' | 'noBase' | 'error';
}

export type ReviewNode =
  | { readonly kind: 'folder'; readonly folder: FolderReview }
  | { readonly kind: 'group'; readonly folder: FolderReview; readonly group: IntentGroup }
  | { readonly kind: 'unit'; readonly folder: FolderReview; readonly unit: ChangeUnit }
  | { readonly kind: 'noIntent'; readonly folder: FolderReview; readonly files: readonly ReviewFile[] }
  | { readonly kind: 'file'; readonly folder: FolderReview; readonly file: ReviewFile }
  | { readonly kind: 'constraints'; readonly folder: FolderReview; readonly review: Review }
  | { readonly kind: 'constraint'; readonly folder: FolderReview; readonly touch: Review['constraints'][number] }
  | { readonly kind: 'links'; readonly folder: FolderReview; readonly review: Review }
  | { readonly kind: 'linkSet'; readonly folder: FolderReview; readonly which: 'added' | 'removed' | 'broken'; readonly links: readonly LinkChange[] }
  | { readonly kind: 'link'; readonly folder: FolderReview; readonly which: 'added' | 'removed' | 'broken'; readonly link: LinkChange }
  | { readonly kind: 'suspect'; readonly node: SuspectNode }
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'more'; readonly id: string; readonly rest: readonly ReviewNode[] };

/** A stable id per node (expansion survives recomputes): the folder, then the node's own key. */
export function idOf(node: ReviewNode): string {
  const f = 'folder' in node ? node.folder.folder.uri.toString() : '';
  switch (node.kind) {
    case 'folder': return f;
    case 'group': return `${f}/g:${node.group.item.id}`;
    case 'unit': return `${f}/u:${node.unit.side}:${node.unit.file}:${node.unit.symbols.join('.')}:${node.unit.line}`;
    case 'noIntent': return `${f}/noIntent`;
    case 'file': return `${f}/f:${node.file.path}`;
    case 'constraints': return `${f}/constraints`;
    case 'constraint': return `${f}/c:${node.touch.id}`;
    case 'links': return `${f}/links`;
    case 'linkSet': return `${f}/links/${node.which}`;
    case 'link': return `${f}/links/${node.which}/${node.link.id}:${node.link.file}:${node.link.line}`;
    case 'message': return `message:${node.text}`;
    case 'more': return node.id;
    case 'suspect': return `suspect:${typeof node.node.item.label === 'string' ? node.node.item.label : (node.node.item.label?.label ?? '')}`;
  }
}

const GROUP_ICON = { objective: 'target', keyResult: 'graph-line', problem: 'person' } as const;

/** Opens the diff of `file` against the review's base, at `line` (a file added since opens as all new). */
export function diffCommand(folder: FolderReview, file: ReviewFile | undefined, path: string, line: number): vscode.Command {
  if (!folder.base || !file || file.status === 'deleted') return openCommand(folder, path, line);
  const head = folder.uri(path);
  const repoPath = [folder.base.prefix, file.oldPath ?? path].filter(Boolean).join('/');
  const left = baseUri(head, { top: folder.base.top, sha: folder.base.sha, path: repoPath });
  const position = new vscode.Position(line, 0);
  return {
    command: 'vscode.diff',
    title: vscode.l10n.t('Open Changes'),
    arguments: [left, head, vscode.l10n.t('{0} (base ↔ working tree)', path.slice(path.lastIndexOf('/') + 1)), { selection: new vscode.Range(position, position), preview: true }],
  };
}

function fileOf(folder: FolderReview, path: string): ReviewFile | undefined {
  return folder.review?.files.find((f) => f.path === path);
}

function openCommand(folder: FolderReview, file: string, line: number): vscode.Command {
  const position = new vscode.Position(line, 0);
  return {
    command: 'vscode.open',
    title: vscode.l10n.t('Open'),
    arguments: [folder.uri(file), { selection: new vscode.Range(position, position), preview: true }],
  };
}

export class ReviewTreeProvider implements vscode.TreeDataProvider<ReviewNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ReviewNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private folders: readonly FolderReview[] = [];
  private pending: string | undefined;

  /** Replaces the shown reviews (one per folder). */
  set(folders: readonly FolderReview[]): void {
    this.folders = folders;
    this.pending = undefined;
    this.emitter.fire(undefined);
  }

  /** Shows a one-line state (computing, no repository) until the next set(). */
  setMessage(text: string | undefined): void {
    this.pending = text;
    this.emitter.fire(undefined);
  }

  current(): readonly FolderReview[] {
    return this.folders;
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    const list = this.children(node);
    // The shared cap: no level over MAX_CHILDREN rows (a huge change stays browsable page by page).
    return list.length > MAX_CHILDREN ? [...list.slice(0, MAX_CHILDREN), { kind: 'more', rest: list.slice(MAX_CHILDREN), id: `${node ? idOf(node) : 'root'}/…more` }] : list;
  }

  private children(node?: ReviewNode): ReviewNode[] {
    if (!node) {
      if (this.pending !== undefined && this.folders.length === 0) return [{ kind: 'message', text: this.pending }];
      if (this.folders.length === 1) return this.folderChildren(this.folders[0]);
      return this.folders.map((folder) => ({ kind: 'folder', folder }));
    }
    const folder = 'folder' in node ? node.folder : undefined;
    switch (node.kind) {
      case 'folder':
        return this.folderChildren(node.folder);
      case 'group':
        return [
          ...node.group.units.map((unit): ReviewNode => ({ kind: 'unit', folder: folder!, unit })),
          ...node.group.children.map((group): ReviewNode => ({ kind: 'group', folder: folder!, group })),
        ];
      case 'noIntent':
        return node.files.map((file): ReviewNode => ({ kind: 'file', folder: folder!, file }));
      case 'constraints':
        return node.review.constraints.map((touch): ReviewNode => ({ kind: 'constraint', folder: folder!, touch }));
      case 'constraint':
        return node.touch.units.map((unit): ReviewNode => ({ kind: 'unit', folder: folder!, unit }));
      case 'links': {
        const { added, removed, broken } = node.review.links;
        return (['added', 'removed', 'broken'] as const)
          .map((which) => ({ which, links: { added, removed, broken }[which] }))
          .filter((s) => s.links.length > 0)
          .map((s): ReviewNode => ({ kind: 'linkSet', folder: folder!, which: s.which, links: s.links }));
      }
      case 'linkSet':
        return node.links.map((link): ReviewNode => ({ kind: 'link', folder: folder!, which: node.which, link }));
      case 'suspect':
        return node.node.children.map((child): ReviewNode => ({ kind: 'suspect', node: child }));
      case 'more':
        return [...node.rest];
      default:
        return [];
    }
  }

  private folderChildren(folder: FolderReview): ReviewNode[] {
    if (folder.error) return [{ kind: 'message', text: folder.error }];
    const review = folder.review;
    if (!review) return [];
    const suspects = suspectGroup(folder.suspects, folder.uri);
    const tail: ReviewNode[] = suspects ? [{ kind: 'suspect', node: suspects }] : [];
    if (review.files.length === 0) return [{ kind: 'message', text: vscode.l10n.t('No change against {0}.', folder.baseLabel ?? '') }, ...tail];
    const out: ReviewNode[] = review.groups.map((group) => ({ kind: 'group', folder, group }));
    if (review.noIntent.length) out.push({ kind: 'noIntent', folder, files: review.noIntent });
    if (review.constraints.length) out.push({ kind: 'constraints', folder, review });
    const { added, removed, broken } = review.links;
    if (added.length + removed.length + broken.length) out.push({ kind: 'links', folder, review });
    return [...out, ...tail];
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    const item = this.treeItem(node);
    // Units, groups (a problem under two KRs) and links can repeat under several parents: VS Code keys those
    // by position; every other node keeps its id across recomputes, so its expansion survives.
    if (!['unit', 'group', 'link', 'message', 'suspect'].includes(node.kind)) item.id = idOf(node);
    return item;
  }

  private treeItem(node: ReviewNode): vscode.TreeItem {
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    const None = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'suspect':
        return node.node.item;
      case 'message': {
        const item = new vscode.TreeItem(node.text, None);
        item.contextValue = 'message';
        return item;
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.folder.folder.name, Expanded);
        item.description = node.folder.baseLabel;
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.contextValue = 'folder';
        return item;
      }
      case 'group': {
        const g = node.group.item;
        const item = new vscode.TreeItem(g.title, Expanded);
        item.description = g.kind === 'keyResult' ? `${g.id} · ${krProgress(g).label}` : g.id;
        item.tooltip = new vscode.MarkdownString().appendText(`${g.id}\n${g.title}${g.status ? ` (${g.status})` : ''}`);
        item.iconPath = new vscode.ThemeIcon(GROUP_ICON[g.kind]);
        item.contextValue = g.kind;
        return item;
      }
      case 'unit': {
        const u = node.unit;
        const name = u.symbols.length ? u.symbols.join(' › ') : u.file.slice(u.file.lastIndexOf('/') + 1);
        const item = new vscode.TreeItem(name, None);
        item.description = `${u.file}:${u.line + 1}${u.side === 'base' ? ` · ${vscode.l10n.t('removed')}` : ''}`;
        item.iconPath = new vscode.ThemeIcon(u.symbols.length ? 'symbol-method' : 'file');
        item.resourceUri = node.folder.uri(u.file);
        if (u.side === 'head') item.command = diffCommand(node.folder, fileOf(node.folder, u.file), u.file, u.line);
        item.contextValue = u.side === 'head' ? 'change' : 'removedChange';
        return item;
      }
      case 'noIntent': {
        const item = new vscode.TreeItem(vscode.l10n.t('No intent'), Expanded);
        item.description = vscode.l10n.t('{0} file(s)', node.files.length);
        item.iconPath = new vscode.ThemeIcon('question');
        item.contextValue = 'noIntent';
        return item;
      }
      case 'file': {
        const f = node.file;
        const item = new vscode.TreeItem(f.path.slice(f.path.lastIndexOf('/') + 1), None);
        item.description = `${f.path} · ${f.status}`;
        item.resourceUri = node.folder.uri(f.path);
        if (f.status !== 'deleted') item.command = diffCommand(node.folder, f, f.path, f.firstLine);
        item.contextValue = 'changedFile';
        return item;
      }
      case 'constraints': {
        const item = new vscode.TreeItem(vscode.l10n.t('Constraints touched'), Collapsed);
        item.description = String(node.review.constraints.length);
        item.iconPath = new vscode.ThemeIcon('shield');
        item.contextValue = 'constraints';
        return item;
      }
      case 'constraint': {
        const item = new vscode.TreeItem(node.touch.item.title, Collapsed);
        item.description = node.touch.id;
        item.iconPath = new vscode.ThemeIcon('lock');
        item.contextValue = 'constraint';
        return item;
      }
      case 'links': {
        const { added, removed, broken } = node.review.links;
        const item = new vscode.TreeItem(vscode.l10n.t('Links'), Collapsed);
        item.description = `+${added.length} −${removed.length}` + (broken.length ? ` · ${vscode.l10n.t('{0} broken', broken.length)}` : '');
        item.iconPath = new vscode.ThemeIcon('link');
        item.contextValue = 'links';
        return item;
      }
      case 'linkSet': {
        const label = { added: vscode.l10n.t('Added'), removed: vscode.l10n.t('Removed'), broken: vscode.l10n.t('Broken') }[node.which];
        const item = new vscode.TreeItem(label, Expanded);
        item.description = String(node.links.length);
        item.iconPath = new vscode.ThemeIcon({ added: 'add', removed: 'remove', broken: 'warning' }[node.which]);
        item.contextValue = `links.${node.which}`;
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('{0} more…', node.rest.length), Collapsed);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'more';
        return item;
      }
      case 'link': {
        const l = node.link;
        const item = new vscode.TreeItem(l.id, None);
        item.description = `${l.file}:${l.line + 1}${l.title ? ` · ${l.title}` : ''}`;
        if (l.reason) item.tooltip = l.reason === 'unknown' ? vscode.l10n.t('No item has this ID any more.') : vscode.l10n.t('The item is retired.');
        if (node.which !== 'removed') item.command = openCommand(node.folder, l.file, l.line);
        item.contextValue = `link.${node.which}`;
        return item;
      }
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
