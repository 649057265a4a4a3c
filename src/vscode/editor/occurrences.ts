// Every occurrence of an ID in a session: manifest declarations and references (parsed from the current
// texts, unsaved buffers included) and code tags from the index. Shared by find-references and rename.
import { manifestOccurrences, sortOccurrences, type IdOccurrence } from '../../core/editor/idOccurrences';
import { isManifestPath } from '../../core/project';
import type { FolderSession } from '../session';
import { manifestTexts } from './locate';
import { pushAll } from '../../core/arrays';

export async function occurrencesOf(session: FolderSession, id: string): Promise<IdOccurrence[]> {
  const out: IdOccurrence[] = [];
  for (const { path, text } of await manifestTexts(session)) pushAll(out, manifestOccurrences(path, text, id));
  for (const loc of session.index.tagsById(id)) {
    if (!isManifestPath(loc.file)) out.push({ file: loc.file, range: loc.ref.range, kind: 'tag' });
  }
  return sortOccurrences(out);
}
