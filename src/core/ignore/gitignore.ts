// Compiles .gitignore files into matchers with git's semantics, so walkers test a path only against the rule
// sets on its ancestor chain, with one literal-name lookup and at most two RegExps per ignore file.

export interface IgnoreRule {
  /** The pattern as written, after trimming (for messages and debugging). */
  readonly source: string;
  readonly negated: boolean;
  /** Trailing `/`: matches directories only. */
  readonly dirOnly: boolean;
  /** No `/` except a trailing one: matched against the basename at any depth. */
  readonly basenameOnly: boolean;
  /** Regex source for the glob (without anchors), or undefined when the glob can never match. */
  readonly regex: string | undefined;
  /** The glob itself when it has no wildcard or escape (fast path), else undefined. */
  readonly literal: string | undefined;
}

/** git's trim_trailing_spaces: trailing spaces go unless escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (c === '\\') {
      i++;
      if (i >= line.length) return line;
      lastSpace = -1;
    } else {
      lastSpace = -1;
    }
  }
  return lastSpace >= 0 ? line.slice(0, lastSpace) : line;
}

/** Parse one line into a rule; undefined for blanks and comments. */
export function parseIgnoreLine(raw: string): IgnoreRule | undefined {
  if (raw.endsWith('\r')) raw = raw.slice(0, -1);
  if (raw === '' || raw.startsWith('#')) return undefined;
  let line = trimTrailingSpaces(raw);
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  const basenameOnly = !line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const literal = /[*?[\\]/.test(line) ? undefined : line;
  return { source: raw, negated, dirOnly, basenameOnly, regex: globToRegexSource(line), literal };
}

export function parseGitignore(text: string): IgnoreRule[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rules: IgnoreRule[] = [];
  for (const line of text.split('\n')) {
    const rule = parseIgnoreLine(line);
    if (rule) rules.push(rule);
  }
  return rules;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9',
  graph: '\\x21-\\x7e', lower: 'a-z', print: '\\x20-\\x7e', punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ', upper: 'A-Z', xdigit: '0-9A-Fa-f',
};

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (/[A-Za-z0-9_]/.test(c)) return c;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Translate a wildmatch glob (git's WM_PATHNAME flavour) to a RegExp source without anchors: `*` and `?`
 * never cross `/`, `**` between slashes spans folders, `[...]` classes (with `!`/`^` and POSIX names),
 * `\x` escapes. Returns undefined for a glob that can never match (an unclosed class, a trailing `\`).
 */
export function globToRegexSource(glob: string): string | undefined {
  let out = '';
  const n = glob.length;
  for (let i = 0; i < n; i++) {
    const c = glob[i];
    if (c === '*') {
      let j = i;
      while (j < n && glob[j] === '*') j++;
      const run = j - i;
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = j === n || glob[j] === '/';
      if (run >= 2 && atStart && atEnd) {
        if (j === n) {
          out += '.*';
        } else {
          out += '(?:.*/)?';
          j++; // consume the slash
        }
      } else {
        out += '[^/]*';
      }
      i = j - 1;
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '\\') {
      if (i + 1 >= n) return undefined;
      out += escapeChar(glob[++i]);
    } else if (c === '[') {
      const cls = parseClass(glob, i);
      if (!cls) return undefined;
      out += cls.source;
      i = cls.end;
    } else {
      out += escapeChar(c);
    }
  }
  return out;
}

function parseClass(glob: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < glob.length; i++) {
    let c = glob[i];
    if (c === ']' && !first) {
      return { source: negate ? `[^${body}/]` : `(?!/)[${body}]`, end: i };
    }
    first = false;
    if (c === '[' && glob[i + 1] === ':') {
      const close = glob.indexOf(':]', i + 2);
      if (close < 0) return undefined;
      const name = glob.slice(i + 2, close);
      const cls = POSIX_CLASSES[name];
      if (cls === undefined) return undefined;
      body += cls;
      i = close + 1;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= glob.length) return undefined;
      c = glob[++i];
    }
    if (glob[i + 1] === '-' && i + 2 < glob.length && glob[i + 2] !== ']') {
      let hi = glob[i + 2];
      let skip = 2;
      if (hi === '\\') {
        if (i + 3 >= glob.length) return undefined;
        hi = glob[i + 3];
        skip = 3;
      }
      body += `${escapeChar(c)}-${escapeChar(hi)}`;
      i += skip;
      continue;
    }
    body += escapeChar(c);
  }
  return undefined;
}

type Verdict = 'ignored' | 'included' | undefined;

interface CompiledSet {
  /** Literal basename → index of the last rule with that name. */
  readonly literals: Map<string, number>;
  readonly basenameRe: RegExp | undefined;
  readonly basenameIdx: number[];
  readonly basenameMax: number;
  readonly pathRe: RegExp | undefined;
  readonly pathIdx: number[];
  readonly pathMax: number;
}

function compileSet(rules: readonly IgnoreRule[], forDirs: boolean): CompiledSet {
  const literals = new Map<string, number>();
  const base: { idx: number; re: string }[] = [];
  const path: { idx: number; re: string }[] = [];
  rules.forEach((r, idx) => {
    if (r.dirOnly && !forDirs) return;
    if (r.regex === undefined) return;
    if (r.basenameOnly && r.literal !== undefined) literals.set(r.literal, idx);
    else (r.basenameOnly ? base : path).push({ idx, re: r.regex });
  });
  // Alternatives in reverse rule order: the first alternative that matches is the last matching rule.
  const build = (list: { idx: number; re: string }[]) => {
    if (list.length === 0) return { re: undefined, idx: [] as number[], max: -1 };
    const rev = [...list].reverse();
    return {
      re: new RegExp(`^(?:${rev.map((x) => `(${x.re})`).join('|')})$`, 's'),
      idx: rev.map((x) => x.idx),
      max: rev[0].idx,
    };
  };
  const b = build(base);
  const p = build(path);
  return {
    literals, basenameRe: b.re, basenameIdx: b.idx, basenameMax: b.max,
    pathRe: p.re, pathIdx: p.idx, pathMax: p.max,
  };
}

function whichGroup(m: RegExpExecArray, idx: number[]): number {
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return idx[g - 1];
  return -1;
}

/** The rules of one ignore file, anchored at a root-relative folder. */
export class IgnoreFile {
  readonly rules: readonly IgnoreRule[];
  private files: CompiledSet | undefined;
  private dirs: CompiledSet | undefined;

  /** @param base root-relative folder the patterns are relative to ('' for the root). */
  constructor(readonly base: string, rules: readonly IgnoreRule[] | string) {
    this.rules = typeof rules === 'string' ? parseGitignore(rules) : rules;
  }

  get isEmpty(): boolean {
    return this.rules.length === 0;
  }

  /**
   * The verdict of the last matching rule for `rel` (relative to `base`, no leading slash), or undefined when
   * no rule matches. `name` is the basename of `rel` (passed in to avoid re-slicing in hot loops).
   */
  match(rel: string, name: string, isDir: boolean): Verdict {
    const set = isDir ? (this.dirs ??= compileSet(this.rules, true)) : (this.files ??= compileSet(this.rules, false));
    let best = set.literals.get(name) ?? -1;
    if (set.basenameRe && set.basenameMax > best) {
      const m = set.basenameRe.exec(name);
      if (m) best = Math.max(best, whichGroup(m, set.basenameIdx));
    }
    if (set.pathRe && set.pathMax > best) {
      const m = set.pathRe.exec(rel);
      if (m) best = Math.max(best, whichGroup(m, set.pathIdx));
    }
    if (best < 0) return undefined;
    return this.rules[best].negated ? 'included' : 'ignored';
  }
}

/**
 * git's precedence for one path: caller excludes (highest), then .gitignore files from the deepest folder to
 * the root, then .git/info/exclude. Within one file the last matching rule wins.
 */
export class IgnoreChain {
  /**
   * @param perDir ignore files on the ancestor chain, shallowest first (each `base` an ancestor of the paths)
   * @param highest rule sets that win over every .gitignore (caller excludes), evaluated first
   * @param lowest rule sets consulted when no .gitignore decides (.git/info/exclude)
   */
  constructor(
    readonly perDir: readonly IgnoreFile[],
    readonly highest: readonly IgnoreFile[] = [],
    readonly lowest: readonly IgnoreFile[] = [],
  ) {}

  /** A chain for a sub-folder that holds its own ignore file. */
  withFile(file: IgnoreFile): IgnoreChain {
    return new IgnoreChain([...this.perDir, file], this.highest, this.lowest);
  }

  /** True when the root-relative `path` is ignored (its parent folders are assumed not ignored). */
  ignores(path: string, isDir: boolean): boolean {
    const slash = path.lastIndexOf('/');
    const name = slash < 0 ? path : path.slice(slash + 1);
    const v = decide(this.highest, path, name, isDir)
      ?? decide(this.perDir, path, name, isDir)
      ?? decide(this.lowest, path, name, isDir);
    return v === 'ignored';
  }
}

function decide(files: readonly IgnoreFile[], path: string, name: string, isDir: boolean): Verdict {
  for (let i = files.length - 1; i >= 0; i--) {
    const f = files[i];
    const rel = f.base === '' ? path : path.slice(f.base.length + 1);
    const v = f.match(rel, name, isDir);
    if (v !== undefined) return v;
  }
  return undefined;
}
