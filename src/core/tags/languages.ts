// Comment and string syntax per file type, so the tag scanner finds tags only inside real comments.

export interface StringSyntax {
  readonly open: string;
  readonly close: string;
  /** Escape character inside the string; undefined for raw strings. */
  readonly escape?: string;
  /** False: an unterminated string ends at the end of its line. */
  readonly multiline: boolean;
  /** JS template literal: `${` opens code until the matching `}`. */
  readonly interpolation?: boolean;
  /** Opens only after a non-word character (YAML, shell: the apostrophe in `don't` is not a quote). */
  readonly needsBoundary?: boolean;
}

export interface BlockSyntax {
  readonly open: string;
  readonly close: string;
  /**
   * Python docstrings: the block opens only where its line starts with it (after spaces and a string prefix
   * such as `r`); elsewhere (`x = """…`, `f("""…`) the string of the same opener in `strings` applies.
   */
  readonly docstring?: boolean;
}

/** A region inside which another syntax applies, e.g. `<script>` in HTML/Vue/Svelte. */
export interface EmbeddedRegion {
  /** Lower-case tag opener such as `<script`; the region starts after the next `>`. */
  readonly open: string;
  /** Lower-case closer such as `</script`. */
  readonly close: string;
  readonly syntax: LanguageSyntax;
}

export interface LanguageSyntax {
  readonly id: string;
  readonly line: readonly string[];
  readonly block: readonly BlockSyntax[];
  readonly strings: readonly StringSyntax[];
  /** A line comment opens only at the start of a word (shell `${x#y}`, YAML `a#b`). */
  readonly lineCommentNeedsSpace?: boolean;
  /** Rust: raw strings `r#"…"#`, and `'a` lifetimes that are not char literals. */
  readonly rust?: boolean;
  /** `'` opens a char literal only when it looks like one (`'x'`, `'\n'`): Rust, Haskell, Elm. */
  readonly charLiteralHeuristic?: boolean;
  /** Escape character in code (TeX: `\%` is not a comment). */
  readonly codeEscape?: string;
  readonly embedded?: readonly EmbeddedRegion[];
  /**
   * Here-documents (`<<EOF` … `EOF`): their body, from the next line to the delimiter line, is a string.
   * `shell`: `<<[-] WORD`, `'WORD'`, `"WORD"`, `\WORD` (`<<-` allows leading tabs before the delimiter);
   * `ruby` (also Perl): `<<~WORD`, `<<-WORD`, `<<WORD` (capital or `_` first), or quoted (`~`/`-` allow indentation).
   */
  readonly heredoc?: 'shell' | 'ruby';
}

const SQ: StringSyntax = { open: "'", close: "'", escape: '\\', multiline: false };
const DQ: StringSyntax = { open: '"', close: '"', escape: '\\', multiline: false };
const DQ_ML: StringSyntax = { open: '"', close: '"', escape: '\\', multiline: true };
const TRIPLE_DQ_RAW: StringSyntax = { open: '"""', close: '"""', multiline: true };
const TRIPLE_SQ_RAW: StringSyntax = { open: "'''", close: "'''", multiline: true };
const TRIPLE_DQ: StringSyntax = { open: '"""', close: '"""', escape: '\\', multiline: true };
const TRIPLE_SQ: StringSyntax = { open: "'''", close: "'''", escape: '\\', multiline: true };
const TEMPLATE: StringSyntax = { open: '`', close: '`', escape: '\\', multiline: true, interpolation: true };
const SQ_B: StringSyntax = { ...SQ, needsBoundary: true };
const DQ_B: StringSyntax = { ...DQ, needsBoundary: true };
const C_BLOCK: BlockSyntax = { open: '/*', close: '*/' };
const HTML_BLOCK: BlockSyntax = { open: '<!--', close: '-->' };

function lang(id: string, rest: Omit<LanguageSyntax, 'id'>): LanguageSyntax {
  return { id, ...rest };
}

