// The host-free parts of the editor features: lens titles, hover Markdown (escaping, links), completion
// contexts, stub entries for missing IDs, ID occurrences and manifest links — on the demo manifests.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { effectiveIntent } from '../../src/core/analysis/effectiveIntent';
import { manifestCompletionContext, tagCompletionContext } from '../../src/core/editor/completionContext';
import { itemHoverMarkdown, progressText } from '../../src/core/editor/hoverMarkdown';
import { manifestIdAt, manifestLinks, manifestOccurrences } from '../../src/core/editor/idOccurrences';
import { lensTitle, MAX_LENS_IDS } from '../../src/core/editor/lensTitle';
import { escapeMarkdown, sanitizeDescription } from '../../src/core/untrusted/markdown';
import { sectionForId, stubEntryEdit } from '../../src/core/editor/stubEntry';
import { buildGraph } from '../../src/core/manifest/buildGraph';
import { parseManifest } from '../../src/core/manifest/parseManifest';
import type { IntentGraph, Range } from '../../src/core/types';

const demo = join(__dirname, '../../demo');
const rootText = readFileSync(join(demo, 'intent.yaml'), 'utf8');
const graph: IntentGraph = buildGraph([
  { path: 'intent.yaml', text: rootText },
  { path: 'packages/billing/intent.yaml', text: readFileSync(join(demo, 'packages/billing/intent.yaml'), 'utf8') },
]);
const link = (id: string, debt = false) => ({ id, item: graph.items.get(id), via: { kind: 'tag' as const, line: 0, here: true }, debt });

/** Applies a single-range edit to a text (positions are 0-based line/character). */
function apply(text: string, range: Range, replacement: string): string {
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(range.start)) + replacement + text.slice(offset(range.end));
}

describe('editor: lens titles', () => {
  it('names items by title (never the IDs the tag already shows), KRs with progress, and counts the rest', () => {
    const title = lensTitle(
      [link('problem:availability-search'), link('constraint:search-p95-300ms'), link('kr:cycle-time'), link('kr:search-latency-p95', true), link('obj:faster-casting')],
      graph,
    );
    assert.equal(title, '◎ Cut casting turnaround · Median casting cycle from 7 to 3 days 50% · +1 more · ⚠ 1 constraint · 🔥 slows Availability search answers in…');
    assert.doesNotMatch(title!, /kr:|obj:|problem:/);
  });

  it('marks unknown and retired IDs, and never names more than a few items', () => {
    assert.equal(lensTitle([link('kr:nope'), link('kr:online-bookings')], graph), '◎ 90 % of bookings made online instead of… 100% (retired) · kr:nope (unknown)');
    const many = ['kr:cycle-time', 'kr:availability-coverage', 'kr:search-latency-p95', 'kr:shortlist-acceptance', 'problem:missed-callbacks', 'problem:stale-availability'];
    assert.equal(lensTitle(many.map((id) => link(id)), graph), `◎ Median casting cycle from 7 to 3 days 50% · 80 % of active talent with availability… 38% · +${many.length - MAX_LENS_IDS} more`);
    assert.equal(lensTitle([], graph), undefined);
  });

  it('shows a debt item by title and impact, and constraints by title when they are all there is', () => {
    assert.equal(lensTitle([link('debt:n-plus-one')], graph), '🔥 N+1 queries in availability search · high impact');
    assert.equal(lensTitle([link('constraint:search-p95-300ms')], graph), '⚠ The search path stays under 300 ms at p…');
    assert.equal(lensTitle([link('constraint:search-p95-300ms'), link('constraint:no-pii-in-logs')], graph), '⚠ The search path stays under 300 ms at p… · +1 more');
  });

  it('names one item in compact density', () => {
    assert.equal(lensTitle([link('kr:cycle-time'), link('kr:search-latency-p95')], graph, undefined, 'compact'), '◎ Median casting cycle from 7 to 3 days 50% · +1 more');
  });

  it('composes the file lens of the demo search service from its effective intent', () => {
    const links = effectiveIntent({ graph, file: 'src/search/searchService.ts' }).links.filter((l) => l.via.kind !== 'derived');
    assert.equal(lensTitle([link('obj:faster-casting'), ...links], graph), '◎ Cut casting turnaround · Median casting cycle from 7 to 3 days 50% · +1 more · ⚠ 2 constraints');
  });
});

