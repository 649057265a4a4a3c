// Generates the benchmark's synthetic workspace: deterministic (seeded), realistic mix of languages and sizes,
// nested .gitignore files, ignored build folders, binaries, big and minified files; cached per generator version.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CORPUS_VERSION = 3;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Lang {
  ext: string;
  comment: (s: string) => string;
  lines: (r: () => number, i: number) => string;
  decl: (name: string) => string;
}

const words = ['talent', 'casting', 'search', 'agent', 'calendar', 'slot', 'role', 'audition', 'project', 'budget', 'filter', 'cache', 'index', 'user', 'session', 'query', 'result', 'page', 'token', 'event'];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const ident = (r: () => number) => pick(r, words) + pick(r, words).replace(/^./, (c) => c.toUpperCase()) + Math.floor(r() * 100);

const LANGS: Record<string, Lang> = {
  ts: {
    ext: 'ts', comment: (s) => `// ${s}`, decl: (n) => `export function ${n}(input: string): number {`,
    lines: (r) => pick(r, [
      `  const ${ident(r)} = await service.${ident(r)}(request.${ident(r)}, { limit: ${Math.floor(r() * 100)} });`,
      `  if (${ident(r)} === undefined) return ${Math.floor(r() * 10)};`,
      `  for (const item of ${ident(r)}) total += item.${ident(r)} * ${r().toFixed(3)};`,
      `  // normalise the ${pick(r, words)} before comparing with the ${pick(r, words)}`,
      `  return ${ident(r)}.map((x) => x.${ident(r)}).filter(Boolean).length;`,
      `}`, ``, `import { ${ident(r)} } from './${pick(r, words)}';`,
    ]),
  },
  js: {
    ext: 'js', comment: (s) => `// ${s}`, decl: (n) => `function ${n}(input) {`,
    lines: (r) => pick(r, [
      `  var ${ident(r)} = require('./${pick(r, words)}').${ident(r)}(${Math.floor(r() * 100)});`,
      `  if (!${ident(r)}) { return null; }`, `  /* ${pick(r, words)} ${pick(r, words)} */`,
      `  module.exports.${ident(r)} = ${ident(r)};`, `}`, ``,
    ]),
  },
  py: {
    ext: 'py', comment: (s) => `# ${s}`, decl: (n) => `def ${n}(request, limit=10):`,
    lines: (r) => pick(r, [
      `    ${ident(r)} = self.${ident(r)}(request.${ident(r)}, limit=${Math.floor(r() * 100)})`,
      `    if not ${ident(r)}:`, `        return None`, `    # ${pick(r, words)} ${pick(r, words)} handling`,
      `    return [x.${ident(r)} for x in ${ident(r)} if x]`, ``, `import ${pick(r, words)}`,
    ]),
  },
  go: {
    ext: 'go', comment: (s) => `// ${s}`, decl: (n) => `func ${n}(ctx context.Context, in string) (int, error) {`,
    lines: (r) => pick(r, [
      `\t${ident(r)}, err := s.${ident(r)}(ctx, req.${ident(r)})`, `\tif err != nil {`, `\t\treturn 0, err`, `\t}`,
      `\t// ${pick(r, words)} is validated upstream`, `}`, ``,
    ]),
  },
  java: {
    ext: 'java', comment: (s) => `// ${s}`, decl: (n) => `  public int ${n}(String input) {`,
    lines: (r) => pick(r, [
      `    final var ${ident(r)} = repository.${ident(r)}(input, ${Math.floor(r() * 100)});`,
      `    if (${ident(r)} == null) { return ${Math.floor(r() * 10)}; }`, `    /** ${pick(r, words)} ${pick(r, words)}. */`,
      `    @Override`, `  }`, ``,
    ]),
  },
  cs: {
    ext: 'cs', comment: (s) => `// ${s}`, decl: (n) => `    public int ${n}(string input) {`,
    lines: (r) => pick(r, [
      `        var ${ident(r)} = await _${ident(r)}.GetAsync(input, ${Math.floor(r() * 100)});`,
      `        if (${ident(r)} is null) return ${Math.floor(r() * 10)};`, `        /// <summary>${pick(r, words)}</summary>`,
      `    }`, ``,
    ]),
  },
  rs: {
    ext: 'rs', comment: (s) => `// ${s}`, decl: (n) => `pub fn ${n}(input: &str) -> Result<usize, Error> {`,
    lines: (r) => pick(r, [
      `    let ${ident(r)} = self.${ident(r)}(input, ${Math.floor(r() * 100)})?;`,
      `    if ${ident(r)}.is_empty() { return Ok(0); }`, `    // ${pick(r, words)}: ${pick(r, words)}`, `}`, ``,
    ]),
  },
  md: {
    ext: 'md', comment: (s) => `<!-- ${s} -->`, decl: (n) => `## ${n}`,
    lines: (r) => pick(r, [`The ${pick(r, words)} ${pick(r, words)} is described in [${ident(r)}](./${pick(r, words)}.md).`, ``, `- ${pick(r, words)}: ${ident(r)}`]),
  },
  yaml: {
    ext: 'yaml', comment: (s) => `# ${s}`, decl: (n) => `${n}:`,
    lines: (r) => pick(r, [`  ${pick(r, words)}: ${Math.floor(r() * 1000)}`, `  ${pick(r, words)}: "${ident(r)}"`, `  # ${pick(r, words)}`]),
  },
  json: {
    ext: 'json', comment: () => '', decl: (n) => `  "${n}": {`,
    lines: (r) => pick(r, [`    "${pick(r, words)}": ${Math.floor(r() * 1000)},`, `    "${ident(r)}": "${pick(r, words)}",`, `  },`]),
  },
};

