// The incremental rescan against a full scan: random edit chains (insert, delete, replace at random byte
// positions: inside strings, comments and tags, splitting UTF-8 sequences, opening or closing block comments
// and strings) must give exactly what scanTags gives for the whole new text, every time.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IncrementalScanner, commonPrefix, commonSuffix } from '../../src/core/index/incrementalScan';
import { scanFileBytes } from '../../src/core/index/fileScan';
import { canResumeAtLineStarts, scanTags } from '../../src/core/tags/tagScanner';
import { prng, sourceText } from '../../bench/corpus';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { MemoryHost } from './support/memoryHost';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

const FILES = ['a.ts', 'a.py', 'a.c', 'a.go', 'a.java', 'a.sql', 'a.lua', 'a.yaml', 'a.sh', 'a.rb', 'a.css', 'a.hs', 'a.rs', 'a.html', 'Makefile'];

const PIECES = [
  '//', '/*', '*/', '/**', '#', '"""', "'''", '"', "'", '`', '${', '}', '{', '\n', '\r\n', '\r', '\\', '--', '--[[', ']]',
  '@intent ', '@intent-file ', '@debt ', '@Intent ', '@intnet ', '@intent: ', 'kr:a', 'obj:b.c', '1bad', ', ', ' -- ',
  ' \u2014 ', 'TODO', 'TODO:', 'FIXME(x)', 'HACK', 'é', '😀', '\u00a0', '\ufeff', ' ', '\t', 'x', 'foo', '(', ')', '<!--', '-->',
];

const LINES = [
  '// @intent kr:cycle-time, problem:a -- filters first',
  'export function search(q: string) {',
  '  const s = `${q} in ${"str // not a comment"} ${ {a: 1}.a }`; /* TODO: x */',
  "  const c = 'it''s'; const r = /re/; // FIXME(bob): later",
  '  /* a block comment',
  '     @debt debt:n-plus-one -- spans lines',
  '     HACK: here */',
  '  # @intent kr:py  -- hash comment',
  '  """doc @intent kr:doc""" -- lua comment TODO',
  '  const t = "unterminated',
  '  x = 1; // plain é 😀 comment',
  '}',
];

function realistic(seed: number, lines: number): string {
  const r = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(LINES[Math.floor(r() * LINES.length)]);
  return out.join(r() < 0.3 ? '\r\n' : '\n') + (r() < 0.5 ? '\n' : '');
}

const edit = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'append', 'bytes'),
  at: fc.nat(),
  len: fc.nat({ max: 40 }),
  piece: fc.oneof(fc.constantFrom(...PIECES), fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((a) => a.join('')), fc.string({ maxLength: 8 })),
  raw: fc.uint8Array({ maxLength: 4 }),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(bytes: Uint8Array, e: Edit): Uint8Array<ArrayBuffer> {
  const insert = e.kind === 'bytes' ? e.raw : encoder.encode(e.piece);
  const at = e.kind === 'append' ? bytes.length : e.at % (bytes.length + 1);
  const del = e.kind === 'delete' || e.kind === 'replace' || e.kind === 'bytes' ? Math.min(e.len, bytes.length - at) : 0;
  const ins = e.kind === 'delete' ? new Uint8Array(0) : insert;
  const out = new Uint8Array(bytes.length - del + ins.length);
  out.set(bytes.subarray(0, at));
  out.set(ins, at);
  out.set(bytes.subarray(at + del), at + ins.length);
  return out;
}

/** Like the node host: every read lands in the same reused buffer. */
const shared = new Uint8Array(1 << 20);
function viaShared(bytes: Uint8Array, offset: number): Uint8Array {
  shared.set(bytes, offset);
  return shared.subarray(offset, offset + bytes.length);
}