describe('editor: hover Markdown', () => {
  it('shows a KR with baseline → current → target and a text bar', () => {
    assert.equal(progressText({ baseline: 7, current: 5, target: 3, unit: 'days' }), '7 → 5 → 3 days `▰▰▰▰▰▱▱▱▱▱` 50%');
    assert.equal(progressText({ baseline: 1200, target: 300, unit: 'ms' }), '1200 → ? → 300 ms · no current value');
  });

  it('renders a problem with persona, http evidence as links and plain evidence as text, and the provenance', () => {
    const md = itemHoverMarkdown('problem:availability-search', graph.items.get('problem:availability-search'), graph, ['via scope src/search/** (intent.yaml)']);
    assert.equal(md, [
      '**Casting directors cannot filter talent by availability**',
      'Problem `problem:availability-search`',
      '**Persona:** casting director',
      '**Moves:** `kr:cycle-time`, `kr:search-latency-p95`',
      '**Evidence:** ',
      '- [https://research.example.org/casting-hub/interviews-2026-10](https://research.example.org/casting-hub/interviews-2026-10)\n' +
        '- Interviews, Oct 2026: 9 of 12 directors phone agents just to ask who is free',
      '*Declared in intent.yaml:116*',
      '**Linked here:** ',
      '- via scope src/search/\\*\\* \\(intent.yaml\\)',
    ].join('\n\n'));
  });

  it('renders debt cost, impact and tracker, and a constraint kind and appliesTo', () => {
    const debt = itemHoverMarkdown('debt:calendar-polling', graph.items.get('debt:calendar-polling'), graph);
    assert.match(debt, /\*\*Hurts:\*\* `kr:availability-coverage`, `problem:stale-availability`/);
    assert.match(debt, /Cost: L · Impact: medium/);
    assert.match(debt, /\*\*Tracker:\*\* \[https:\/\/tracker\.example\.org\/browse\/CAST-455\]\(https:\/\/tracker\.example\.org\/browse\/CAST-455\)/);
    const constraint = itemHoverMarkdown('constraint:gdpr-retention', graph.items.get('constraint:gdpr-retention'), graph);
    assert.match(constraint, /Constraint `constraint:gdpr-retention`\n\n\*\*Kind:\*\* compliance\n\n\*\*Applies to:\*\* `src\/talent\/\*\*`/);
    assert.match(constraint, /See the \[retention policy\]\(https:\/\/legal\.example\.org\/casting-hub\/retention\)\./);
  });

  it('names the successor of a retired item, and says when an ID is unknown', () => {
    assert.match(itemHoverMarkdown('kr:online-bookings', graph.items.get('kr:online-bookings'), graph), /Status: achieved[\s\S]*\*\*Superseded by:\*\* `kr:cycle-time`/);
    assert.equal(itemHoverMarkdown('kr:nope', undefined, graph), "`kr:nope` — 'kr:nope' is not declared in any intent.yaml");
  });

  it('escapes manifest text: no HTML, no command or javascript links, no images', () => {
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)> [x](command:foo) *a*'), '&lt;img src=x onerror=alert\\(1\\)&gt; \\[x\\]\\(command:foo\\) \\*a\\*');
    const desc = sanitizeDescription('**Bold** <script>x</script> [ok](https://a.example/x) [bad](command:workbench.action.quit) [js](javascript:alert(1)) ![img](https://t.example/p.png) `code <b>`');
    assert.equal(desc, '**Bold** &lt;script&gt;x&lt;/script&gt; [ok](https://a.example/x) bad js\\) img `code <b>`');
    assert.doesNotMatch(desc, /\]\((?!https:)/);
  });
});

