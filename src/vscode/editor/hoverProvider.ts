// Hovers on IDs in code tags and in manifests: the full item (see core/editor/hoverMarkdown) and, in code,
// how the item links to that place. Rendered as untrusted Markdown: no HTML, no command links.
import * as vscode from 'vscode';
import { effectiveIntent, provenanceMessage } from '../../core/analysis/effectiveIntent';
import { itemHoverMarkdown } from '../../core/editor/hoverMarkdown';
import { bindTags } from '../../core/model/binding';
import { localize } from '../l10n';
import { hoverSection } from '../lock/lockMarks';
import type { Services } from '../services';
import { toVscodeRange } from '../symbols';
import { idAt, scanOf, type IdAt } from './locate';
import { hoverLabels } from './words';

/** Untrusted Markdown: manifest text is escaped by the composer; no HTML, commands or theme icons. */
export function untrustedMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

export class IntentHoverProvider implements vscode.HoverProvider {
  constructor(private readonly services: Services) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const at = idAt(this.services, document, position);
    if (!at) return undefined;
    const graph = at.session.graph;
    let provenance: string[] = [];
    if (at.kind === 'tag' && at.tag) {
      // How the item links to what the tag describes: the line of the symbol it binds to, else the whole file.
      const doc = { text: document.getText(), symbols: await this.services.symbols.symbols(document, at.path) };
      const bound = (at.virtual ? bindTags({ tags: [at.tag], malformed: [], markers: [] }, doc) : await at.session.model.bindings(at.path, doc))
        .find((b) => b.tag === at.tag)?.target;
      const line = bound?.kind === 'symbol' ? bound.path[bound.path.length - 1].selectionRange.start.line : undefined;
      const intent = at.virtual ? await this.virtualIntent(at, document, line) : await at.session.effectiveAt(document, line);
      provenance = [...new Set((intent?.links ?? []).filter((l) => l.id === at.id).map((l) => localize(provenanceMessage(l.via), '')))];
    }
    const lock = at.kind === 'tag' && !at.virtual ? hoverSection(this.services, at.session, at.path, at.range) : '';
    const markdown = itemHoverMarkdown(at.id, graph.items.get(at.id), graph, provenance, hoverLabels()) + lock;
    return new vscode.Hover(untrustedMarkdown(markdown), toVscodeRange(at.range));
  }

  /** Effective intent in another version of a file (diff editor): its own tags and symbols, today's graph. */
  private async virtualIntent(at: IdAt, document: vscode.TextDocument, line: number | undefined) {
    const symbols = await this.services.symbols.symbols(document, at.path);
    return effectiveIntent({ graph: at.session.graph, file: at.path, line, scan: scanOf(at, document), symbols, text: document.getText() });
  }
}
