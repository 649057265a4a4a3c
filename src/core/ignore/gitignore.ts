// Compiles .gitignore files into matchers with git's semantics, so walkers test a path only against the rule
// sets on its ancestor chain. Untrusted input: no RegExp is ever built from a rule (a linear wildmatch instead),
// rules are indexed by literal name, suffix and leading folders, and an ignore file past a limit is reported.
import { message, type Message } from '../l10n';
import { compileWildmatch, firstLiteral, literalSegment, matchParts, starSuffix, wildmatch, type CompiledGlob } from './wildmatch';

/** An ignore file larger than this (in bytes) is not evaluated: git's own cap is 100 MB, ours is lower. */
export const MAX_IGNORE_FILE_BYTES = 1 << 20;

/** Why an ignore file over MAX_IGNORE_FILE_BYTES is not used. */
export function ignoreFileTooLarge(): Message {
  return message('the ignore file is over the limit of {0} bytes', MAX_IGNORE_FILE_BYTES);
}
/**
 * Wildcard rules one path may have to be tried against, per ignore file: rules that are not a plain name, path or
 * `*suffix` are filed by their first literal character or leading folders, and no such group may be larger.
 */
export const MAX_IGNORE_WILDCARD_RULES = 10_000;

export interface IgnoreRule {
  /** The pattern as written, after trimming (for messages and debugging). */
  readonly source: string;
  /** 0-based line of the rule in its file. */
  readonly line: number;
  readonly negated: boolean;
  /** Trailing `/`: matches directories only. */
  readonly dirOnly: boolean;
  /** No `/` except a trailing one: matched against the basename at any depth. */
  readonly basenameOnly: boolean;
  /** The compiled glob, or undefined when the glob can never match. */
  readonly glob: CompiledGlob | undefined;
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
export function parseIgnoreLine(raw: string, lineNumber = 0): IgnoreRule | undefined {
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
  return { source: raw, line: lineNumber, negated, dirOnly, basenameOnly, glob: compileWildmatch(line), literal };
}

/** Where an ignore file reaches a limit: the 0-based line and a sentence naming the limit. */
export interface IgnoreLimit {
  readonly line: number;
  readonly reason: Message;
}

export interface ParsedIgnore {
  readonly rules: IgnoreRule[];
  /** Set when the file is past a limit: it must not be used (the caller reports it, never a silent skip). */
  readonly limit?: IgnoreLimit;
}

/**
 * The group a wildcard rule is tried in (`b:` + first literal character for basename rules, `p:` + leading literal
 * folders for path rules), or undefined for a rule answered by a lookup (plain name, plain path, `*suffix`).
 */
function scanGroup(r: IgnoreRule): string | undefined {
  if (r.glob === undefined || r.literal !== undefined) return undefined;
  if (r.basenameOnly) return starSuffix(r.glob) !== undefined ? undefined : `b:${firstLiteral(r.glob) ?? ''}`;
  return `p:${leadingFolders(r.glob).join('/')}`;
}

/** Parse an ignore file's text and check it against the limits (size, wildcard rules). */
export function parseIgnoreFile(text: string, checkLimits = true): ParsedIgnore {
  // A UTF-8 file has at least as many bytes as its text has UTF-16 units.
  if (checkLimits && text.length > MAX_IGNORE_FILE_BYTES) return { rules: [], limit: { line: 0, reason: ignoreFileTooLarge() } };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rules: IgnoreRule[] = [];
  const groups = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const rule = parseIgnoreLine(lines[i], i);
    if (!rule) continue;
    const group = scanGroup(rule);
    if (group !== undefined) {
      const n = (groups.get(group) ?? 0) + 1;
      groups.set(group, n);
      if (checkLimits && n > MAX_IGNORE_WILDCARD_RULES) {
        return { rules: [], limit: { line: i, reason: message('more than {0} similar wildcard rules in one ignore file (the limit)', MAX_IGNORE_WILDCARD_RULES) } };
      }
    }
    rules.push(rule);
  }
  return { rules };
}