describe('editor: completion contexts', () => {
  it('completes after @intent, @intent-file and @debt in comments, also after a comma', () => {
    const text = 'const a = 1; // @intent kr:cy\n# not ts\n/* @debt debt:n-plus-one, deb */\n';
    const ctx = tagCompletionContext(text, text.indexOf('kr:cy') + 5, 'a.ts');
    assert.deepEqual(ctx, { prefix: 'kr:cy', range: { start: { line: 0, character: 24 }, end: { line: 0, character: 29 } } });
    const after = tagCompletionContext(text, text.indexOf(', deb') + 5, 'a.ts');
    assert.equal(after?.prefix, 'deb');
    assert.equal(tagCompletionContext('// @intent-file ', 16, 'a.ts')?.prefix, '');
    assert.equal(tagCompletionContext('# @intent ', 10, 'w.py')?.prefix, '');
  });

  it('does not complete in strings, code, or after a note', () => {
    const text = 'const s = "@intent ";\n// @intent kr:a -- note ';
    assert.equal(tagCompletionContext(text, text.indexOf('" ') - 0, 'a.ts'), undefined);
    assert.equal(tagCompletionContext(text, text.length, 'a.ts'), undefined);
    assert.equal(tagCompletionContext('// @intent x', 12, 'file.unknownext'), undefined);
    assert.equal(tagCompletionContext('// email@intent ', 16, 'a.ts'), undefined);
  });

  it('completes in manifest reference lists with the kinds they accept', () => {
    const at = (needle: string, delta: number) => manifestCompletionContext(rootText, rootText.indexOf(needle) + delta);
    assert.deepEqual(at('keyResults: [kr:cycle-time, kr:search', 18)?.kinds, ['keyResult']);
    assert.equal(at('hurts: [kr:cycle-time, kr:search', 10)?.kinds, undefined);
    assert.equal(at('hurts: [kr:cycle-time, kr:search', 10)?.prefix, 'kr');
    assert.deepEqual(at('serves: [problem:availability-search', 9)?.kinds, ['objective', 'keyResult', 'problem']);
    assert.equal(at('supersededBy: obj:faster-casting', 18)?.prefix, 'obj:');
    // An objective's keyResults hold KR mappings, not references; comments and other keys are not lists of IDs.
    assert.equal(at('    keyResults:\n      # Lower', 16), undefined);
    assert.equal(at('title: Cut casting', 10), undefined);
    assert.equal(at('# `hurts`', 5), undefined);
    const block = 'debt:\n  - id: debt:x\n    title: X\n    hurts:\n      - kr:\n';
    assert.equal(manifestCompletionContext(block, block.indexOf('kr:\n') + 3)?.prefix, 'kr:');
  });
});

