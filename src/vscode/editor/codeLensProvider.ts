// One aggregated CodeLens per symbol that has intent, plus one at the top of a file with file intent
// (@intent-file, scopes) or, failing that, the constraints that bind it. Titles, not the IDs the tag above
// already shows. `intentLens.codeLens.density`: full, compact, or one lens per file. Refreshes on the
// session's change event.
import * as vscode from 'vscode';
import type { IntentLink } from '../../core/analysis/effectiveIntent';
import { lensTitle } from '../../core/editor/lensTitle';
import { isManifestPath } from '../../core/project';
import { bindTags } from '../../core/model/binding';
import type { SymbolNode } from '../../core/types';
import { CommandId, ConfigSection } from '../ids';
import type { Services } from '../services';
import { lensMark } from '../lock/lockMarks';
import { locate, scanOf } from './locate';
import { lensWords } from './words';
import { pushAll } from '../../core/arrays';

/** Lines of the tags behind a lens's links (the suspect-link mark is matched by them). */
function tagLines(links: readonly IntentLink[]): number[] {
  return links.flatMap((l) => (l.via.kind === 'tag' ? [l.via.line] : []));
}

export class IntentCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: Services) {
    this.subscriptions = [
      services.sessions.onDidChange(() => this.emitter.fire()),
      services.symbols.onDidRefine(() => this.emitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${ConfigSection}.codeLens`)) this.emitter.fire();
      }),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const where = locate(this.services, document.uri);
    const settings = this.services.settings(document.uri);
    if (!where || isManifestPath(where.path) || !settings['codeLens.enabled']) return [];
    const density = settings['codeLens.density'];
    const { session, path } = where;
    const model = session.model;
    const graph = model.graph;
    const scan = scanOf(where, document);
    const words = lensWords();
    const lenses: vscode.CodeLens[] = [];

    // File intent: file tags, scopes and the constraints that apply to the file.
    const fromModel = model.pathIntent(path).links.filter((l) => l.via.kind !== 'derived');
    /** File-tag links, later tags first, built reversed (no unshift of a spread: a line may hold many IDs). */
    const fileTagLinks: IntentLink[] = [];
    const bySymbol = new Map<SymbolNode, IntentLink[]>();
    if (scan && scan.tags.length > 0) {
      // The model's binding for workspace files; another version of the file (diff editor) is bound on its own.
      const doc = { text: document.getText(), symbols: await this.services.symbols.symbols(document, path) };
      const bound = where.virtual ? bindTags(scan, doc) : await model.bindings(path, doc);
      for (const { tag, target } of bound) {
        const links = tag.ids.map((ref) => ({
          id: ref.id,
          item: graph.items.get(ref.id),
          via: { kind: 'tag' as const, line: tag.range.start.line, here: true },
          debt: tag.kind === 'debt',
        }));
        if (target.kind === 'file') {
          for (let k = links.length - 1; k >= 0; k--) fileTagLinks.push(links[k]);
          continue;
        }
        const symbol = target.path[target.path.length - 1];
        const list = bySymbol.get(symbol) ?? [];
        pushAll(list, links);
        bySymbol.set(symbol, list);
      }
    }
    const fileLinks = fileTagLinks.reverse().concat(fromModel);
    if (density === 'file') {
      // One lens per file: the symbols' links merged into the file's.
      const all = [...fileLinks, ...[...bySymbol.values()].flat()];
      const title = lensTitle(all, graph, words, 'compact');
      if (title) lenses.push(this.lens(0, title + lensMark(this.services, session, path, tagLines(all)), all, session.folder.uri));
      return lenses;
    }
    const lensDensity = density === 'compact' ? 'compact' : 'full';
    // A file bound only by constraints gets a lens too (`⚠ <constraint title>`).
    if (fileLinks.length > 0) {
      const title = lensTitle(fileLinks, graph, words, lensDensity);
      if (title) lenses.push(this.lens(0, title + lensMark(this.services, session, path, tagLines(fileLinks)), fileLinks, session.folder.uri));
    }
    for (const [symbol, links] of bySymbol) {
      const title = lensTitle(links, graph, words, lensDensity);
      if (title) lenses.push(this.lens(symbol.range.start.line, title + lensMark(this.services, session, path, tagLines(links)), links, session.folder.uri));
    }
    return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
  }

  private lens(line: number, title: string, links: readonly IntentLink[], folder: vscode.Uri): vscode.CodeLens {
    const ids = [...new Set(links.map((l) => l.id))];
    return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
      title,
      tooltip: vscode.l10n.t('Show in intent.yaml'),
      command: CommandId.revealItem,
      arguments: [{ ids, folder: folder.toString() }],
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}