function check(scanner: IncrementalScanner, path: string, bytes: Uint8Array, markers: readonly string[], offset = 0): void {
  const got = scanner.scan(path, viaShared(bytes, offset), markers);
  const want = scanTags(decoder.decode(bytes), path, { markers });
  assert.deepEqual(got, want, `${path}: ${JSON.stringify(decoder.decode(bytes))}`);
}

describe('incremental tag scan ≡ full scan', () => {
  it('resumes only for languages whose lexer can restart at a plain line start', () => {
    assert.ok(canResumeAtLineStarts('a.ts'));
    assert.ok(canResumeAtLineStarts('a.py'));
    assert.ok(!canResumeAtLineStarts('a.rs'));
    assert.ok(!canResumeAtLineStarts('a.html'));
    assert.ok(!canResumeAtLineStarts('a.unknown'));
  });

  it('commonPrefix agrees with a byte loop at every alignment', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), fc.nat(), fc.nat({ max: 7 }), fc.nat({ max: 7 }), (a, cut, oa, ob) => {
        const b = a.slice();
        const at = a.length === 0 ? 0 : cut % a.length;
        if (a.length > 0) b[at] ^= 1 + (cut & 0x7f);
        const A = new Uint8Array(a.length + 8);
        A.set(a, oa);
        const B = new Uint8Array(b.length + 8);
        B.set(b, ob);
        let want = 0;
        while (want < a.length && a[want] === b[want]) want++;
        assert.equal(commonPrefix(A.subarray(oa, oa + a.length), a.length, B.subarray(ob, ob + b.length)), want);
        assert.equal(commonPrefix(A.subarray(oa, oa + a.length), a.length, B.subarray(ob, ob + Math.min(b.length, at))), Math.min(want, at));
      }),
      { numRuns: 500 },
    );
  });

  it('commonSuffix agrees with a byte loop at every alignment', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), fc.nat(), fc.nat({ max: 7 }), fc.nat({ max: 7 }), fc.nat({ max: 9 }), fc.nat({ max: 500 }), (a, cut, oa, ob, extra, max) => {
        const tail = a.slice();
        const at = a.length === 0 ? 0 : cut % a.length;
        if (a.length > 0) tail[at] ^= 1 + (cut & 0x7f);
        const b = new Uint8Array(extra + tail.length);
        b.set(tail, extra);
        const A = new Uint8Array(a.length + 8);
        A.set(a, oa);
        const B = new Uint8Array(b.length + 8);
        B.set(b, ob);
        let want = 0;
        while (want < a.length && want < b.length && want < max && a[a.length - 1 - want] === b[b.length - 1 - want]) want++;
        assert.equal(commonSuffix(A.subarray(oa, oa + a.length), a.length, B.subarray(ob, ob + b.length), max), want);
      }),
      { numRuns: 1000 },
    );
  });

  it('random edit chains near the top and middle, several edits between scans, dense checkpoints', () => {
    const near = fc.record({ edit, where: fc.constantFrom('top', 'middle', 'any'), also: fc.option(edit, { nil: undefined }) });
    let resynced = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(...FILES),
        fc.constantFrom(['TODO', 'FIXME', 'HACK'], ['TODO'], ['XX', 'TODO', '']),
        fc.array(near, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 200 }),
        (seed, lines, path, markers, edits, spacing) => {
          const scanner = new IncrementalScanner(8, 1 << 24, spacing);
          let bytes: Uint8Array = encoder.encode(realistic(seed, lines));
          check(scanner, path, bytes, markers);
          check(scanner, path, bytes, markers);
          for (const { edit: e, where, also } of edits) {
            const n = bytes.length + 1;
            const at = where === 'top' ? e.at % Math.min(n, 300) : where === 'middle' ? (n >> 1) + (e.at % Math.min(n, 200)) - 100 : e.at;
            bytes = applyEdit(bytes, { ...e, at: Math.max(0, at) });
            if (also) bytes = applyEdit(bytes, also);
            check(scanner, path, bytes, markers, e.len & 7);
          }
          resynced += scanner.stats().resynced;
        },
      ),
      { numRuns: 600 },
    );
    assert.ok(resynced > 500, `re-synced only ${resynced} times`);
  });

  it('an edit near the top of the benchmark file re-syncs after the edit: only a few KB lexed', () => {
    const ts = { ext: 'ts', comment: (s: string) => `// ${s}`, decl: (n: string) => `export function ${n}(input: string): number {`, lines: () => '  const value = compute(input, options.limit) + offset; // keep it simple' };
    const base = sourceText(prng(99), ts, 10000, { tags: true, markers: true });
    let at = 0;
    for (let k = 0; k < 10; k++) at = base.indexOf('\n', at) + 1;
    const scanner = new IncrementalScanner();
    const markers = ['TODO', 'FIXME', 'HACK'];
    check(scanner, 'x/tagged.ts', encoder.encode(base), markers);
    check(scanner, 'x/tagged.ts', encoder.encode(base), markers);
    const before = scanner.stats();
    for (let i = 0; i < 20; i++) check(scanner, 'x/tagged.ts', encoder.encode(base.slice(0, at) + `// edit ${i}\n` + base.slice(at)), markers);
    const after = scanner.stats();
    assert.equal(after.resynced - before.resynced, 20, JSON.stringify(after));
    assert.ok(after.lexedBytes - before.lexedBytes < 20 * 3 * 4096, JSON.stringify(after));
    assert.ok(base.length > 700_000);
    // Middle of the file, a line removed and a line added elsewhere: still re-synced, still exact.
    const mid = base.indexOf('\n', base.length >> 1) + 1;
    const cut = base.indexOf('\n', mid) + 1;
    check(scanner, 'x/tagged.ts', encoder.encode(base.slice(0, mid) + base.slice(cut)), markers);
    check(scanner, 'x/tagged.ts', encoder.encode(base.slice(0, mid) + '/* TODO: block\n @intent kr:x */\n' + base.slice(cut)), markers);
    assert.equal(scanner.stats().resynced - after.resynced, 2, JSON.stringify(scanner.stats()));
  });

  it('random edit chains on realistic files, in many languages', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(...FILES),
        fc.constantFrom(['TODO', 'FIXME', 'HACK'], ['TODO'], ['XX', 'TODO', '']),
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        fc.nat({ max: 7 }),
        fc.integer({ min: 1, max: 300 }),
        (seed, lines, path, markers, edits, offset, spacing) => {
          const scanner = new IncrementalScanner(8, 1 << 24, spacing);
          let bytes: Uint8Array = encoder.encode(realistic(seed, lines));
          check(scanner, path, bytes, markers, offset);
          check(scanner, path, bytes, markers, offset);
          for (const e of edits) {
            bytes = applyEdit(bytes, e);
            check(scanner, path, bytes, markers, (offset + e.len) & 7);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random edit chains on random piece soup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 300 }),
        fc.constantFrom(...FILES),
        fc.array(edit, { minLength: 1, maxLength: 16 }),
        fc.integer({ min: 1, max: 100 }),
        (parts, path, edits, spacing) => {
          const scanner = new IncrementalScanner(8, 1 << 24, spacing);
          let bytes: Uint8Array = encoder.encode(parts.join(''));
          check(scanner, path, bytes, ['TODO', 'FIXME', 'HACK']);
          check(scanner, path, bytes, ['TODO', 'FIXME', 'HACK']);
          for (const e of edits) {
            bytes = applyEdit(bytes, e);
            check(scanner, path, bytes, ['TODO', 'FIXME', 'HACK']);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('the benchmark file with the benchmark edits, then edits anywhere', () => {
    const ts = { ext: 'ts', comment: (s: string) => `// ${s}`, decl: (n: string) => `export function ${n}(input: string): number {`, lines: () => '  const value = compute(input, options.limit) + offset; // keep it simple' };
    const base = sourceText(prng(99), ts, 3000, { tags: true, markers: true });
    const scanner = new IncrementalScanner();
    const markers = ['TODO', 'FIXME', 'HACK'];
    for (let i = 0; i < 20; i++) check(scanner, 'x/tagged.ts', encoder.encode(base + `// edit ${i}\n`), markers);
    assert.equal(scanner.stats().files, 1);
    assert.ok(scanner.stats().resumed >= 18, JSON.stringify(scanner.stats()));
    const r = prng(7);
    let text = base;
    for (let i = 0; i < 60; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const piece = PIECES[Math.floor(r() * PIECES.length)];
      const del = Math.floor(r() * 4);
      text = text.slice(0, at) + piece + text.slice(at + del);
      check(scanner, 'x/tagged.ts', encoder.encode(text), markers);
    }
    assert.ok(scanner.stats().resumed >= 50, JSON.stringify(scanner.stats()));
  });

  it('keeps at most maxFiles files and maxBytes bytes (LRU)', () => {
    const scanner = new IncrementalScanner(3, 200_000);
    const bytes = encoder.encode(realistic(1, 200));
    for (let k = 0; k < 20; k++) {
      const path = `f${k}.ts`;
      check(scanner, path, bytes, ['TODO']);
      check(scanner, path, bytes, ['TODO']);
      const s = scanner.stats();
      assert.ok(s.files <= 3 && s.files >= 1, JSON.stringify(s));
      assert.ok(s.bytes <= 200_000, JSON.stringify(s));
    }
    // Files over a quarter of the byte budget are never cached.
    const big = encoder.encode(realistic(2, 3000));
    assert.ok(big.length > 50_000);
    const small = new IncrementalScanner(3, 200_000);
    check(small, 'big.ts', big, ['TODO']);
    check(small, 'big.ts', big, ['TODO']);
    assert.equal(small.stats().files, 0);
    // A path scanned once (a build) is only remembered by name.
    const once = new IncrementalScanner();
    for (let k = 0; k < 100; k++) check(once, `g${k}.ts`, bytes, ['TODO']);
    assert.equal(once.stats().files, 0);
  });

  it('scanFileBytes gives the same outcome on repeated rescans as on a first scan', () => {
    let text = realistic(3, 300);
    const r = prng(11);
    for (let i = 0; i < 40; i++) {
      const at = Math.floor(r() * (text.length + 1));
      text = text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at + Math.floor(r() * 3));
      const bytes = encoder.encode(text);
      const scan = scanTags(text, 'inc/scanned.ts', {});
      const empty = scan.tags.length === 0 && scan.malformed.length === 0 && scan.markers.length === 0;
      const got = scanFileBytes('inc/scanned.ts', bytes);
      assert.deepEqual(got, empty ? { kind: 'clean' } : { kind: 'hit', scan });
    }
  });

  it('an index updated edit after edit holds what a fresh build of the final files holds', async () => {
    const files: Record<string, string> = { 'src/a.ts': realistic(4, 400), 'src/b.py': realistic(5, 300) };
    const host = new MemoryHost(files);
    const index = new WorkspaceIndex(host);
    await index.build();
    const r = prng(13);
    for (let i = 0; i < 60; i++) {
      const path = i % 3 === 0 ? 'src/b.py' : 'src/a.ts';
      const text = files[path];
      const at = Math.floor(r() * (text.length + 1));
      files[path] = text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at + Math.floor(r() * 3));
      host.set(path, files[path]);
      await index.update([path]);
      const fresh = new WorkspaceIndex(new MemoryHost(files));
      await fresh.build();
      for (const f of Object.keys(files)) {
        const { version: _a, ...got } = index.entry(f) ?? { version: 0 };
        const { version: _b, ...want } = fresh.entry(f) ?? { version: 0 };
        assert.deepEqual(got, want, `${f} after edit ${i}`);
      }
    }
  });
});
