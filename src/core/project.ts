// One workspace root, loaded: its manifests merged into a graph, its code indexed, and the findings of both.
// The CLI builds one per run; the editor keeps one per root folder and replaces its graph on manifest edits.
import { codeFindings, sortFindings, type IndexView } from './analysis/codeFindings';
import type { WorkspaceHost } from './host';
import { WorkspaceIndex, type WorkspaceIndexOptions } from './index/workspaceIndex';
import { buildGraph } from './manifest/buildGraph';
import { parseManifest } from './manifest/parseManifest';
import { basename } from './paths';
import type { Finding, IntentGraph } from './types';

export const MANIFEST_NAME = 'intent.yaml';

export function isManifestPath(path: string): boolean {
  return basename(path) === MANIFEST_NAME;
}

const decoder = new TextDecoder('utf-8');

/**
 * Reads every manifest among `files` and merges them; unreadable manifests are left out.
 * With `lastGood` (the editor's), a manifest that no longer parses keeps its last good text for the graph, so
 * its items keep working, while the syntax error (IL001) is reported on the text as it is now.
 */
export async function loadGraph(host: WorkspaceHost, files: readonly string[], lastGood?: Map<string, string>): Promise<IntentGraph> {
  const manifests: { path: string; text: string }[] = [];
  const syntaxErrors: Finding[] = [];
  for (const path of files.filter(isManifestPath).sort()) {
    const bytes = await host.read(path);
    if (bytes === undefined) {
      lastGood?.delete(path);
      continue;
    }
    const text = decoder.decode(bytes);
    if (!lastGood) {
      manifests.push({ path, text });
      continue;
    }
    const broken = parseManifest(text, path).findings.filter((f) => f.code === 'IL001' && f.severity === 'error');
    const good = lastGood.get(path);
    if (broken.length > 0 && good !== undefined) {
      manifests.push({ path, text: good });
      syntaxErrors.push(...broken);
    } else {
      if (broken.length === 0) lastGood.set(path, text);
      manifests.push({ path, text });
    }
  }
  const graph = buildGraph(manifests);
  return syntaxErrors.length ? { ...graph, findings: [...graph.findings, ...syntaxErrors] } : graph;
}

/** Adapts the index to the narrow view the analysis reads. */
export function indexView(index: WorkspaceIndex): IndexView {
  return {
    files: () => index.files(),
    // Manifests are YAML whose comments often explain the tag syntax: they are not code to scan.
    entries: () => [...index.allEntries()].filter(([file]) => !isManifestPath(file)),
  };
}

export class IntentProject {
  private constructor(
    readonly host: WorkspaceHost,
    readonly index: WorkspaceIndex,
    private currentGraph: IntentGraph,
  ) {}

  static async open(host: WorkspaceHost, options?: WorkspaceIndexOptions): Promise<IntentProject> {
    const index = new WorkspaceIndex(host, options);
    await index.build();
    const graph = await loadGraph(host, index.files());
    return new IntentProject(host, index, graph);
  }

  get graph(): IntentGraph {
    return this.currentGraph;
  }

  /** Re-reads the manifests (after a manifest changed). */
  async reloadGraph(): Promise<IntentGraph> {
    this.currentGraph = await loadGraph(this.host, this.index.files());
    return this.currentGraph;
  }

  /** Every finding of the root, manifest and code, in a stable order. */
  findings(): Finding[] {
    return sortFindings([...this.currentGraph.findings, ...codeFindings(this.currentGraph, indexView(this.index))]);
  }
}