const JS = lang('javascript', { line: ['//'], block: [C_BLOCK], strings: [SQ, DQ, TEMPLATE] });
const CSS = lang('css', { line: [], block: [C_BLOCK], strings: [SQ, DQ] });
const C_LIKE = lang('c', { line: ['//'], block: [C_BLOCK], strings: [SQ, DQ] });
const JAVA = lang('java', { line: ['//'], block: [C_BLOCK], strings: [TRIPLE_DQ_RAW, SQ, DQ] });
const CSHARP = lang('csharp', {
  line: ['//'],
  block: [C_BLOCK],
  strings: [TRIPLE_DQ_RAW, { open: '@"', close: '"', multiline: true }, SQ, DQ],
});
const GO = lang('go', { line: ['//'], block: [C_BLOCK], strings: [{ open: '`', close: '`', multiline: true }, SQ, DQ] });
const RUST = lang('rust', { line: ['//'], block: [C_BLOCK], strings: [DQ_ML], rust: true, charLiteralHeuristic: true });
const SWIFT = lang('swift', { line: ['//'], block: [C_BLOCK], strings: [TRIPLE_DQ_RAW, DQ] });
const KOTLIN = lang('kotlin', { line: ['//'], block: [C_BLOCK], strings: [TRIPLE_DQ_RAW, SQ, DQ] });
const SCALA = lang('scala', { line: ['//'], block: [C_BLOCK], strings: [TRIPLE_DQ_RAW, SQ, DQ] });
const PHP = lang('php', { line: ['//', '#'], block: [C_BLOCK], strings: [SQ, DQ] });
const SCSS = lang('scss', { line: ['//'], block: [C_BLOCK], strings: [SQ, DQ] });
const DART = lang('dart', { line: ['//'], block: [C_BLOCK], strings: [TRIPLE_DQ_RAW, TRIPLE_SQ_RAW, SQ, DQ] });
/** Python: a triple-quoted string that starts its line (a docstring) is a comment region; elsewhere a string. */
const PYTHON = lang('python', {
  line: ['#'],
  block: [{ open: '"""', close: '"""', docstring: true }, { open: "'''", close: "'''", docstring: true }],
  strings: [TRIPLE_DQ, TRIPLE_SQ, SQ, DQ],
});
const RUBY = lang('ruby', { line: ['#'], block: [], strings: [SQ, DQ], heredoc: 'ruby' });
const SHELL = lang('shell', { line: ['#'], block: [], strings: [SQ_B, DQ_B], lineCommentNeedsSpace: true, heredoc: 'shell' });
const YAML = lang('yaml', { line: ['#'], block: [], strings: [SQ_B, DQ_B], lineCommentNeedsSpace: true });
const TOML = lang('toml', { line: ['#'], block: [], strings: [TRIPLE_DQ_RAW, TRIPLE_SQ_RAW, SQ_B, DQ_B] });
const R = lang('r', { line: ['#'], block: [], strings: [SQ, DQ] });
const PERL = lang('perl', { line: ['#'], block: [], strings: [SQ_B, DQ_B], lineCommentNeedsSpace: true, heredoc: 'ruby' });
const POWERSHELL = lang('powershell', { line: ['#'], block: [{ open: '<#', close: '#>' }], strings: [SQ_B, DQ_B] });
const HASH_ONLY = lang('hash', { line: ['#'], block: [], strings: [] });
const MAKE = lang('makefile', { line: ['#'], block: [], strings: [], codeEscape: '\\' });
const DOCKER = lang('dockerfile', { line: ['#'], block: [], strings: [SQ_B, DQ_B], lineCommentNeedsSpace: true, heredoc: 'shell' });
const INI = lang('ini', { line: [';', '#'], block: [], strings: [] });
const SQL = lang('sql', { line: ['--'], block: [C_BLOCK], strings: [{ open: "'", close: "'", multiline: true }, { open: '"', close: '"', multiline: false }] });
const LUA = lang('lua', {
  line: ['--'],
  block: [{ open: '--[[', close: ']]' }],
  strings: [{ open: '[[', close: ']]', multiline: true }, SQ, DQ],
});
const HASKELL = lang('haskell', { line: ['--'], block: [{ open: '{-', close: '-}' }], strings: [DQ], charLiteralHeuristic: true });
const LISP = lang('lisp', { line: [';'], block: [{ open: '#|', close: '|#' }], strings: [DQ_ML] });
const CLOJURE = lang('clojure', { line: [';'], block: [], strings: [DQ_ML] });
const ASM = lang('asm', { line: [';'], block: [], strings: [SQ, DQ] });
const TEX = lang('tex', { line: ['%'], block: [], strings: [], codeEscape: '\\' });
const ERLANG = lang('erlang', { line: ['%'], block: [], strings: [DQ], charLiteralHeuristic: true });
const MARKDOWN = lang('markdown', {
  line: [],
  block: [HTML_BLOCK],
  // Code fences and inline code are examples, not tags.
  strings: [{ open: '```', close: '```', multiline: true }, { open: '~~~', close: '~~~', multiline: true }, { open: '`', close: '`', multiline: false }],
});
const XML = lang('xml', { line: [], block: [HTML_BLOCK], strings: [] });
const HTML = lang('html', {
  line: [],
  block: [HTML_BLOCK],
  strings: [],
  embedded: [
    { open: '<script', close: '</script', syntax: JS },
    { open: '<style', close: '</style', syntax: SCSS },
  ],
});

