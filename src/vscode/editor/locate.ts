// Shared lookups of the editor providers: which session and path a document belongs to, the ID under the
// cursor (a tag in code, a declaration or reference in a manifest) and manifest texts (open buffers win).
import * as vscode from 'vscode';
import { manifestIdAt } from '../../core/editor/idOccurrences';
import { parseManifest, type ParsedManifest } from '../../core/manifest/parseManifest';
import { isManifestPath } from '../../core/project';
import { scanTags } from '../../core/tags/tagScanner';
import type { Range, Tag, TagRef, TagScan } from '../../core/types';
import type { Services } from '../services';
import type { FolderSession } from '../session';

export interface Located {
  readonly session: FolderSession;
  readonly path: string;
  /** True for a read-only view of another version of the file (a `git:` document in a diff editor). */
  readonly virtual?: boolean;
}

/**
 * Schemes of read-only file versions shown in diff editors; their path is the working-tree file's path
 * (`intent-lens-base`: the Review view's base versions, src/vscode/review/baseContent.ts).
 */
export const VERSION_SCHEMES = ['git', 'intent-lens-base'] as const;

export function locate(services: Services, uri: vscode.Uri): Located | undefined {
  if ((VERSION_SCHEMES as readonly string[]).includes(uri.scheme)) {
    for (const session of services.sessions.all()) {
      const path = session.relativePath(session.folder.uri.with({ path: uri.path }));
      if (path !== undefined) return { session, path, virtual: true };
    }
    return undefined;
  }
  const session = services.sessions.forUri(uri);
  const path = session?.relativePath(uri);
  return session && path !== undefined ? { session, path } : undefined;
}

const virtualScans = new WeakMap<vscode.TextDocument, { version: number; scan: TagScan }>();

/** The tags of a document: the index's for workspace files, the document's own for other versions. */
export function scanOf(where: Located, document: vscode.TextDocument): TagScan | undefined {
  if (!where.virtual) return where.session.scan(where.path);
  const hit = virtualScans.get(document);
  if (hit && hit.version === document.version) return hit.scan;
  const scan = scanTags(document.getText(), where.path);
  virtualScans.set(document, { version: document.version, scan });
  return scan;
}

export interface IdAt extends Located {
  readonly id: string;
  readonly range: Range;
  /** `tag`: in a code comment; `declaration`/`reference`: in a manifest. */
  readonly kind: 'tag' | 'declaration' | 'reference';
  readonly tag?: Tag;
  readonly ref?: TagRef;
}

const parsedCache = new WeakMap<vscode.TextDocument, { version: number; parsed: ParsedManifest | undefined }>();

/** A manifest document parsed once per version (for ranges; the graph stays the session's). */
export function parsedManifest(document: vscode.TextDocument, path: string): ParsedManifest | undefined {
  const hit = parsedCache.get(document);
  if (hit && hit.version === document.version) return hit.parsed;
  const parsed = parseManifest(document.getText(), path).manifest;
  parsedCache.set(document, { version: document.version, parsed });
  return parsed;
}

function contains(range: Range, position: vscode.Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

/** The intent ID at a position, from the index (code) or the document's own parse (manifests). */
export function idAt(services: Services, document: vscode.TextDocument, position: vscode.Position): IdAt | undefined {
  const where = locate(services, document.uri);
  if (!where) return undefined;
  if (isManifestPath(where.path)) {
    const hit = manifestIdAt(where.path, document.getText(), position.line, position.character, parsedManifest(document, where.path));
    return hit && { ...where, ...hit };
  }
  const scan = scanOf(where, document);
  for (const tag of scan?.tags ?? []) {
    if (position.line < tag.range.start.line || position.line > tag.range.end.line) continue;
    for (const ref of tag.ids) {
      if (contains(ref.range, position)) return { ...where, id: ref.id, range: ref.range, kind: 'tag', tag, ref };
    }
  }
  return undefined;
}

/** Manifest texts of a session: open (possibly unsaved) documents first, else the file on disk. */
export async function manifestTexts(session: FolderSession): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const info of session.graph.manifests) {
    const uri = session.uri(info.path);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      out.push({ path: info.path, text: open.getText() });
      continue;
    }
    const bytes = await session.host.read(info.path);
    if (bytes) out.push({ path: info.path, text: new TextDecoder().decode(bytes) });
  }
  return out;
}

/** The root manifest of a session (`intent.yaml` at the folder root), else its first manifest. */
export function rootManifest(session: FolderSession): string | undefined {
  const paths = session.graph.manifests.map((m) => m.path);
  return paths.find((p) => p === 'intent.yaml') ?? paths[0];
}
