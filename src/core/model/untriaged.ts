// The one rule for untriaged markers: a TODO/FIXME/HACK comment is triaged when any tag (@intent,
// @intent-file or @debt) sits on its line, the line above or the line below it — a TODO right above
// `@debt … -- …` has been triaged into that tag. The Tech Debt view, the report and the CLI read this list.
import type { Marker, TagScan } from '../types';

export interface UntriagedMarker {
  readonly file: string;
  readonly marker: Marker;
}

/** The markers no tag covers, by file path then position. */
export function untriagedMarkers(entries: ReadonlyMap<string, TagScan>): UntriagedMarker[] {
  const out: UntriagedMarker[] = [];
  for (const file of [...entries.keys()].sort()) {
    const entry = entries.get(file)!;
    if (entry.markers.length === 0) continue;
    const tagLines = new Set(entry.tags.map((t) => t.range.start.line));
    for (const marker of entry.markers) {
      const line = marker.range.start.line;
      if (tagLines.has(line) || tagLines.has(line - 1) || tagLines.has(line + 1)) continue;
      out.push({ file, marker });
    }
  }
  return out;
}
