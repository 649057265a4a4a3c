// Lock figures for the benchmark (issue 13): `check` with an intent.lock against `check` without one on the same
// tree (the lock is written next to the tree's intent.yaml for the run, then removed), and re-fingerprinting one
// edited tagged function on the editor's path (incremental: windowed parse of the edited function), beside the
// whole-file path it falls back to.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileLinks, LinkCache, linksOfFile } from '../src/core/lock/links';
import type { LockSource } from '../src/core/lock/source';
import { scanTags } from '../src/core/tags/tagScanner';
import { buildGraph } from '../src/core/manifest/buildGraph';
import { TreeSitterSymbolFinder } from '../src/node/treeSitterSymbols';

export interface LockFigures {
  readonly checkWithoutMs: number[];
  readonly checkWithMs: number[];
  /** Median of the paired ratios with / without. */
  readonly ratio: number;
  readonly lockLinks: number;
  /** One edited function on the editor's path (linksOfFile, incremental); whole file: scan, parse, every link. */
  readonly refingerprint: { p50: number; p90: number; cpuP90: number; wholeFileP50: number; wholeFileP90: number; lines: number; tags: number };
}

function timeProcess(argv: string[], cwd: string): Promise<{ ms: number; code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code, err }));
  });
}

const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

export async function lockFigures(root: string, cli: string, runs: number): Promise<LockFigures> {
  const lock = path.join(root, 'intent.lock');
  const aside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'intent-lock-bench-')), 'intent.lock');
  if (fs.existsSync(lock)) throw new Error(`${lock} exists already: not touching it`);
  const rf = await refingerprint();
  try {
    const made = await timeProcess([cli, 'lock', root], root);
    if (made.code !== 0) throw new Error(`intent-lens lock failed: ${made.err}`);
    const lockLinks = fs.readFileSync(lock, 'utf8').split('\n').filter((l) => l.startsWith('{')).length;
    fs.renameSync(lock, aside);
    const without: number[] = [];
    const withLock: number[] = [];
    await timeProcess([cli, 'check', root, '--format', 'json'], root); // warm-up
    for (let i = 0; i < runs; i++) {
      without.push((await timeProcess([cli, 'check', root, '--format', 'json'], root)).ms);
      fs.renameSync(aside, lock);
      withLock.push((await timeProcess([cli, 'check', root, '--format', 'json'], root)).ms);
      fs.renameSync(lock, aside);
    }
    const ratios = without.map((w, i) => withLock[i] / w);
    return { checkWithoutMs: without, checkWithMs: withLock, ratio: q(ratios, 0.5), lockLinks, refingerprint: rf };
  } finally {
    fs.rmSync(lock, { force: true });
    fs.rmSync(path.dirname(aside), { recursive: true, force: true });
  }
}

/**
 * A 400-line TypeScript service with 12 tagged functions; each round edits one body (the text evolves edit by edit,
 * as in the editor) and measures:
 * - the editor's path (LockStates → linksOfFile with a LinkCache holding the previous version and a windowed
 *   finder): diff against the previous text, windowed parse around the edited function, its fingerprint, the other
 *   11 links reused. The tags come from the index's scan of the edit, done for every feature, so not timed here.
 * - the whole-file path it falls back to when unsure: tag scan, tree-sitter parse of the file, every link.
 */
export async function refingerprint(): Promise<LockFigures['refingerprint']> {
  const graph = buildGraph([{ path: 'intent.yaml', text: 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:a\n        title: A\n' }]);
  const FILE = 'src/service.ts';
  const values = Array.from({ length: 12 }, () => 0);
  const render = (): string => {
    const parts: string[] = ["import { db } from './db';", ''];
    for (let f = 0; f < 12; f++) {
      parts.push(`// @intent kr:a -- function ${f}`, `export async function handler${f}(input: string, limit: number): Promise<number[]> {`);
      for (let l = 0; l < 28; l++) parts.push(`  const v${l} = await db.query('select ${l}', [input, limit * ${l === 0 ? values[f] : l}]); // step ${l}`);
      parts.push('  return [v0.length, v1.length];', '}', '');
    }
    return parts.join('\n');
  };
  const finder = new TreeSitterSymbolFinder();
  // ---- the editor's path, set up as LockStates does (src/vscode/lock/lockState.ts) ----
  const windowed = new TreeSitterSymbolFinder({ windowMinLength: 0 });
  const state = { text: render(), version: 0, wholeParses: 0 };
  const source: LockSource = {
    graph,
    taggedFiles: () => [],
    text: async () => state.text,
    file: async () => {
      state.wholeParses++;
      return { text: state.text, symbols: await finder.symbols(state.text, FILE) };
    },
    version: () => state.version,
    windowSymbols: (file, text, lines) => windowed.symbols(text, file, { lines, wholeOnError: true }),
  };
  const cache = new LinkCache();
  await linksOfFile(source, FILE, scanTags(state.text, FILE).tags, cache);
  // ---- end of the editor's set-up ----
  const times: number[] = [];
  const oneTimes: number[] = [];
  /** CPU time of the same work: what a loaded machine's scheduler does not inflate. */
  const oneCpu: number[] = [];
  for (let round = 0; round < 220; round++) {
    const edited = round % 12;
    values[edited] = round + 1;
    state.text = render();
    state.version++;
    const tags = scanTags(state.text, FILE).tags;
    const parses = state.wholeParses;
    // ---- timed: the editor's path for one edit ----
    let t0 = performance.now();
    const c0 = process.cpuUsage();
    const links = await linksOfFile(source, FILE, tags, cache);
    const dtOne = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    // ---- end timed ----
    const cpuOne = (cpu.user + cpu.system) / 1000;
    if (state.wholeParses !== parses) throw new Error('the editor path fell back to the whole file');
    t0 = performance.now();
    const whole = fileLinks({ graph }, FILE, scanTags(state.text, FILE).tags, { text: state.text, symbols: await finder.symbols(state.text, FILE) });
    const dt = performance.now() - t0;
    if (whole.length !== 12 || JSON.stringify(links) !== JSON.stringify(whole)) throw new Error('the editor path differs from the whole-file evaluation');
    if (round >= 20) {
      times.push(dt);
      oneTimes.push(dtOne);
      oneCpu.push(cpuOne);
    }
  }
  return { p50: q(oneTimes, 0.5), p90: q(oneTimes, 0.9), cpuP90: q(oneCpu, 0.9), wholeFileP50: q(times, 0.5), wholeFileP90: q(times, 0.9), lines: state.text.split('\n').length, tags: 12 };
}

// Run directly (`npx tsx bench/lockBench.ts`); inside the bench bundle `require.main === module` holds too, so
// the script's own name decides.
if (require.main === module && /lockBench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const root = process.argv[2];
  const cli = path.resolve(process.argv[3] ?? 'dist/cli.js');
  if (!root) throw new Error('usage: lockBench.ts ROOT [CLI]');
  void lockFigures(root, cli, 5).then((f) => console.log(JSON.stringify(f, null, 2)));
}
