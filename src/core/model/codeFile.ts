// The one rule for which listed files count as code: linked-code lists, coverage, the report, the review's
// "changed file with no intent", the trees and the code model's entries all ask this function.
import { basename } from '../paths';
import { languageForPath } from '../tags/languages';

export const MANIFEST_NAME = 'intent.yaml';

/** Manifests are YAML whose comments explain the tag syntax: never code, never scanned as code. */
export function isManifestPath(path: string): boolean {
  return basename(path) === MANIFEST_NAME;
}

/** Legal and history files, whatever their extension (`LICENSE`, `LICENSE.md`, `CHANGELOG.md`, `NOTICE.txt`…). */
const PROSE_NAME = /^(?:licen[cs]e|copying|notice|changelog|changes|history|authors|contributors)(?:[.-].*)?$/i;

/** Dependency lockfiles: generated, never linked to intent. */
const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'cargo.lock', 'gemfile.lock',
  'poetry.lock', 'pipfile.lock', 'composer.lock', 'go.sum', 'packages.lock.json', 'flake.lock', 'uv.lock',
]);

/** Images that have a comment syntax (SVG is XML) and generated test fixtures (Jest snapshots, `.shot` files). */
const GENERATED_OR_IMAGE = /\.(?:svg|shot|snap)$/i;

/**
 * True when `path` is code: a file type the tag scanner reads (so images, binaries, JSON data and files without
 * a known extension are not), and none of a manifest, a legal/history file, a lockfile, an SVG image or a
 * generated fixture (`.shot`, `.snap`, anything under `__snapshots__/`). Anything else a repository wants left
 * out goes in `intentLens.index.exclude` / `--exclude`.
 */
export function isCodeFile(path: string): boolean {
  if (languageForPath(path) === undefined) return false;
  const name = basename(path);
  if (name === MANIFEST_NAME || PROSE_NAME.test(name) || LOCKFILES.has(name.toLowerCase()) || GENERATED_OR_IMAGE.test(name)) return false;
  return !(path.startsWith('__snapshots__/') || path.includes('/__snapshots__/'));
}

const codeFilesCache = new WeakMap<readonly string[], readonly string[]>();

/**
 * The code files among a listing, in its order. Memoised on the listing array: the index keeps the same array
 * while only file contents change, so per-edit work (glob matching on big trees) is not redone.
 */
export function codeFilesOf(files: readonly string[]): readonly string[] {
  let hit = codeFilesCache.get(files);
  if (!hit) codeFilesCache.set(files, (hit = files.filter(isCodeFile)));
  return hit;
}
