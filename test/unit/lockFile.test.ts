// The intent.lock format and commands: round trip, positioned IL043 for corrupt input (never rewritten), a real
// git merge of two branches that accept different links, atomic writes, and IL040–IL042 at the tag's ID.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentLinks, LinkCache } from '../../src/core/lock/links';
import { parseLock, serializeLock } from '../../src/core/lock/lockFile';
import { buildGraph } from '../../src/core/manifest/buildGraph';
import { scanTags } from '../../src/core/tags/tagScanner';
import { runCli, TempRepo } from './reviewGit';

const MANIFEST = `version: 1
objectives:
  - id: obj:fast
    title: Fast casting
    keyResults:
      - id: kr:cycle
        title: Cycle time
        baseline: 7
        target: 3
        current: 5
      - id: kr:calls
        title: Fewer calls
        target: 10
`;
const SEARCH = `// @intent kr:cycle -- filter first
export function search(q: string, limit: number): string[] {
  const rows = find(q, limit * 4);
  return rows.slice(0, limit);
}

// @intent kr:calls
export class Notifier {
  send(to: string): void {
    post(to);
  }
}
`;

interface JsonFinding { code: string; file: string; line: number; column: number; message: string }

async function findings(dir: string): Promise<JsonFinding[]> {
  const run = await runCli(['check', dir, '--format', 'json', '--fail-on', 'never'], dir);
  return (JSON.parse(run.out).findings as JsonFinding[]).filter((f) => f.code >= 'IL040');
}