describe('editor: stub entries for missing IDs', () => {
  it('chooses the section by the typed prefix', () => {
    assert.deepEqual(['obj:a', 'kr:a', 'problem:a', 'constraint:a', 'debt:a', 'CAST-1'].map(sectionForId), ['objectives', 'keyResults', 'problems', 'constraints', 'debt', undefined]);
  });

  it('adds a KR at the end of the first active objective, keeping comments and indentation', () => {
    const edit = stubEntryEdit(rootText, 'kr:new-one')!;
    assert.equal(edit.objective, 'obj:faster-casting');
    assert.deepEqual(edit.range, { start: { line: 70, character: 17 }, end: { line: 70, character: 17 } });
    assert.equal(edit.text, '\n      - id: kr:new-one\n        title: TODO');
    const after = apply(rootText, edit.range, edit.text);
    assert.equal(after.split('\n').length, rootText.split('\n').length + 2);
    const parsed = parseManifest(after, 'intent.yaml');
    const kr = parsed.manifest!.items.find((i) => i.id === 'kr:new-one');
    assert.equal(kr?.kind === 'keyResult' && kr.objective, 'obj:faster-casting');
    assert.ok(after.includes('# DELIBERATE (IL020)'), 'comments are kept');
  });

  it('adds problems, constraints, debt and objectives at the end of their section, blank line included', () => {
    for (const id of ['problem:new', 'constraint:new', 'debt:new', 'obj:new']) {
      const edit = stubEntryEdit(rootText, id)!;
      assert.match(edit.text, new RegExp(`^\\n\\n  - id: ${id}\\n    title: TODO$`));
      const parsed = parseManifest(apply(rootText, edit.range, edit.text), 'intent.yaml');
      assert.ok(parsed.manifest!.items.some((i) => i.id === id), id);
      assert.deepEqual(parsed.findings.filter((f) => f.code === 'IL001'), []);
    }
  });

  it('creates a missing section, fills an empty list, adds keyResults to an objective without them', () => {
    assert.equal(stubEntryEdit('version: 1\n', 'problem:x')!.text, '\nproblems:\n  - id: problem:x\n    title: TODO');
    const empty = 'version: 1\nproblems: []\n';
    const e1 = stubEntryEdit(empty, 'problem:x')!;
    assert.equal(apply(empty, e1.range, e1.text), 'version: 1\nproblems:\n  - id: problem:x\n    title: TODO\n');
    const noKrs = 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n';
    const e2 = stubEntryEdit(noKrs, 'kr:x')!;
    assert.equal(apply(noKrs, e2.range, e2.text), 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:x\n        title: TODO\n');
    assert.equal(stubEntryEdit('version: [1', 'problem:x'), undefined, 'a broken manifest is not edited');
    assert.equal(stubEntryEdit('version: 1\n', 'kr:x'), undefined, 'a KR needs an objective');
  });
});

describe('editor: ID occurrences and links', () => {
  it('finds the declaration and every reference of an ID in a manifest, quotes excluded', () => {
    const found = manifestOccurrences('intent.yaml', rootText, 'kr:search-latency-p95').map((o) => `${o.kind} ${o.range.start.line + 1}:${o.range.start.character + 1}-${o.range.end.character + 1}`);
    assert.deepEqual(found, ['declaration 57:13-34', 'reference 122:33-54', 'reference 180:28-49']);
    const quoted = 'version: 1\nproblems:\n  - id: "problem:q"\n    title: Q\n';
    assert.deepEqual(manifestOccurrences('intent.yaml', quoted, 'problem:q')[0].range, { start: { line: 2, character: 9 }, end: { line: 2, character: 18 } });
  });

  it('tells what ID sits at a manifest position', () => {
    const pos = (needle: string, delta: number) => {
      const before = rootText.slice(0, rootText.indexOf(needle) + delta).split('\n');
      return [before.length - 1, before[before.length - 1].length] as const;
    };
    assert.equal(manifestIdAt('intent.yaml', rootText, ...pos('id: kr:cycle-time', 6))?.kind, 'declaration');
    assert.deepEqual(manifestIdAt('intent.yaml', rootText, ...pos('hurts: [kr:cycle-tme]', 10)), {
      id: 'kr:cycle-tme', kind: 'reference', range: { start: { line: 195, character: 12 }, end: { line: 195, character: 24 } },
    });
    assert.equal(manifestIdAt('intent.yaml', rootText, ...pos('title: Cut', 8)), undefined);
  });

  it('links http(s) evidence and trackers only', () => {
    assert.deepEqual(manifestLinks(rootText).map((l) => `${l.range.start.line + 1}:${l.range.start.character + 1} ${l.url}`), [
      '120:9 https://research.example.org/casting-hub/interviews-2026-10',
      '129:9 https://support.example.org/casting-hub/tags/availability',
      '144:9 https://research.example.org/casting-hub/callback-survey',
      '191:14 https://tracker.example.org/browse/CAST-455',
    ]);
    assert.deepEqual(manifestLinks('problems:\n  - id: p\n    evidence: ["javascript:alert(1)", "file:///etc/passwd"]\n'), []);
  });
});