const MIX: [string, number][] = [['ts', 34], ['js', 14], ['py', 10], ['go', 8], ['java', 8], ['cs', 6], ['rs', 6], ['md', 5], ['json', 5], ['yaml', 4]];
const MIX_TOTAL = MIX.reduce((s, [, w]) => s + w, 0);
const IDS = ['kr:cycle-time', 'problem:availability-search', 'obj:faster-casting', 'constraint:no-pii-in-logs', 'debt:n-plus-one'];

function pickLang(r: () => number): Lang {
  let x = r() * MIX_TOTAL;
  for (const [k, w] of MIX) {
    if ((x -= w) < 0) return LANGS[k];
  }
  return LANGS.ts;
}

function lineCount(r: () => number): number {
  const x = r();
  if (x < 0.75) return 10 + Math.floor(r() * 90);
  if (x < 0.97) return 100 + Math.floor(r() * 200);
  return 300 + Math.floor(r() * 1200);
}

/** Source text: declarations, code lines, ~2% of files with tags, ~8% with TODO/FIXME/HACK, some markers in strings. */
export function sourceText(r: () => number, lang: Lang, lines: number, opts: { tags?: boolean; markers?: boolean } = {}): string {
  const out: string[] = [];
  const tagged = opts.tags ?? r() < 0.02;
  const marked = opts.markers ?? r() < 0.08;
  const inString = r() < 0.01;
  for (let i = 0; i < lines; i++) {
    if (i % 25 === 0) {
      if (tagged && lang.ext !== 'json' && r() < 0.5) {
        out.push(lang.comment(r() < 0.8 ? `@intent ${pick(r, IDS)}, ${pick(r, IDS)} -- serves the ${pick(r, words)} flow` : `@debt ${pick(r, IDS)} -- slow ${pick(r, words)}`));
      }
      out.push(lang.decl(ident(r)));
      continue;
    }
    if (marked && lang.ext !== 'json' && r() < 0.02) out.push(lang.comment(`${pick(r, ['TODO', 'FIXME', 'HACK', 'TODO'])}: ${pick(r, words)} ${pick(r, words)}`));
    if (inString && r() < 0.02) out.push(`  log("TODO ${pick(r, words)} @intent in a string");`);
    out.push(lang.lines(r, i));
  }
  return out.join('\n') + '\n';
}

export interface CorpusInfo {
  root: string;
  files: number;
  bytes: number;
}

function writeFile(root: string, rel: string, data: string | Uint8Array, acc: { files: number; bytes: number }): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, data);
  acc.files++;
  acc.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}

