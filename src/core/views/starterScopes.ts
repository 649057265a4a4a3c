// Scopes a new intent.yaml can suggest for this repository: its packages (npm/pnpm/yarn workspaces, Cargo
// workspace members, Go modules) and its top-level `src` folders. Offered as commented lines in the starter:
// suggestions, never links the user did not make. Bounded: a few small files read, at most MAX_SUGGESTIONS.

export interface ScopeSuggestion {
  /** A folder glob relative to the workspace root, e.g. `packages/api/**`. */
  readonly glob: string;
  /** Where it comes from: `npm workspace`, `Cargo workspace`, `Go module`, `src folder`. */
  readonly source: 'npm workspace' | 'pnpm workspace' | 'Cargo workspace' | 'Go module' | 'src folder';
}

export const MAX_SUGGESTIONS = 12;

/** The files whose text suggestScopes reads (when they exist among `files`). */
export const SCOPE_SOURCES = ['package.json', 'pnpm-workspace.yaml', 'Cargo.toml'] as const;

/** `packages/*` against a folder path; `*` is one segment, `**` any number. */
function folderMatches(pattern: string, folder: string): boolean {
  const p = pattern.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
  const f = folder.split('/');
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === f.length;
    if (p[i] === '**') return match(i + 1, j) || (j < f.length && match(i, j + 1));
    if (j === f.length) return false;
    const re = new RegExp(`^${p[i].replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    return re.test(f[j]) && match(i + 1, j + 1);
  };
  return p.length <= 8 && match(0, 0);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Folders among `files` that hold `marker` (e.g. package.json) and match one of `patterns`. */
function memberFolders(files: readonly string[], marker: string, patterns: readonly string[]): string[] {
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const out = new Set<string>();
  for (const file of files) {
    if (!file.endsWith(`/${marker}`) || file.includes('node_modules/')) continue;
    const dir = dirOf(file);
    if (include.some((p) => folderMatches(p, dir)) && !exclude.some((p) => folderMatches(p, dir))) out.add(dir);
  }
  return [...out].sort();
}

function npmPatterns(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const json: unknown = JSON.parse(text);
    const ws = (json as { workspaces?: unknown }).workspaces;
    const list = Array.isArray(ws) ? ws : Array.isArray((ws as { packages?: unknown })?.packages) ? (ws as { packages: unknown[] }).packages : [];
    return list.filter((p): p is string => typeof p === 'string').slice(0, 50);
  } catch {
    return []; // not JSON: no workspaces to suggest (the starter is only a suggestion)
  }
}

function pnpmPatterns(text: string | undefined): string[] {
  if (!text) return [];
  const block = /^packages\s*:\s*\n((?:[ \t]+-.*\n?|[ \t]*#.*\n?|[ \t]*\n)*)/m.exec(text);
  if (!block) return [];
  return [...block[1].matchAll(/^[ \t]+-[ \t]*['"]?([^'"\n#]+?)['"]?[ \t]*(?:#.*)?$/gm)].map((m) => m[1]).slice(0, 50);
}

function cargoPatterns(text: string | undefined): string[] {
  if (!text) return [];
  const ws = /^\[workspace\][^[]*?members\s*=\s*\[([^\]]*)\]/ms.exec(text);
  if (!ws) return [];
  return [...ws[1].matchAll(/["']([^"']+)["']/g)].map((m) => m[1]).slice(0, 50);
}

export interface ScopeInput {
  /** Root-relative paths of the repository's package.json, Cargo.toml and go.mod files (any depth). */
  readonly files: readonly string[];
  /** The contents of the SCOPE_SOURCES files at the root that exist. */
  readonly texts: ReadonlyMap<string, string>;
  /** The folders directly under a top-level `src/`; undefined when there is no `src/`. */
  readonly srcFolders?: readonly string[];
}

/** Scope suggestions for a repository: its packages, else the folders of its top-level `src/`. */
export function suggestScopes({ files, texts, srcFolders }: ScopeInput): ScopeSuggestion[] {
  const out: ScopeSuggestion[] = [];
  const seen = new Set<string>();
  const add = (folder: string, source: ScopeSuggestion['source']) => {
    if (!folder || seen.has(folder) || out.length >= MAX_SUGGESTIONS) return;
    seen.add(folder);
    out.push({ glob: `${folder}/**`, source });
  };
  for (const dir of memberFolders(files, 'package.json', npmPatterns(texts.get('package.json')))) add(dir, 'npm workspace');
  for (const dir of memberFolders(files, 'package.json', pnpmPatterns(texts.get('pnpm-workspace.yaml')))) add(dir, 'pnpm workspace');
  for (const dir of memberFolders(files, 'Cargo.toml', cargoPatterns(texts.get('Cargo.toml')))) add(dir, 'Cargo workspace');
  for (const file of [...files].sort()) {
    if (file.endsWith('/go.mod') && !file.includes('vendor/')) add(dirOf(file), 'Go module');
  }
  if (out.length === 0 && srcFolders) {
    const list = [...srcFolders].filter((f) => /^[^*?[\]{}!"#]+$/.test(f)).sort();
    if (list.length) for (const sub of list) add(`src/${sub}`, 'src folder');
    else add('src', 'src folder');
  }
  return out;
}