/**
 * Every rule of a text the caller vouches for (its own excludes, or an ignore file parseIgnoreFile already
 * accepted): no limit applies. Repository files go through parseIgnoreFile.
 */
export function parseGitignore(text: string): IgnoreRule[] {
  return parseIgnoreFile(text, false).rules;
}

type Verdict = 'ignored' | 'included' | undefined;

/** Rules by index, newest last; `scan` lists are searched from the end so the first hit is the last rule. */
interface CompiledSet {
  /** Literal basename → index of the last rule with that name. */
  readonly names: Map<string, number>;
  /** `*suffix` basename rules: suffix length → suffix → index of the last rule. */
  readonly suffixes: Map<number, Map<string, number>>;
  /** Other basename rules by their first literal code unit ('' for those starting with a wildcard). */
  readonly basenameScan: Map<string, number[]>;
  /** Literal root-relative paths → index of the last rule. */
  readonly paths: Map<string, number>;
  /** Other path rules in a trie of their leading literal folders (the root holds those starting with a wildcard). */
  readonly pathScan: PathNode;
  /** Highest index of a rule in pathScan (-1 when empty): skips the walk when a later rule already decided. */
  pathMax: number;
  /** By rule index, for path rules: a folder or file name the path must hold as a whole part to match. */
  readonly needles: (PartNeedle | undefined)[];
}

/** One literal segment of a path rule, in the forms a path holding it as a whole part shows it. */
interface PartNeedle {
  readonly exact: string;
  readonly head: string;
  readonly tail: string;
  readonly mid: string;
}

/** The rule's longest literal segment, as a needle; undefined when every segment has a wildcard. */
function needleOf(glob: CompiledGlob): PartNeedle | undefined {
  let best: string | undefined;
  for (const seg of glob.segments) {
    const lit = literalSegment(seg);
    if (lit !== undefined && lit !== '' && (best === undefined || lit.length > best.length)) best = lit;
  }
  return best === undefined ? undefined : { exact: best, head: best + '/', tail: '/' + best, mid: '/' + best + '/' };
}

/** True when `rel` has the needle's name as one of its `/`-separated parts (a test with no allocation). */
function holdsPart(rel: string, n: PartNeedle): boolean {
  return rel.includes(n.mid) || rel.startsWith(n.head) || rel.endsWith(n.tail) || rel === n.exact;
}

interface PathNode {
  readonly children: Map<string, PathNode>;
  // Rules without a globstar, by the number of path parts they match: "/a/*/build/" only ever matches 3.
  readonly byParts: Map<string, number[]>;
  /** Rules with a `**`. */
  readonly rules: number[];
}

function pathNode(): PathNode {
  return { children: new Map(), byParts: new Map(), rules: [] };
}

function leadingFolders(glob: CompiledGlob): string[] {
  const out: string[] = [];
  for (let i = 0; i < glob.segments.length - 1; i++) {
    const lit = literalSegment(glob.segments[i]);
    if (lit === undefined) break;
    out.push(lit);
  }
  return out;
}

function pushTo(map: Map<string, number[]>, key: string, idx: number): void {
  const list = map.get(key);
  if (list) list.push(idx);
  else map.set(key, [idx]);
}