describe('lock: format', () => {
  it('serialises sorted, one link per line, and reads back what it wrote', () => {
    const e = (id: string, at: string) => ({ id, at, item: '0123456789abcdef', fields: { title: 'T', target: 3, keyResults: ['kr:a'] } });
    const text = serializeLock([e('kr:b', 'src/b.ts#f'), e('kr:a', 'src/z.ts'), e('kr:a', 'src/a.ts#C.m')]);
    const lines = text.split('\n').filter((l) => l.startsWith('{'));
    assert.deepEqual(lines.map((l) => JSON.parse(l).at), ['src/a.ts#C.m', 'src/z.ts', 'src/b.ts#f']);
    const back = parseLock(text);
    assert.deepEqual(back.findings, []);
    assert.equal(serializeLock(back.entries.values()), text);
  });

  it('reports every bad line at its position and keeps the good ones', () => {
    const good = '{"id":"kr:a","at":"a.ts","item":"0123456789abcdef","fields":{}}';
    const text = ['# header', good, '{"id":"kr:b",', '{"id":"kr:c","at":"c.ts","item":"nothex","fields":{}}', '<<<<<<< HEAD', good, '{"id":"kr:d","at":"d.ts","item":"0123456789abcdef","fields":{},"extra":1}'].join('\n');
    const parsed = parseLock(text);
    assert.equal(parsed.entries.size, 1);
    const at = parsed.findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character} ${f.message}`);
    assert.equal(at.length, 5);
    assert.match(at[0], /^IL043@2:\d+ intent.lock is invalid: not a JSON object/);
    assert.match(at[1], /^IL043@3:\d+ .*field 'item'/);
    assert.equal(parsed.findings[1].range.start.character, good.indexOf('"item"'));
    assert.match(at[2], /^IL043@4:0 .*merge conflict/);
    assert.match(at[3], /^IL043@5:0 .*appears twice/);
    assert.match(at[4], /^IL043@6:\d+ .*field 'extra'/);
  });

  it('bounds the size', () => {
    const parsed = parseLock('#'.repeat(9 * 1024 * 1024));
    assert.equal(parsed.findings[0]?.code, 'IL043');
  });
});

describe('lock: commands and findings (real files, real git)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo('intent-lock-');
    repo.write('intent.yaml', MANIFEST);
    repo.write('src/search.ts', SEARCH);
  });
  afterEach(() => repo.dispose());

  it('no lock: no suspect findings; lock records every link; then nothing is suspect', async () => {
    assert.deepEqual(await findings(repo.dir), []);
    const run = await runCli(['lock', repo.dir], repo.dir);
    assert.equal(run.code, 0, run.err);
    const lines = readFileSync(join(repo.dir, 'intent.lock'), 'utf8').split('\n').filter((l) => l.startsWith('{'));
    assert.deepEqual(lines.map((l) => JSON.parse(l).at), ['src/search.ts#Notifier', 'src/search.ts#search']);
    assert.deepEqual(await findings(repo.dir), []);
    assert.deepEqual(readdirSync(repo.dir).filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind');
  });

  it('IL040 names the fields at the tag ID; accept by ID clears it and keeps the other entry', async () => {
    await runCli(['lock', repo.dir], repo.dir);
    repo.write('intent.yaml', MANIFEST.replace('target: 3', 'target: 2').replace('current: 5', 'current: 4'));
    const f = await findings(repo.dir);
    assert.deepEqual(f.map((x) => `${x.code} ${x.file}:${x.line}:${x.column} ${x.message}`), [
      "IL040 src/search.ts:1:12 'kr:cycle' changed since this link was reviewed: target: 3 → 2",
    ]);
    const before = readFileSync(join(repo.dir, 'intent.lock'), 'utf8');
    const run = await runCli(['accept', 'kr:cycle', '--root', repo.dir], repo.dir);
    assert.equal(run.code, 0, run.err);
    const after = readFileSync(join(repo.dir, 'intent.lock'), 'utf8');
    const notifier = (t: string) => t.split('\n').find((l) => l.includes('#Notifier'));
    assert.equal(notifier(after), notifier(before));
    assert.deepEqual(await findings(repo.dir), []);
  });

  it('IL041 for a signature change or a rewrite, nothing for a reformat and a rename; IL042 for a new link', async () => {
    await runCli(['lock', repo.dir], repo.dir);
    repo.write('src/search.ts', SEARCH.replace('const rows = find(q, limit * 4);', 'const hits =\n    find(q, limit * 4)  // wide').replace('return rows', 'return hits'));
    assert.deepEqual(await findings(repo.dir), []);
    repo.write('src/search.ts', SEARCH.replace('limit: number)', 'limit: number, strict: boolean)') + '\n// @intent kr:cycle\nexport const x = 1;\n');
    const f = await findings(repo.dir);
    assert.deepEqual(f.map((x) => `${x.code} ${x.line}:${x.column}`), ['IL041 1:12', 'IL042 14:12']);
    assert.match(f[0].message, /the code of 'search' changed its signature since the link to 'kr:cycle' was reviewed/);
    const run = await runCli(['accept', 'src/search.ts:2', '--root', repo.dir], repo.dir);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual((await findings(repo.dir)).map((x) => x.code), ['IL042']);
  });

  it('a renamed function with the same code is the same link; accept moves its entry to the new path', async () => {
    await runCli(['lock', repo.dir], repo.dir);
    repo.write('src/search.ts', SEARCH.replace(/search\(/g, 'findTalent('));
    assert.deepEqual(await findings(repo.dir), []);
    assert.equal((await runCli(['accept', 'kr:cycle', '--root', repo.dir], repo.dir)).code, 0);
    const ats = readFileSync(join(repo.dir, 'intent.lock'), 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).at);
    assert.deepEqual(ats, ['src/search.ts#Notifier', 'src/search.ts#findTalent']);
  });

  it('a corrupt lock is IL043 in check and is never rewritten by accept', async () => {
    await runCli(['lock', repo.dir], repo.dir);
    const path = join(repo.dir, 'intent.lock');
    const broken = readFileSync(path, 'utf8').replace('"item":"', '"item":"zz');
    writeFileSync(path, broken);
    const f = await findings(repo.dir);
    assert.equal(f[0].code, 'IL043');
    assert.equal(f[0].file, 'intent.lock');
    assert.equal(f[0].line, 4);
    const run = await runCli(['accept', '--all', '--root', repo.dir], repo.dir);
    assert.equal(run.code, 2);
    assert.match(run.err, /intent\.lock:4:\d+: .*not rewritten/);
    assert.equal(readFileSync(path, 'utf8'), broken);
  });

  it('writes atomically: a new file renamed over the old one, no temp file left', async () => {
    await runCli(['lock', repo.dir], repo.dir);
    const path = join(repo.dir, 'intent.lock');
    const inode = statSync(path).ino;
    repo.write('intent.yaml', MANIFEST.replace('target: 3', 'target: 2'));
    assert.equal((await runCli(['accept', '--all', '--root', repo.dir], repo.dir)).code, 0);
    assert.notEqual(statSync(path).ino, inode, 'the lock was rewritten in place');
    assert.deepEqual(readdirSync(repo.dir).filter((f) => f.endsWith('.tmp')), []);
  });

  it('two branches that accept different links merge cleanly in git', async () => {
    repo.write('src/other.ts', '// @intent kr:cycle\nexport function other(): number {\n  return 1;\n}\n');
    await runCli(['lock', repo.dir], repo.dir);
    repo.commit('lock');
    // Both items change on main; each branch re-confirms a different one.
    repo.write('intent.yaml', MANIFEST.replace('target: 3', 'target: 2').replace('target: 10', 'target: 12'));
    repo.commit('retarget');
    repo.git('checkout', '-q', '-b', 'a');
    assert.equal((await runCli(['accept', 'kr:cycle', '--root', repo.dir], repo.dir)).code, 0);
    repo.commit('accept cycle');
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'b');
    assert.equal((await runCli(['accept', 'kr:calls', '--root', repo.dir], repo.dir)).code, 0);
    repo.commit('accept calls');
    repo.git('merge', '-q', '--no-edit', 'a');
    assert.equal(repo.git('status', '--porcelain'), '');
    const text = readFileSync(join(repo.dir, 'intent.lock'), 'utf8');
    assert.deepEqual(parseLock(text).findings, []);
    assert.deepEqual(await findings(repo.dir), []);
  });
});

describe('lock: link cache (the editor)', () => {
  it('parses a file again only when its version or the graph changes', async () => {
    const graph = buildGraph([{ path: 'intent.yaml', text: MANIFEST }]);
    let version = 1;
    let reads = 0;
    const source = {
      graph,
      *taggedFiles() {
        yield ['src/search.ts', scanTags(SEARCH, 'src/search.ts').tags] as const;
      },
      text: async () => SEARCH,
      file: async () => {
        reads++;
        return { text: SEARCH, symbols: undefined };
      },
      version: () => version,
    };
    const cache = new LinkCache();
    const first = await currentLinks(source, cache);
    assert.equal((await currentLinks(source, cache)).length, first.length);
    assert.equal(reads, 1);
    version = 2;
    await currentLinks(source, cache);
    assert.equal(reads, 2);
    await currentLinks({ ...source, graph: buildGraph([{ path: 'intent.yaml', text: MANIFEST }]) }, cache);
    assert.equal(reads, 3);
  });
});
