// WorkspaceIndex over an in-memory host: build, update, delete, one change per batch, skip reasons, and
// no input (random bytes, vanished files, failing reads) can make it throw.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ListOptions, WorkspaceHost } from '../../src/core/host';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { countLinesWith, findBytes, scanFileBytes, skipByPath } from '../../src/core/index/fileScan';
import { languageForPath } from '../../src/core/tags/languages';
import { referenceScanWithSyntax } from './support/referenceLexer';

const enc = new TextEncoder();

class MemoryHost implements WorkspaceHost {
  readonly files = new Map<string, Uint8Array | 'throw' | 'undefined'>();
  reads: string[] = [];
  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [k, v] of Object.entries(files)) this.set(k, v);
  }
  set(path: string, content: string | Uint8Array | 'throw' | 'undefined'): void {
    this.files.set(path, content === 'throw' || content === 'undefined' ? content : typeof content === 'string' ? enc.encode(content) : content);
  }
  async *listFiles(_options?: ListOptions): AsyncIterable<string> {
    yield* [...this.files.keys()];
  }
  async read(path: string): Promise<Uint8Array | undefined> {
    this.reads.push(path);
    const v = this.files.get(path);
    if (v === 'throw') throw new Error('EIO');
    if (v === 'undefined') return undefined;
    return v;
  }
  async size(path: string): Promise<number | undefined> {
    const v = this.files.get(path);
    return v instanceof Uint8Array ? v.length : undefined;
  }
}

