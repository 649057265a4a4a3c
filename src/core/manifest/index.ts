// The manifest layer's public API: parse and validate intent.yaml, merge manifests into a graph, KR progress.
export { buildGraph } from './buildGraph';
export { manifestJsonSchema } from './jsonSchema';
export { LineIndex } from './lineIndex';
export {
  CONSTRAINT_KINDS, DEBT_COSTS, DEBT_IMPACTS, LIMITS, STATUSES, globProblem, isSafeLinkOrText, manifestSchema,
  type ManifestData,
} from './manifestSchema';
export {
  MAX_MANIFEST_BYTES, parseManifest,
  type ManifestReference, type ParseManifestResult, type ParsedManifest, type ReferenceField, type UnloadedItem,
} from './parseManifest';
export { ID_PATTERN } from './idSyntax';
export { krProgress, progressBar, type KrProgress, type KrProgressState } from './progress';
export { editDistance, suggest } from './suggest';
