// The sidebar's host-free logic on the demo workspace: debt grouping and ranking, untriaged TODOs, linked
// code per item, constraint reach; and the text the tech-lead commands write (tags, triage, manifest entries).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildGraph } from '../../src/core/manifest/buildGraph';
import { parseManifest } from '../../src/core/manifest/parseManifest';
import { IntentProject } from '../../src/core/project';
import { scanTags } from '../../src/core/tags/tagScanner';
import type { Range } from '../../src/core/types';
import { compareDebt } from '../../src/core/model/debtRanking';
import { commentSyntaxFor, planDebtTag, planIntentLink, planTriage, tagComment, type TextEdit } from '../../src/core/views/commentText';
import { ViewModel } from '../../src/core/views/linkedCode';
import { planDebtEntry, slugify, starterManifest, uniqueDebtId, yamlString } from '../../src/core/views/manifestText';
import { NodeHost } from '../../src/node/nodeHost';

const DEMO = join(__dirname, '..', '..', 'demo');

/** Applies one edit to text (lines and characters as in the core's Range). */
export function applyTextEdit(text: string, edit: TextEdit): string {
  const offset = (p: Range['start']) => {
    let o = 0;
    for (let i = 0; i < p.line; i++) o = text.indexOf('\n', o) + 1;
    return o + p.character;
  };
  return text.slice(0, offset(edit.range.start)) + edit.text + text.slice(offset(edit.range.end));
}

describe('views: demo model', () => {
  let model: ViewModel;
  before(async () => {
    const host = new NodeHost(DEMO);
    try {
      const project = await IntentProject.open(host);
      model = new ViewModel(project.graph, project.index);
    } finally {
      host.dispose();
    }
  });

  it('groups debt by what it hurts, most urgent first (impact, then cost), inline tags last in a group', () => {
    const groups = model.debtGroups().map((g) => [g.id, g.entries.map((e) => (e.kind === 'item' ? e.item.id : `${e.file}:${e.tag.range.start.line + 1}`))]);
    assert.deepEqual(groups, [
      ['obj:talent-trust', ['debt:float-money']],
      ['kr:invoice-disputes', ['debt:float-money']],
      ['kr:cycle-time', ['debt:n-plus-one', 'src/notifications/email.ts:14']],
      ['kr:search-latency-p95', ['debt:n-plus-one', 'src/search/ranking.ts:14']],
      ['constraint:search-p95-300ms', ['debt:shared-db-pool']],
      ['kr:availability-coverage', ['debt:calendar-polling']],
      ['problem:stale-availability', ['debt:calendar-polling']],
      ['kr:cycle-tme', ['debt:booking-status-strings']],
    ]);
  });

  it('anchors manifest debt items at their @debt tags', () => {
    const n1 = model.debtGroups().find((g) => g.id === 'kr:cycle-time')!.entries[0];
    assert.equal(n1.kind, 'item');
    assert.deepEqual(n1.kind === 'item' && n1.anchors.map((a) => `${a.file}:${a.tag.range.start.line + 1}`), ['src/search/availabilityFilter.ts:18']);
  });

  it('lists the TODO/FIXME/HACK comments no tag covers (the one above a @debt tag is triaged)', () => {
    const untriaged = model.untriaged().map((m) => `${m.file}:${m.marker.range.start.line + 1} ${m.marker.marker}`);
    assert.deepEqual(untriaged, [
      'packages/billing/src/payouts.ts:18 TODO',
      'src/bookings/bookingService.ts:48 FIXME',
      'src/bookings/bookingState.ts:20 HACK',
      'src/notifications/email.ts:18 FIXME',
      'src/notifications/notifier.ts:35 TODO',
      'src/search/availabilityFilter.ts:31 FIXME',
      'src/search/ranking.ts:22 TODO',
      'src/talent/submissions.ts:38 TODO',
      'src/talent/talentRepository.ts:36 HACK',
      'src/utils/dates.ts:19 TODO',
      'worker/availability_sync.py:43 TODO',
      'worker/calendar_import.py:53 FIXME',
    ]);
  });

  it('finds the code linked to a KR: tagged files first, then the files its scopes serve', () => {
    const files = model.linkedCode('kr:cycle-time').map((f) => `${f.file}${f.places.length ? ` (${f.places.map((p) => p.tag.range.start.line + 1).join(',')})` : ''}${f.glob ? ` via ${f.glob}` : ''}`);
    assert.deepEqual(files, [
      'src/bookings/bookingService.ts (24)',
      'src/notifications/notifier.ts (22)',
      'src/search/ranking.ts (11) via src/search/**',
      'src/talent/submissions.ts (19)',
      'src/search/availabilityFilter.ts via src/search/**',
      'src/search/searchService.test.ts via src/search/**',
      'src/search/searchService.ts via src/search/**',
    ]);
    assert.deepEqual(model.problemsFor('kr:search-latency-p95').map((p) => p.id), ['problem:availability-search']);
  });

  it('finds where a constraint applies (appliesTo, negations honoured)', () => {
    const files = model.constraintCode('constraint:search-p95-300ms').map((f) => f.file);
    assert.deepEqual(files, ['src/db/pool.ts', 'src/db/queries.ts', 'src/search/availabilityFilter.ts', 'src/search/ranking.ts', 'src/search/searchService.test.ts', 'src/search/searchService.ts']);
    assert.ok(!model.constraintCode('constraint:gdpr-retention').some((f) => f.file.startsWith('src/legacy-export')));
  });
});