describe('WorkspaceIndex', () => {
  it('indexes tags, malformed tags and markers, and answers tagsById', async () => {
    const host = new MemoryHost({
      'src/a.ts': '// @intent kr:one, obj:two -- why\nexport function a() {}\n// TODO: tidy\n',
      'src/b.py': '# @debt kr:one\ndef b():\n    pass\n',
      'src/c.ts': 'export const c = 1;\n',
      'src/bad.ts': '// @intnet kr:one\n',
      'README.json': '{"TODO": 1}',
    });
    const index = new WorkspaceIndex(host);
    const generation = index.generation;
    const change = await index.build();
    assert.deepEqual(index.files(), ['README.json', 'src/a.ts', 'src/b.py', 'src/bad.ts', 'src/c.ts']);
    assert.equal(index.generation, generation + 1);
    assert.deepEqual([...change.files].sort(), index.files());
    const a = index.entry('src/a.ts')!;
    assert.deepEqual(a.tags.map((t) => t.ids.map((r) => r.id)), [['kr:one', 'obj:two']]);
    assert.deepEqual(a.markers.map((m) => [m.marker, m.text]), [['TODO', 'tidy']]);
    assert.equal(index.entry('src/c.ts'), undefined);
    assert.equal(index.entry('src/bad.ts')!.malformed.length, 1, 'a typo of a directive is found without the literal @intent');
    assert.deepEqual(index.tagsById('kr:one').map((l) => [l.file, l.ref.range.start.line]), [['src/a.ts', 0], ['src/b.py', 0]]);
    assert.deepEqual([...index.allEntries().keys()].sort(), ['src/a.ts', 'src/b.py', 'src/bad.ts']);
    assert.equal(index.skipReason('README.json'), 'unsupported');
    assert.ok(!host.reads.includes('README.json'), 'files without comment syntax are listed, never read');
    assert.ok(!host.reads.includes('src/c.ts') || index.entry('src/c.ts') === undefined);
  });

  it('counts every skip by reason and never throws on vanished or failing files', async () => {
    const big = new Uint8Array(2048).fill(0x61);
    const host = new MemoryHost({
      'bin.ts': new Uint8Array([0x2f, 0x2f, 0x20, 0, 0x54, 0x4f, 0x44, 0x4f]),
      'big.ts': big,
      'app.min.js': '// TODO\n',
      'bundle.js': `var a=1;${'x'.repeat(1200)}// TODO\n`,
      'gone.ts': 'undefined',
      'eio.ts': 'throw',
      'img.png': new Uint8Array([0x89, 0x50]),
      'ok.ts': '// FIXME: later\n',
    });
    const index = new WorkspaceIndex(host, { maxFileSize: 2000 });
    await index.build();
    assert.deepEqual(index.skipped(), { binary: 1, tooLarge: 1, minified: 2, unreadable: 2, unsupported: 1 });
    assert.equal(index.skipReason('gone.ts'), 'unreadable');
    assert.equal(index.skipReason('bundle.js'), 'minified');
    assert.equal(index.entry('ok.ts')!.markers.length, 1);
    assert.equal(index.files().length, 8);
  });

  it('rescans exactly the updated files and reports one change per batch', async () => {
    const host = new MemoryHost({ 'a.ts': '// @intent kr:a\n', 'b.ts': 'x\n', 'c.ts': '// TODO one\n' });
    const index = new WorkspaceIndex(host);
    await index.build();
    const built = index.generation;
    host.set('b.ts', '// @intent kr:a\n');
    host.set('d.ts', '// @debt kr:d\n');
    host.reads = [];
    const first = await index.update(['b.ts', 'd.ts']);
    assert.deepEqual(host.reads.sort(), ['b.ts', 'd.ts']);
    assert.equal(index.generation, built + 1);
    assert.deepEqual([...first.files].sort(), ['b.ts', 'd.ts']);
    assert.deepEqual(index.tagsById('kr:a').map((l) => l.file), ['a.ts', 'b.ts']);
    assert.ok(index.files().includes('d.ts'));
    const v1 = index.entry('b.ts')!.version;
    await index.update(['b.ts']);
    assert.ok(index.entry('b.ts')!.version > v1);

    const removed = await index.apply({ changed: [], deleted: ['a.ts', 'nope.ts'] });
    assert.equal(index.generation, built + 3);
    assert.deepEqual(removed.files, ['a.ts', 'nope.ts']);
    assert.deepEqual(index.tagsById('kr:a').map((l) => l.file), ['b.ts']);
    assert.ok(!index.files().includes('a.ts'));

    host.set('c.ts', 'clean now\n');
    const last = await index.apply({ changed: ['c.ts'], deleted: ['d.ts'] });
    assert.equal(index.generation, built + 4);
    assert.deepEqual([...last.files].sort(), ['c.ts', 'd.ts']);
    assert.equal(index.entry('c.ts'), undefined);
    assert.ok(!index.files().includes('d.ts'));
  });

  it('keeps the previous state when a build is cancelled', async () => {
    const host = new MemoryHost({ 'a.ts': '// @intent kr:a\n' });
    const index = new WorkspaceIndex(host);
    await index.build();
    host.set('b.ts', '// @intent kr:b\n');
    await index.build({ isCancellationRequested: true });
    assert.deepEqual(index.files(), ['a.ts']);
  });

  it('never throws and stays consistent on random bytes (property)', async () => {
    const names = fc.constantFrom('a.ts', 'b.py', 'c.js', 'd.md', 'e.go', 'f.json', 'g.min.js', 'h.rs', 'i.yaml');
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc.string({ maxLength: 300 }).map((s) => enc.encode(s)),
      fc.array(fc.constantFrom('// @intent kr:x\n', '# TODO: y\n', '@debt', '@Intent ', '\0', '\xff\xfe', 'FIXME(', '/* HACK */', 'x\n'), { maxLength: 40 })
        .map((parts) => enc.encode(parts.join(''))),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(names, content), fc.array(names, { maxLength: 3 }), async (files, changed) => {
        const host = new MemoryHost(files);
        const index = new WorkspaceIndex(host, { maxFileSize: 2000 });
        await index.build();
        assert.equal(index.files().length, Object.keys(files).length);
        const total = Object.values(index.skipped()).reduce((s, n) => s + n, 0);
        assert.ok(total <= index.files().length);
        for (const f of changed) host.set(f, 'throw');
        await index.update(changed);
        for (const f of changed) assert.equal(index.skipReason(f), skipByPath(f) ?? 'unreadable');
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('fileScan', () => {
  it('decodes only when a byte search finds something the scanner could report', () => {
    assert.deepEqual(scanFileBytes('a.ts', enc.encode('const x = 1;\n// nothing to see\n')), { kind: 'clean' });
    assert.equal(scanFileBytes('a.ts', enc.encode('// @param x\n@Component\n')).kind, 'clean');
    const hit = scanFileBytes('a.ts', enc.encode('// @Intent kr:x\n'));
    assert.equal(hit.kind, 'hit');
  });

  it('never skips what the grammar reports in any comment: directives, every one-edit typo in any case, markers (property)', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz-';
    const edit = fc
      .tuple(fc.constantFrom('intent', 'intent-file', 'debt', 'TODO', 'FIXME'), fc.nat(12), fc.constantFrom(...letters), fc.constantFrom('keep', 'sub', 'ins', 'del', 'swap'), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }))
      .map(([word, at, c, op, upper]) => {
        const i = at % word.length;
        let w = word;
        if (op === 'sub') w = w.slice(0, i) + c + w.slice(i + 1);
        else if (op === 'ins') w = w.slice(0, i) + c + w.slice(i);
        else if (op === 'del') w = w.slice(0, i) + w.slice(i + 1);
        else if (op === 'swap' && i + 1 < w.length) w = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
        return [...w].map((ch, k) => (upper[k] ? ch.toUpperCase() : ch)).join('');
      });
    fc.assert(
      fc.property(edit, fc.constantFrom('', '@'), fc.constantFrom(' kr:x -- why', ' debt:y', '', ': later'), fc.constantFrom('// ', '/* ', 'const s = "'), (word, at, tail, opener) => {
        const text = `export const a = 1;\n${opener}${at}${word}${tail}\n@Override\n`;
        // The reference: the char-by-char lexer handing every comment to the tag grammar (no prefilter at all).
        const full = referenceScanWithSyntax(text, languageForPath('a.ts')!);
        const reported = full.tags.length + full.malformed.length + full.markers.length;
        const fast = scanFileBytes('a.ts', enc.encode(text));
        if (reported === 0) assert.equal(fast.kind, 'clean', text);
        else {
          assert.equal(fast.kind, 'hit', text);
          if (fast.kind === 'hit') assert.deepEqual([fast.scan.tags, fast.scan.malformed, fast.scan.markers], [full.tags, full.malformed, full.markers]);
        }
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('finds byte strings like a plain search, from any offset (property)', () => {
    const bytes = fc.uint8Array({ maxLength: 64 }).map((b) => b.map((x) => 0x40 + (x % 6)));
    fc.assert(
      fc.property(bytes, bytes.filter((n) => n.length > 0 && n.length < 5), fc.nat(70), (hay, needle, from) => {
        const h = Buffer.from(hay);
        const expected = from > hay.length ? -1 : h.indexOf(Buffer.from(needle), from);
        assert.equal(findBytes(hay, needle, from), expected);
      }),
      { numRuns: 5000, seed: 5 },
    );
  });

  it('counts raw literal lines like rg -c', () => {
    const lits = ['@intent', 'TODO'].map((s) => enc.encode(s));
    assert.equal(countLinesWith(enc.encode('a TODO @intent\nb\nTODO\n"@intent"'), lits), 3);
    assert.equal(countLinesWith(enc.encode('none\n'), lits), 0);
  });
});
