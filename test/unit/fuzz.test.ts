// Fuzz run (#15): over 100,000 generated manifests, .gitignore files, manifest globs and source files go through
// the graph builder, the ignore matcher, the glob index and the tag scanner: no crash, no case over a time guard,
// bounded heap. Seeded (FUZZ_SEED=… to replay); the seed and the failing input are printed on failure.
import * as assert from 'node:assert/strict';
import { GlobIndex, compileGlobs } from '../../src/core/analysis/globs';
import { codeFindings } from '../../src/core/analysis/codeFindings';
import { IgnoreFile } from '../../src/core/ignore/gitignore';
import { wildmatch } from '../../src/core/ignore/wildmatch';
import { buildGraph } from '../../src/core/manifest';
import { scanTags } from '../../src/core/tags/tagScanner';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
// 105,000 cases; manifests are fewer because YAML parsing dominates (about 1 ms each).
const CASES = { manifests: 15_000, ignores: 45_000, sources: 45_000 };
/** A single case slower than this is a hang (cases are small: a normal one takes well under a millisecond). */
const CASE_GUARD_MS = 3_000;
const HEAP_LIMIT = 1.5 * 1024 ** 3;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  /** A string of `n` pieces picked from `alphabet`. */
  str(alphabet: readonly string[], n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.pick(alphabet);
    return s;
  }
}

const GLOB_PIECES = ['*', '**', '?', '/', 'a', 'b', '.ts', '{', '}', ',', '{a,b}', '{1..9}', '[a-z]', '[!x]', '[[:digit:]]', '\\', '!', '..', './', '+(a|b)', ' ', 'é', '\r', '*?'];
const YAML_PIECES = ['\n', '\r', '\r\n', '  ', '- ', ': ', '&a ', '*a ', '<<: ', '[', ']', '{', '}', ',', '"', "'", '#', '|', '>', '? ', '!!str ', '%YAML 1.2\n', '---\n', '...\n', '\t', '\u0000', '\uFEFF', '__proto__', 'constructor'];
const IDS = ['obj:a', 'kr:a', 'kr:b', 'problem:p', 'constraint:c', 'debt:d', 'x', 'kr:a', '1bad', 'a'.repeat(300)];
const IGNORE_PIECES = ['*', '**', '?', '/', '!', '#', '\\', '[', ']', '[!', '[:alpha:]', '-', 'a', 'b', '.', ' ', '\r', '{a,b}', 'z', '*?*?*?', 'é', '\u0000'];
const SOURCE_PIECES = ['//', '/*', '*/', '#', '--', '"', "'", '`', '"""', '<<EOF\n', '\nEOF\n', '@intent ', '@intent-file ', '@debt ', 'kr:a', ',', ' -- ', 'TODO', '\n', '\r', '\\', '${', '}', '<!--', '-->', 'function f() {', '}', 'x'];
const SOURCE_NAMES = ['a.ts', 'a.py', 'a.sh', 'a.rb', 'a.go', 'a.rs', 'a.java', 'a.cs', 'a.sql', 'a.html', 'a.lisp', 'Makefile', 'a.md'];
/** git's rule for one ignore file, the slow way: the last rule whose glob matches wins. */
function lastRuleVerdict(file: IgnoreFile, rel: string, name: string, isDir: boolean): 'ignored' | 'included' | undefined {
  for (let i = file.rules.length - 1; i >= 0; i--) {
    const r = file.rules[i];
    if (!r.glob || (r.dirOnly && !isDir)) continue;
    if (wildmatch(r.glob, r.basenameOnly ? name : rel)) return r.negated ? 'included' : 'ignored';
  }
  return undefined;
}

const PATHS = ['a', 'a/b', 'src/a.ts', '.env', 'a b/c', 'x/y/z/w.ts', 'é/ü', '[a]', '!a', '#a', '*', 'a'.repeat(200), 'src/a/b', 'a/src/a', 'b/a/a.ts', 'src'];