function compileSet(rules: readonly IgnoreRule[], forDirs: boolean): CompiledSet {
  const set: CompiledSet = { names: new Map(), suffixes: new Map(), basenameScan: new Map(), paths: new Map(), pathScan: pathNode(), pathMax: -1, needles: [] };
  rules.forEach((r, idx) => {
    if ((r.dirOnly && !forDirs) || r.glob === undefined) return;
    if (r.basenameOnly) {
      const suffix = r.literal === undefined ? starSuffix(r.glob) : undefined;
      if (r.literal !== undefined) set.names.set(r.literal, idx);
      else if (suffix !== undefined) {
        let bySuffix = set.suffixes.get(suffix.length);
        if (!bySuffix) set.suffixes.set(suffix.length, (bySuffix = new Map()));
        bySuffix.set(suffix, idx);
      } else pushTo(set.basenameScan, firstLiteral(r.glob) ?? '', idx);
    } else if (r.literal !== undefined) {
      set.paths.set(r.literal, idx);
    } else {
      let node = set.pathScan;
      for (const folder of leadingFolders(r.glob)) {
        let child = node.children.get(folder);
        if (!child) node.children.set(folder, (child = pathNode()));
        node = child;
      }
      if (r.glob.maxParts === Infinity) node.rules.push(idx);
      else pushTo(node.byParts, String(r.glob.maxParts), idx);
      set.needles[idx] = needleOf(r.glob);
      set.pathMax = idx;
    }
  });
  return set;
}

/** The last rule of `list` (ascending indices) above `best` whose glob matches `subject`, else `best`. */
function lastMatch(rules: readonly IgnoreRule[], list: readonly number[] | undefined, best: number, subject: string): number {
  if (!list) return best;
  for (let k = list.length - 1; k >= 0 && list[k] > best; k--) {
    if (wildmatch(rules[list[k]].glob!, subject)) return list[k];
  }
  return best;
}

/**
 * lastMatch for path rules: a rule whose literal part the path does not hold is passed over on the string, and
 * the path is split (once, by `parts`) only for a rule still in the running.
 */
function lastPathMatch(set: CompiledSet, rules: readonly IgnoreRule[], list: readonly number[] | undefined, best: number, rel: string, parts: PathParts): number {
  if (!list) return best;
  for (let k = list.length - 1; k >= 0 && list[k] > best; k--) {
    const idx = list[k];
    const needle = set.needles[idx];
    if (needle !== undefined && !holdsPart(rel, needle)) continue;
    if (matchParts(rules[idx].glob!, parts.of(rel))) return idx;
  }
  return best;
}

/** The last path split, kept: one IgnoreFile tries many rules on one path. */
class PathParts {
  private rel: string | undefined;
  private parts: string[] = [];

  of(rel: string): string[] {
    if (rel !== this.rel) {
      this.rel = rel;
      this.parts = rel.split('/');
    }
    return this.parts;
  }
}

/** The rules of one ignore file, anchored at a root-relative folder. */
export class IgnoreFile {
  readonly rules: readonly IgnoreRule[];
  private files: CompiledSet | undefined;
  private dirs: CompiledSet | undefined;
  private readonly parts = new PathParts();

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
    const rules = this.rules;
    let best = Math.max(set.names.get(name) ?? -1, set.paths.get(rel) ?? -1);
    for (const [len, bySuffix] of set.suffixes) {
      if (len <= name.length) best = Math.max(best, bySuffix.get(name.slice(name.length - len)) ?? -1);
    }
    best = lastMatch(rules, set.basenameScan.get(name[0]), best, name);
    best = lastMatch(rules, set.basenameScan.get(''), best, name);
    if (set.pathMax > best) {
      // The trie of leading folders, walked on the string: a part is cut out only to step to a child.
      let count = 1;
      for (let at = rel.indexOf('/'); at >= 0; at = rel.indexOf('/', at + 1)) count++;
      const length = String(count);
      let node: PathNode | undefined = set.pathScan;
      for (let d = 0, from = 0; node && d < count; d++) {
        best = lastPathMatch(set, rules, node.rules, best, rel, this.parts);
        if (node.byParts.size > 0) best = lastPathMatch(set, rules, node.byParts.get(length), best, rel, this.parts);
        if (node.children.size === 0) break;
        const slash = rel.indexOf('/', from);
        node = node.children.get(slash < 0 ? rel.slice(from) : rel.slice(from, slash));
        from = slash + 1;
      }
    }
    if (best < 0) return undefined;
    return rules[best].negated ? 'included' : 'ignored';
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