describe('views: ranking', () => {
  it('ranks high impact before medium, then S before XL, unknown values last', () => {
    const e = (key: string, impact?: 'high' | 'medium' | 'low', cost?: 'S' | 'M' | 'L' | 'XL') => ({ key, impact, cost, kind: 'item' as const });
    const sorted = [e('a', 'low', 'S'), e('b', 'high', 'XL'), e('c', 'high', 'S'), e('d'), e('e', 'medium')].sort(compareDebt).map((x) => x.key);
    assert.deepEqual(sorted, ['c', 'b', 'e', 'a', 'd']);
  });
});

describe('views: comment text', () => {
  it('uses the line comment of the language, else its block comment', () => {
    assert.equal(tagComment(commentSyntaxFor('a.ts')!, '@intent', ['kr:a', 'kr:b']), '// @intent kr:a, kr:b');
    assert.equal(tagComment(commentSyntaxFor('a.py')!, '@debt', ['kr:a'], 'slow'), '# @debt kr:a -- slow');
    assert.equal(tagComment(commentSyntaxFor('q.sql')!, '@intent', ['kr:a']), '-- @intent kr:a');
    assert.equal(tagComment(commentSyntaxFor('a.css')!, '@debt', ['kr:a'], 'x */ y'), '/* @debt kr:a -- x * / y */');
    assert.equal(tagComment(commentSyntaxFor('page.html')!, '@intent', ['kr:a']), '<!-- @intent kr:a -->');
    assert.equal(commentSyntaxFor('data.bin'), undefined);
  });

  it('inserts an @intent comment above the symbol with its indentation', () => {
    const text = 'class A {\n    run() {}\n}\n';
    const plan = planIntentLink(text, 'a.ts', 1, ['kr:a', 'kr:b', 'kr:a']);
    assert.equal(plan.kind, 'insert');
    assert.equal(plan.kind === 'insert' && applyTextEdit(text, plan.edit), 'class A {\n    // @intent kr:a, kr:b\n    run() {}\n}\n');
  });

  it('keeps CRLF line ends and tabs', () => {
    const text = 'def a():\r\n\tpass\r\n';
    const plan = planIntentLink(text, 'w.py', 1, ['kr:a']);
    assert.equal(plan.kind === 'insert' && applyTextEdit(text, plan.edit), 'def a():\r\n\t# @intent kr:a\r\n\tpass\r\n');
  });

  it('extends the @intent tag directly above, adding only missing IDs and keeping the note', () => {
    const text = '// @intent kr:a -- why\nfunction f() {}\n';
    const plan = planIntentLink(text, 'a.ts', 1, ['kr:a', 'kr:b']);
    assert.equal(plan.kind, 'extend');
    assert.equal(plan.kind === 'extend' && applyTextEdit(text, plan.edit), '// @intent kr:a, kr:b -- why\nfunction f() {}\n');
    assert.equal(planIntentLink(text, 'a.ts', 1, ['kr:a']).kind, 'unchanged');
    assert.equal(planIntentLink(text, 'a.bin', 1, ['kr:a']).kind, 'unsupported');
  });

  it('writes an inline @debt tag above a line', () => {
    const text = 'x\n  y()\n';
    assert.equal(applyTextEdit(text, planDebtTag(text, 'a.ts', 1, ['kr:a'], 'retries\nback to back')!), 'x\n  // @debt kr:a -- retries back to back\n  y()\n');
  });

  it('turns a TODO into a @debt tag without touching the rest of the line', () => {
    const line = '  // TODO: cache scores per brief';
    const edit = planTriage(line, 3, 5, 'TODO', ['kr:a', 'kr:b'])!;
    assert.equal(applyTextEdit(line, { ...edit, range: { start: { ...edit.range.start, line: 0 }, end: { ...edit.range.end, line: 0 } } }), '  // @debt kr:a, kr:b -- cache scores per brief');
    const moved = planTriage('# FIXME(ann) - folded lines', 0, 9, 'FIXME', ['kr:a'])!;
    assert.equal(applyTextEdit('# FIXME(ann) - folded lines', moved), '# @debt kr:a -- folded lines');
    assert.equal(applyTextEdit('// HACK', planTriage('// HACK', 0, 3, 'HACK', ['kr:a'])!), '// @debt kr:a');
    assert.equal(planTriage('// nothing here', 0, 3, 'TODO', ['kr:a']), undefined);
    const scan = scanTags('// @debt kr:a, kr:b -- cache scores per brief', 'a.ts');
    assert.deepEqual(scan.tags[0].ids.map((r) => r.id), ['kr:a', 'kr:b']);
  });
});