const BY_EXTENSION: Record<string, LanguageSyntax> = {
  ts: JS, tsx: JS, mts: JS, cts: JS, js: JS, jsx: JS, mjs: JS, cjs: JS,
  java: JAVA,
  c: C_LIKE, h: C_LIKE, cpp: C_LIKE, cc: C_LIKE, cxx: C_LIKE, hpp: C_LIKE, hh: C_LIKE, hxx: C_LIKE,
  cs: CSHARP,
  go: GO,
  rs: RUST,
  swift: SWIFT,
  kt: KOTLIN, kts: KOTLIN,
  scala: SCALA, sc: SCALA,
  php: PHP,
  css: CSS,
  scss: SCSS, less: SCSS,
  dart: DART,
  py: PYTHON, pyi: PYTHON,
  rb: RUBY,
  sh: SHELL, bash: SHELL, zsh: SHELL,
  yaml: YAML, yml: YAML,
  toml: TOML,
  r: R,
  pl: PERL, pm: PERL,
  ps1: POWERSHELL, psm1: POWERSHELL,
  mk: MAKE,
  dockerfile: DOCKER,
  conf: HASH_ONLY,
  ini: INI, cfg: INI,
  sql: SQL,
  lua: LUA,
  hs: HASKELL, elm: HASKELL,
  clj: CLOJURE, cljs: CLOJURE, cljc: CLOJURE, edn: CLOJURE,
  lisp: LISP, lsp: LISP, el: LISP, scm: LISP,
  asm: ASM, s: ASM,
  tex: TEX, sty: TEX, cls: TEX,
  erl: ERLANG, hrl: ERLANG,
  md: MARKDOWN, markdown: MARKDOWN,
  xml: XML, svg: XML, xsd: XML, xsl: XML,
  html: HTML, htm: HTML, vue: HTML, svelte: HTML,
};

const BY_BASENAME: Record<string, LanguageSyntax> = {
  makefile: MAKE, gnumakefile: MAKE,
  dockerfile: DOCKER, containerfile: DOCKER,
};

const EXTENSIONS = new Map(Object.entries(BY_EXTENSION));
const BASENAMES = new Map(Object.entries(BY_BASENAME));
const DOCKERFILE_DOT = 'dockerfile.';

/** The comment syntax for a path, or undefined when the file type is not scanned for tags. */
export function languageForPath(path: string): LanguageSyntax | undefined {
  // This runs for every listed file: no basename copy, and only the extension lower-cased when it must be.
  const base = path.lastIndexOf('/') + 1;
  const dot = path.lastIndexOf('.');
  if (dot <= base) return dot < base ? BASENAMES.get(path.slice(base).toLowerCase()) : undefined; // no extension; a dot file
  if (dot - base >= DOCKERFILE_DOT.length - 1 && path.slice(base, base + DOCKERFILE_DOT.length).toLowerCase() === DOCKERFILE_DOT) return DOCKER;
  const ext = path.slice(dot + 1);
  return EXTENSIONS.get(ext) ?? EXTENSIONS.get(ext.toLowerCase());
}
