// The core's translatable messages: every template written in src/core has a French translation in
// l10n/bundle.l10n.fr.json with the same placeholders, and the English text is the filled template.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeProvenance, provenanceMessage } from '../../src/core/analysis/effectiveIntent';
import { tagFindings } from '../../src/core/analysis/codeFindings';
import { english, format, message, msg } from '../../src/core/l10n';
import { buildGraph } from '../../src/core/manifest';
import { ID_MESSAGE, REFINE_MESSAGES } from '../../src/core/manifest/manifestSchema';
import { scanTags } from '../../src/core/tags/tagScanner';
import { RETIRED_STATUSES } from '../../src/core/types';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** The literal first argument of every `msg(…)` and `message(…)` call in src/core. */
function literalTemplates(): Set<string> {
  const found = new Set<string>();
  const call = /\b(?:msg|message)\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const file of sources(join(ROOT, 'src', 'core'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(call)) {
      found.add(JSON.parse(m[1] === '"' ? `"${m[2]}"` : `"${m[2].replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string);
    }
  }
  return found;
}

/** Templates passed as values rather than literals: refinement messages and retired statuses. */
const DYNAMIC_TEMPLATES = [...Object.values(REFINE_MESSAGES), ID_MESSAGE, ...RETIRED_STATUSES, 'retired'];

const placeholders = (s: string): string[] => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();

describe('core l10n', () => {
  const templates = [...literalTemplates(), ...DYNAMIC_TEMPLATES];

  it('finds the templates of the finding and provenance messages', () => {
    assert.ok(templates.length > 60, `only ${templates.length} templates found`);
    for (const t of ["unknown ID '{0}' (did you mean '{1}'?)", 'tagged here (line {0})', 'via scope {0} ({1})', "'{0}' is {1}; its successor is '{2}'"]) {
      assert.ok(templates.includes(t), t);
    }
  });

  it('has a French translation of every template, with the same placeholders', () => {
    const missing = templates.filter((t) => typeof BUNDLE[t] !== 'string' || BUNDLE[t].trim() === '');
    assert.deepEqual(missing, [], 'templates without a French entry in l10n/bundle.l10n.fr.json');
    for (const t of templates) assert.deepEqual(placeholders(BUNDLE[t]), placeholders(t), `placeholders of "${t}"`);
  });

  it('fills placeholders, repeated ones and nested messages', () => {
    assert.equal(format("unknown ID '{0}' (did you mean '{1}'?)", ['kr:a', 'kr:b']), "unknown ID 'kr:a' (did you mean 'kr:b'?)");
    assert.equal(format("debt item '{0}' has neither a code anchor (@debt {0}) nor a tracker", ['debt:x']), "debt item 'debt:x' has neither a code anchor (@debt debt:x) nor a tracker");
    assert.equal(format('{0}: {1}', ['objectives[0]', message("missing required '{0}'", 'title')]), "objectives[0]: missing required 'title'");
    assert.equal(format('line {0} of {1}', [3]), 'line 3 of {1}');
    const m = msg("'{0}' is declared here", 'kr:a');
    assert.equal(m.message, "'kr:a' is declared here");
    assert.deepEqual(m.l10n, { template: "'{0}' is declared here", args: ['kr:a'] });
  });

  it('keeps the English text of findings and provenance equal to their filled templates', () => {
    const graph = buildGraph([{ path: 'intent.yaml', text: 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:a\n        title: B\n        supersededBy: kr:nope\n' }]);
    const scan = scanTags('// @intent kr:b, \n// @intnet kr:a\n', 'src/a.ts');
    const findings = [...graph.findings, ...tagFindings(graph, 'src/a.ts', scan)];
    assert.ok(findings.length >= 3, JSON.stringify(findings.map((f) => f.message)));
    for (const f of findings) {
      assert.ok(f.l10n, `${f.code} ${f.message} has no template`);
      assert.equal(english(f.l10n), f.message);
      for (const r of f.related ?? []) if (r.l10n) assert.equal(english(r.l10n), r.message);
    }
    const via = { kind: 'scope', glob: 'src/search/**', manifest: 'intent.yaml' } as const;
    assert.equal(describeProvenance(via), 'via scope src/search/** (intent.yaml)');
    assert.deepEqual(provenanceMessage(via), { template: 'via scope {0} ({1})', args: ['src/search/**', 'intent.yaml'] });
    assert.equal(describeProvenance({ kind: 'tag', line: 4, here: true }), 'tagged here (line 5)');
  });
});
