// Property tests: no input makes parseManifest or buildGraph throw, and every finding lands inside its text.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { buildGraph, parseManifest } from '../../src/core/manifest';
import type { Finding, Range } from '../../src/core/types';

const DIR = join(__dirname, '..', 'fixtures', 'manifests');
const SEEDS = ['valid', 'invalid'].flatMap((d) =>
  readdirSync(join(DIR, d)).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(DIR, d, f), 'utf8')));

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function assertInside(range: Range, text: string, what: string): void {
  const lengths = lineLengths(text);
  const ok = (p: Range['start']): boolean =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 &&
    p.line < lengths.length && p.character <= lengths[p.line];
  assert.ok(ok(range.start) && ok(range.end), `${what}: ${JSON.stringify(range)} is outside the text`);
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: ${JSON.stringify(range)} ends before it starts`);
}

function checkFindings(findings: readonly Finding[], texts: ReadonlyMap<string, string>): void {
  for (const f of findings) {
    const text = texts.get(f.file);
    assert.ok(text !== undefined, `finding for unknown file ${f.file}`);
    assert.ok(f.message.length > 0 && !f.message.includes('[object Object]'), `bad message: ${f.message}`);
    assertInside(f.range, text, `${f.code} ${f.message}`);
    for (const r of f.related ?? []) assertInside(r.range, texts.get(r.file) ?? '', `related of ${f.code}`);
    for (const fix of f.fixes ?? []) if (fix.kind === 'replaceId') assertInside(fix.range, text, `fix of ${f.code}`);
  }
}

/** Small edits that a person (or a fuzzer) makes to a manifest: YAML-significant characters especially. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...'[]{}:,-&*!|>\'"#\n\t %@`?'.split(''), '*a', '&a ', '\n  - ', '__proto__: 1\n', ': ', '\r\n', '\uFEFF', '😀')) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: readonly Mutation[]): string {
  let out = text;
  for (const m of edits) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else {
      const lines = out.split('\n');
      const i = m.at % lines.length;
      lines.splice(i, 0, lines[i]);
      out = lines.join('\n');
    }
  }
  return out;
}

describe('manifest properties', function () {
  this.timeout(120_000);

  it('random text never throws and every finding is inside the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      const { findings } = parseManifest(text, 'intent.yaml');
      checkFindings(findings, new Map([['intent.yaml', text]]));
    }), { numRuns: 300 });
  });

  it('mutated manifests never throw, in parseManifest or buildGraph', () => {
    fc.assert(fc.property(
      fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }),
      fc.constantFrom(...SEEDS), fc.array(mutation, { maxLength: 3 }),
      (a, editsA, b, editsB) => {
        const texts = new Map([['intent.yaml', mutate(a, editsA)], ['pkg/intent.yaml', mutate(b, editsB)]]);
        const graph = buildGraph([...texts].map(([path, text]) => ({ path, text })));
        checkFindings(graph.findings, texts);
        for (const item of graph.items.values()) {
          const text = texts.get(item.source.manifest) ?? '';
          assertInside(item.source.range, text, `range of ${item.id}`);
          assertInside(item.source.idRange, text, `idRange of ${item.id}`);
        }
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }), { numRuns: 300 });
  });

  it('manifest-shaped random data never throws and every finding is inside the text', () => {
    const key = fc.constantFrom('id', 'title', 'keyResults', 'hurts', 'serves', 'paths', 'evidence', 'target', 'baseline', 'current', 'status', 'cost', 'supersededBy', 'appliesTo', 'objectives', '__proto__', 'constructor', 'x');
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('obj:a', 'kr:a', 'kr:b', 'problem:a', '../x', '/abs', 'javascript:x', 'https://e.org'), fc.array(fc.constantFrom('obj:a', 'kr:a', 'kr:x', 'src/**', '../../x'), { maxLength: 3 }));
    const item = fc.dictionary(key, value, { maxKeys: 6 });
    const manifest = fc.record({
      version: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 0 })),
      objectives: fc.array(fc.oneof(item, fc.record({ id: fc.constantFrom('obj:a', 'obj:b'), title: fc.string(), keyResults: fc.array(item, { maxLength: 3 }) })), { maxLength: 3 }),
      problems: fc.array(item, { maxLength: 3 }),
      constraints: fc.array(item, { maxLength: 2 }),
      debt: fc.array(item, { maxLength: 2 }),
      scopes: fc.array(item, { maxLength: 2 }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(manifest, fc.boolean(), (data, flow) => {
      const text = stringify(data, { collectionStyle: flow ? 'flow' : 'block' });
      const graph = buildGraph([{ path: 'intent.yaml', text }]);
      checkFindings(graph.findings, new Map([['intent.yaml', text]]));
    }), { numRuns: 300 });
  });
});
