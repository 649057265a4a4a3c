// One workspace root, loaded: its manifests merged into a graph, its code indexed, and the findings of both.
// The CLI builds one per run; the editor keeps one per root folder and replaces its graph on manifest edits.
import { sortFindings } from './analysis/codeFindings';
import { notEvaluatedFinding, unreadableFile, unreadableManifest } from './findings/notEvaluated';
import type { WorkspaceHost } from './host';
import { WorkspaceIndex, type WorkspaceIndexOptions } from './index/workspaceIndex';
import { buildGraph } from './manifest/buildGraph';
import { parseManifest } from './manifest/parseManifest';
import { hostDocuments } from './model/binding';
import { isManifestPath, MANIFEST_NAME } from './model/codeFile';
import { CodeModel } from './model/codeModel';
import type { SymbolFinder } from './symbols/symbolFinder';
import type { Finding, IntentGraph } from './types';
import { pushAll } from './arrays';

export { MANIFEST_NAME, isManifestPath } from './model/codeFile';

const decoder = new TextDecoder('utf-8');

/**
 * Reads every manifest among `files` and merges them; an unreadable manifest is left out and reported (IL009).
 * With `lastGood` (the editor's), a manifest that no longer parses keeps its last good text for the graph, so
 * its items keep working, while the syntax error (IL001) is reported on the text as it is now.
 */
export async function loadGraph(host: WorkspaceHost, files: readonly string[], lastGood?: Map<string, string>): Promise<IntentGraph> {
  const manifests: { path: string; text: string }[] = [];
  /** Findings on the text as it is now: syntax errors hidden by a last good text, unreadable manifests. */
  const syntaxErrors: Finding[] = [];
  for (const path of files.filter(isManifestPath).sort()) {
    const bytes = await host.read(path);
    if (bytes === undefined) {
      lastGood?.delete(path);
      syntaxErrors.push(notEvaluatedFinding(unreadableManifest(path)));
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
      pushAll(syntaxErrors, broken);
    } else {
      if (broken.length === 0) lastGood.set(path, text);
      manifests.push({ path, text });
    }
  }
  const graph = buildGraph(manifests);
  return syntaxErrors.length ? { ...graph, findings: [...graph.findings, ...syntaxErrors] } : graph;
}

export interface ProjectOptions extends WorkspaceIndexOptions {
  /** Finds declarations for binding tags (the CLI's tree-sitter); without it every tag binds to its file. */
  readonly finder?: SymbolFinder;
}

/** One folder loaded once (the CLI, the tests): its index, graph and the code model every command reads. */
export class IntentProject {
  private currentModel: CodeModel;
  private modelGeneration: number;

  private constructor(
    readonly host: WorkspaceHost,
    readonly index: WorkspaceIndex,
    graph: IntentGraph,
    private readonly finder: SymbolFinder | undefined,
  ) {
    this.currentModel = this.modelFor(graph);
    this.modelGeneration = index.generation;
  }

  static async open(host: WorkspaceHost, options: ProjectOptions = {}): Promise<IntentProject> {
    const { finder, ...indexOptions } = options;
    const index = new WorkspaceIndex(host, indexOptions);
    await index.build();
    const graph = await loadGraph(host, index.filesNamed(MANIFEST_NAME));
    return new IntentProject(host, index, graph, finder);
  }

  get graph(): IntentGraph {
    return this.currentModel.graph;
  }

  /** The code model of the folder: rebuilt as a whole when the index changed since it was built. */
  get model(): CodeModel {
    if (this.modelGeneration !== this.index.generation) {
      this.currentModel = this.modelFor(this.currentModel.graph, this.currentModel);
      this.modelGeneration = this.index.generation;
    }
    return this.currentModel;
  }

  /** Re-reads the manifests (after a manifest changed) and rebuilds the model. */
  async reloadGraph(): Promise<IntentGraph> {
    this.currentModel = this.modelFor(await loadGraph(this.host, this.index.filesNamed(MANIFEST_NAME)), this.currentModel);
    this.modelGeneration = this.index.generation;
    return this.graph;
  }

  /** Every finding of the root, manifest and code, plus the parts that could not be listed or read, in a stable order. */
  findings(): Finding[] {
    const listing = (this.host.listingProblems?.() ?? []).map(notEvaluatedFinding);
    for (const file of this.index.filesSkippedAs('unreadable')) {
      if (!isManifestPath(file)) listing.push(notEvaluatedFinding(unreadableFile(file)));
    }
    return listing.length ? sortFindings([...this.model.findings(), ...listing]) : [...this.model.findings()];
  }

  private modelFor(graph: IntentGraph, previous?: CodeModel): CodeModel {
    return new CodeModel(graph, this.index, { documents: hostDocuments(this.host, this.finder), bindingCache: previous?.bindingCache });
  }
}