describe('views: manifest text', () => {
  it('slugs notes into IDs and keeps them unique', () => {
    assert.equal(slugify('N+1 queries in the Availability search!'), 'n-plus-1-queries-in-the-availability-search');
    assert.equal(slugify('Écrire en français, à la main'), 'ecrire-en-francais-a-la-main');
    assert.equal(slugify('!!!'), 'item');
    assert.ok(slugify('word '.repeat(40)).length <= 48);
    const taken = new Set(['debt:slow', 'debt:slow-2']);
    assert.equal(uniqueDebtId('Slow', (id) => taken.has(id)), 'debt:slow-3');
  });

  it('quotes YAML scalars only when needed', () => {
    assert.equal(yamlString('Retries back to back'), 'Retries back to back');
    assert.equal(yamlString('key: value # not a comment'), '"key: value # not a comment"');
    assert.equal(yamlString('true'), '"true"');
    assert.equal(yamlString('- dash'), '"- dash"');
  });

  const entry = { id: 'debt:retries', title: 'Retries: back to back', hurts: ['kr:a', 'kr:b'], cost: 'M' as const, impact: 'high' as const };

  it('appends an entry after the last one, before the comments of the next section', () => {
    const text = [
      'version: 1',
      'debt:',
      '  - id: debt:one',
      '    title: One',
      '',
      '  # a comment inside the section',
      '  - id: debt:two',
      '    title: Two',
      '',
      '# ── Scopes ──',
      'scopes: []',
      '',
    ].join('\n');
    const out = applyTextEdit(text, planDebtEntry(text, entry));
    assert.equal(out, [
      'version: 1',
      'debt:',
      '  - id: debt:one',
      '    title: One',
      '',
      '  # a comment inside the section',
      '  - id: debt:two',
      '    title: Two',
      '',
      '  - id: debt:retries',
      '    title: "Retries: back to back"',
      '    hurts: [kr:a, kr:b]',
      '    cost: M',
      '    impact: high',
      '',
      '# ── Scopes ──',
      'scopes: []',
      '',
    ].join('\n'));
  });

  it('creates the section when missing, and turns `debt: []` into a list', () => {
    const none = 'version: 1\nproduct: X';
    assert.equal(applyTextEdit(none, planDebtEntry(none, entry)), 'version: 1\nproduct: X\n\ndebt:\n  - id: debt:retries\n    title: "Retries: back to back"\n    hurts: [kr:a, kr:b]\n    cost: M\n    impact: high\n');
    const empty = 'version: 1\ndebt: [] # none yet\nscopes: []\n';
    assert.equal(applyTextEdit(empty, planDebtEntry(empty, entry)), 'version: 1\ndebt: # none yet\n  - id: debt:retries\n    title: "Retries: back to back"\n    hurts: [kr:a, kr:b]\n    cost: M\n    impact: high\nscopes: []\n');
  });

  it('writes a starter manifest that parses without a finding and takes a new debt entry', () => {
    const text = starterManifest('Casting: Hub');
    const parsed = parseManifest(text, 'intent.yaml');
    assert.deepEqual(parsed.findings, []);
    const withDebt = applyTextEdit(text, planDebtEntry(text, { id: 'debt:x', title: 'X', hurts: [], cost: 'S', impact: 'low' }));
    const graph = buildGraph([{ path: 'intent.yaml', text: withDebt }]);
    assert.deepEqual(graph.findings, []);
    assert.equal(graph.items.get('debt:x')?.kind, 'debt');
    assert.match(text, /^product: "Casting: Hub"$/m);
  });

  it('keeps the demo manifest valid and every other line intact after adding an entry', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(DEMO, 'intent.yaml'), 'utf8');
    const out = applyTextEdit(text, planDebtEntry(text, entry));
    const block = '\n  - id: debt:retries\n    title: "Retries: back to back"\n    hurts: [kr:a, kr:b]\n    cost: M\n    impact: high\n';
    assert.equal(out.replace(block, ''), text);
    assert.deepEqual(buildGraph([{ path: 'intent.yaml', text: out }]).items.get('debt:retries')?.kind, 'debt');
    assert.match(out, /    impact: medium\n\n  - id: debt:retries\n[^]*impact: high\n\n# ── Scopes/);
  });
});