/** Build (or reuse) the synthetic tree under os.tmpdir(). */
export function ensureCorpus(log: (s: string) => void = () => {}): CorpusInfo {
  const root = path.join(os.tmpdir(), `intent-lens-bench-corpus-v${CORPUS_VERSION}`);
  const stamp = path.join(root, '.bench-corpus.json');
  if (fs.existsSync(stamp)) return { root, ...JSON.parse(fs.readFileSync(stamp, 'utf8')) };
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  log(`generating synthetic corpus in ${root} …`);
  const r = prng(20261);
  const acc = { files: 0, bytes: 0 };
  execFileSync('git', ['init', '-q'], { cwd: root });
  fs.writeFileSync(path.join(root, '.git', 'info', 'exclude'), 'scratch/\n');
  writeFile(root, '.gitignore', 'node_modules/\ndist/\ntarget/\nbuild/\ncoverage/\n*.log\n.cache/\n', acc);
  writeFile(root, 'intent.yaml', [
    'version: 1', 'objectives:', '  - id: obj:faster-casting', '    title: Cut casting turnaround', '    keyResults:',
    '      - id: kr:cycle-time', '        title: Median casting cycle from 7 to 3 days', 'problems:',
    '  - id: problem:availability-search', '    title: Filter talent by availability', '    keyResults: [kr:cycle-time]',
    'constraints:', '  - id: constraint:no-pii-in-logs', '    title: No personal data in logs', '    appliesTo: ["packages/**/*.ts"]',
    'debt:', '  - id: debt:n-plus-one', '    title: N+1 queries', '    hurts: [kr:cycle-time]', '',
  ].join('\n'), acc);
  // Packages of source code: ~60k listed files.
  const PACKAGES = 48;
  for (let p = 0; p < PACKAGES; p++) {
    const pkg = `packages/pkg-${p}`;
    if (p % 4 === 0) writeFile(root, `${pkg}/.gitignore`, 'generated/\n*.snap\n!important.snap\n/local-*.ts\n', acc);
    writeFile(root, `${pkg}/.eslintrc.js`, sourceText(r, LANGS.js, 20), acc);
    const files = 1150 + Math.floor(r() * 200);
    for (let f = 0; f < files; f++) {
      const lang = pickLang(r);
      const depth = 1 + Math.floor(r() * 4);
      const dirs = Array.from({ length: depth }, (_, d) => `${pick(r, words)}${d}`).join('/');
      writeFile(root, `${pkg}/src/${dirs}/${ident(r)}-${f}.${lang.ext}`, sourceText(r, lang, lineCount(r)), acc);
    }
    if (p % 4 === 0) {
      for (let g = 0; g < 40; g++) writeFile(root, `${pkg}/src/generated/gen-${g}.ts`, sourceText(r, LANGS.ts, 200, { markers: true }), acc);
      writeFile(root, `${pkg}/a.snap`, 'TODO snapshot', acc);
      writeFile(root, `${pkg}/important.snap`, 'snapshot', acc);
      writeFile(root, `${pkg}/local-dev.ts`, sourceText(r, LANGS.ts, 30, { markers: true }), acc);
    }
    // Ignored build outputs per package.
    for (let d = 0; d < 60; d++) writeFile(root, `${pkg}/dist/chunk-${d}.js`, sourceText(r, LANGS.js, 80, { markers: true }), acc);
    for (let d = 0; d < 8; d++) writeFile(root, `${pkg}/assets/img-${d}.png`, binaryBlob(r, 2000 + Math.floor(r() * 30000)), acc);
  }
  // A big ignored node_modules.
  for (let m = 0; m < 900; m++) {
    for (let f = 0; f < 20; f++) writeFile(root, `node_modules/mod-${m}/lib/f${f}.js`, sourceText(r, LANGS.js, 60, { markers: r() < 0.2 }), acc);
  }
  // Rust services with an ignored target/.
  for (let s = 0; s < 4; s++) {
    for (let f = 0; f < 150; f++) writeFile(root, `services/svc-${s}/src/m${f}.rs`, sourceText(r, LANGS.rs, lineCount(r)), acc);
    for (let f = 0; f < 1500; f++) writeFile(root, `services/svc-${s}/target/debug/deps/d${f}.rs`, sourceText(r, LANGS.rs, 30, { markers: true }), acc);
  }
  // Docs, CI config, hidden folders.
  for (let d = 0; d < 400; d++) writeFile(root, `docs/${pick(r, words)}/page-${d}.md`, sourceText(r, LANGS.md, lineCount(r)), acc);
  for (let d = 0; d < 20; d++) writeFile(root, `.github/workflows/wf-${d}.yml`, sourceText(r, LANGS.yaml, 40), acc);
  for (let d = 0; d < 50; d++) writeFile(root, `scratch/s-${d}.ts`, sourceText(r, LANGS.ts, 40, { markers: true }), acc);
  // Binaries with a scanned extension, big files, minified bundles.
  for (let b = 0; b < 30; b++) {
    const blob = binaryBlob(r, 4000 + Math.floor(r() * 20000));
    writeFile(root, `fixtures/binary/blob-${b}.js`, blob, acc);
  }
  for (let b = 0; b < 8; b++) {
    writeFile(root, `data/big-${b}.sql`, sourceText(r, { ...LANGS.py, ext: 'sql', comment: (s) => `-- ${s}` }, 40000 + b * 8000, { markers: true }), acc);
  }
  for (let b = 0; b < 20; b++) {
    const parts: string[] = [];
    for (let k = 0; k < 400; k++) parts.push(`function ${ident(r)}(a,b){return a+b*${k}}`);
    writeFile(root, `public/vendor/lib-${b}.min.js`, parts.join(';') + '/* TODO minified */\n', acc);
    writeFile(root, `public/vendor/bundle-${b}.js`, parts.join(';') + (b % 2 ? '/* FIXME long line */' : '') + '\n', acc);
  }
  fs.writeFileSync(stamp, JSON.stringify(acc));
  return { root, ...acc };
}

function binaryBlob(r: () => number, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  for (let i = 12; i < size; i++) b[i] = r() < 0.1 ? 0 : Math.floor(r() * 256);
  return b;
}