/** A manifest that is mostly well-formed (so the schema and graph code run), with hostile fragments mixed in. */
function manifest(g: Gen): string {
  const lines = ['version: 1'];
  if (g.int(4) === 0) lines.push(g.str(YAML_PIECES, g.int(40)));
  lines.push('objectives:');
  for (let i = g.int(4); i > 0; i--) {
    lines.push(`  - id: ${g.pick(IDS)}`, `    title: ${g.str(YAML_PIECES, g.int(3))}t`);
    if (g.int(2)) lines.push('    keyResults:', `      - id: ${g.pick(IDS)}`, '        title: k', `        current: ${g.int(10)}`);
  }
  lines.push('problems:');
  for (let i = g.int(3); i > 0; i--) lines.push(`  - id: ${g.pick(IDS)}`, '    title: p', `    keyResults: [${g.pick(IDS)}, ${g.pick(IDS)}]`);
  lines.push('constraints:', `  - id: constraint:c${g.int(3)}`, '    title: c', `    appliesTo: [${JSON.stringify(g.str(GLOB_PIECES, g.int(12)))}]`);
  lines.push('scopes:', `  - paths: [${JSON.stringify(g.str(GLOB_PIECES, g.int(12)))}, "src/**"]`, `    serves: [${g.pick(IDS)}]`);
  if (g.int(3) === 0) lines.push(g.str(YAML_PIECES, g.int(60)));
  const text = lines.join(g.pick(['\n', '\r\n', '\r']));
  return g.int(10) === 0 ? text.slice(0, g.int(text.length)) : text;
}

function timed(what: string, seed: number, input: string, fn: () => void): void {
  const start = performance.now();
  try {
    fn();
  } catch (error) {
    assert.fail(`${what} threw on case seed ${seed} (FUZZ_SEED=${SEED}): ${(error as Error).stack}\ninput: ${JSON.stringify(input.slice(0, 2000))}`);
  }
  const ms = performance.now() - start;
  assert.ok(ms < CASE_GUARD_MS, `${what} took ${ms.toFixed(0)} ms on case seed ${seed} (FUZZ_SEED=${SEED}); input: ${JSON.stringify(input.slice(0, 2000))}`);
}

function checkHeap(): void {
  const used = process.memoryUsage().heapUsed;
  assert.ok(used < HEAP_LIMIT, `heap at ${(used / 2 ** 20).toFixed(0)} MB (FUZZ_SEED=${SEED})`);
}

describe(`fuzz: hostile inputs through the core (seed ${SEED})`, function () {
  this.timeout(240_000); // a hang guard for the whole run; each case has its own guard

  it(`builds graphs and glob indexes from ${CASES.manifests} generated manifests`, () => {
    const g = new Gen(rng(SEED));
    const files = ['src/a.ts', 'a', 'src/x/y.ts', 'é.ts'];
    for (let i = 0; i < CASES.manifests; i++) {
      const text = manifest(g);
      timed('buildGraph + codeFindings', i, text, () => {
        const graph = buildGraph([{ path: 'intent.yaml', text }, { path: 'pkg/intent.yaml', text: i % 7 === 0 ? text : 'version: 1\n' }]);
        codeFindings({ graph, allFiles: () => files, entries: () => new Map(), linkedIds: () => new Set() });
        for (const f of graph.findings) assert.ok(f.range.start.line >= 0 && f.range.end.line >= f.range.start.line, `range of ${f.code}`);
      });
      if (i % 5000 === 0) checkHeap();
    }
  });

  it(`matches paths against ${CASES.ignores} generated .gitignore files and manifest glob sets`, () => {
    const g = new Gen(rng(SEED + 1));
    for (let i = 0; i < CASES.ignores; i++) {
      const text = Array.from({ length: 1 + g.int(8) }, () => g.str(IGNORE_PIECES, g.int(14))).join(g.pick(['\n', '\r\n']));
      const globs = Array.from({ length: 1 + g.int(4) }, () => g.str(GLOB_PIECES, g.int(16)));
      timed('ignore/glob matching', i, `${text}\n---\n${globs.join('\n')}`, () => {
        const file = new IgnoreFile(g.pick(['', 'a', 'src']), text);
        const index = new GlobIndex([compileGlobs(globs, ''), compileGlobs(globs.slice(1), 'src')]);
        for (const p of PATHS) {
          const name = p.slice(p.lastIndexOf('/') + 1);
          // The indexed matcher (names, suffixes, the trie of leading folders, part needles) against every rule tried in turn.
          assert.equal(file.match(p, name, false), lastRuleVerdict(file, p, name, false), `file ${p}`);
          assert.equal(file.match(p, name, true), lastRuleVerdict(file, p, name, true), `folder ${p}`);
          index.matching(p);
        }
        index.unmatchedIndices(PATHS);
      });
      if (i % 5000 === 0) checkHeap();
    }
  });

  it(`scans ${CASES.sources} generated source files for tags`, () => {
    const g = new Gen(rng(SEED + 2));
    for (let i = 0; i < CASES.sources; i++) {
      const text = g.str(SOURCE_PIECES, g.int(200));
      const path = g.pick(SOURCE_NAMES);
      timed(`scanTags(${path})`, i, text, () => {
        const scan = scanTags(text, path);
        for (const t of scan.tags) assert.ok(t.range.start.line >= 0, 'tag range');
      });
      if (i % 5000 === 0) checkHeap();
    }
  });
});
