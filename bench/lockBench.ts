// Lock figures for the benchmark (issue 13): `check` with an intent.lock against `check` without one on the same
// tree (the lock is written next to the tree's intent.yaml for the run, then removed), and re-fingerprinting one
// edited tagged function as the editor does (tree-sitter parse of the file, attribution, fingerprints).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileLinks } from '../src/core/lock/links';
import { scanTags } from '../src/core/tags/tagScanner';
import { buildGraph } from '../src/core/manifest/buildGraph';
import { TreeSitterSymbolFinder } from '../src/node/treeSitterSymbols';

export interface LockFigures {
  readonly checkWithoutMs: number[];
  readonly checkWithMs: number[];
  /** Median of the paired ratios with / without. */
  readonly ratio: number;
  readonly lockLinks: number;
  /** One edited function: windowed parse around its tag + its fingerprint; whole file: parse + every link. */
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

/** A 400-line TypeScript service with 12 tagged functions; each round edits one body and re-fingerprints it. */
export async function refingerprint(): Promise<LockFigures['refingerprint']> {
  const graph = buildGraph([{ path: 'intent.yaml', text: 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:a\n        title: A\n' }]);
  const parts: string[] = ["import { db } from './db';", ''];
  for (let f = 0; f < 12; f++) {
    parts.push(`// @intent kr:a -- function ${f}`, `export async function handler${f}(input: string, limit: number): Promise<number[]> {`);
    for (let l = 0; l < 28; l++) parts.push(`  const v${l} = await db.query('select ${l}', [input, limit * ${l}]); // step ${l}`);
    parts.push('  return [v0.length, v1.length];', '}', '');
  }
  const base = parts.join('\n');
  const finder = new TreeSitterSymbolFinder();
  // Parses only the top-level statements around the requested lines (what an edit of one function needs).
  const windowed = new TreeSitterSymbolFinder({ windowMinLength: 0 });
  const tagLines = parts.flatMap((line, i) => (line.startsWith('// @intent') ? [i] : []));
  const times: number[] = [];
  const oneTimes: number[] = [];
  /** CPU time of the same work: what a loaded machine's scheduler does not inflate. */
  const oneCpu: number[] = [];
  for (let round = 0; round < 220; round++) {
    const edited = round % 12;
    const text = base.replace(`handler${edited}(input: string, limit: number): Promise<number[]> {\n  const v0 = await db.query('select 0', [input, limit * 0]);`, `handler${edited}(input: string, limit: number): Promise<number[]> {\n  const v0 = await db.query('select 0', [input, limit * ${round + 1}]);`);
    if (text === base) throw new Error('the edit did not apply');
    let t0 = performance.now();
    const tags = scanTags(text, 'src/service.ts').tags;
    const links = fileLinks({ graph }, 'src/service.ts', tags, { text, symbols: await finder.symbols(text, 'src/service.ts') });
    const dt = performance.now() - t0;
    if (links.length !== 12) throw new Error(`expected 12 links, got ${links.length}`);
    t0 = performance.now();
    const c0 = process.cpuUsage();
    const tag = tags.filter((t) => t.range.start.line === tagLines[edited]);
    const one = fileLinks({ graph }, 'src/service.ts', tag, { text, symbols: await windowed.symbols(text, 'src/service.ts', { lines: [tagLines[edited]] }) });
    const dtOne = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const cpuOne = (cpu.user + cpu.system) / 1000;
    if (one.length !== 1 || one[0].code?.code !== links[edited].code?.code) throw new Error('windowed fingerprint differs from the whole parse');
    if (round >= 20) {
      times.push(dt);
      oneTimes.push(dtOne);
      oneCpu.push(cpuOne);
    }
  }
  return { p50: q(oneTimes, 0.5), p90: q(oneTimes, 0.9), cpuP90: q(oneCpu, 0.9), wholeFileP50: q(times, 0.5), wholeFileP90: q(times, 0.9), lines: base.split('\n').length, tags: 12 };
}

// Run directly (`npx tsx bench/lockBench.ts`); inside the bench bundle `require.main === module` holds too, so
// the script's own name decides.
if (require.main === module && /lockBench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const root = process.argv[2];
  const cli = path.resolve(process.argv[3] ?? 'dist/cli.js');
  if (!root) throw new Error('usage: lockBench.ts ROOT [CLI]');
  void lockFigures(root, cli, 5).then((f) => console.log(JSON.stringify(f, null, 2)));
}
