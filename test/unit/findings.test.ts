// Output formats of findings: compiler-style text, JSON shape, SARIF 2.1.0 validity, baselines, README table.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { createBaseline, newSince, parseBaseline } from '../../src/core/findings/baseline';
import { FINDING_CODES } from '../../src/core/findings/codes';
import { fingerprint } from '../../src/core/findings/fingerprint';
import { formatText, reaches, summarize, toJsonFinding } from '../../src/core/findings/format';
import { findingsMarkdown } from '../../src/core/findings/markdown';
import { toSarif } from '../../src/core/findings/sarif';
import type { Finding } from '../../src/core/types';

const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

const unknown: Finding = { code: 'IL010', severity: 'error', message: "unknown ID 'kr:cycle-tme' (did you mean 'kr:cycle-time'?)", file: 'src/a.ts', range: r(11, 7, 11, 19) };
const glob: Finding = { code: 'IL005', severity: 'warning', message: "glob 'src/x/**' of scope matches no file", file: 'intent.yaml', range: r(3, 4, 3, 14) };
const unlinked: Finding = {
  code: 'IL020', severity: 'info', message: "key result 'kr:a' has no linked code", file: 'pkg/intent.yaml', range: r(0, 0, 0, 4),
  related: [{ file: 'intent.yaml', range: r(1, 2, 1, 3), message: 'declared here' }],
};

describe('finding formats', () => {
  it('prints compiler-style text with 1-based positions', () => {
    assert.equal(formatText(unknown), "src/a.ts:12:8: error IL010 unknown ID 'kr:cycle-tme' (did you mean 'kr:cycle-time'?)");
  });

  it('prints the documented JSON shape', () => {
    assert.deepEqual(toJsonFinding(unknown), {
      code: 'IL010', severity: 'error', message: unknown.message, file: 'src/a.ts', line: 12, column: 8, endLine: 12, endColumn: 20,
    });
    assert.deepEqual(summarize([unknown, glob, unlinked]), { errors: 1, warnings: 1, infos: 1, total: 3, byCode: { IL010: 1, IL005: 1, IL020: 1 } });
  });

  it('decides failure by --fail-on', () => {
    assert.equal(reaches([glob, unlinked], 'error'), false);
    assert.equal(reaches([glob, unlinked], 'warning'), true);
    assert.equal(reaches([unlinked], 'warning'), false);
    assert.equal(reaches([unlinked], 'info'), true);
    assert.equal(reaches([unknown], 'never'), false);
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const schemaPath = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const sarif = toSarif([unknown, glob, unlinked], '1.2.3') as any;
    const valid = validate(JSON.parse(JSON.stringify(sarif)));
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((x: any) => x.id), FINDING_CODES.map((c) => c.code));
    assert.ok(run.tool.driver.rules.every((x: any) => x.help.text.length > 20));
    assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 12, startColumn: 8, endLine: 12, endColumn: 20 });
    assert.equal(run.results[2].level, 'note');
    assert.equal(run.results[2].relatedLocations[0].physicalLocation.artifactLocation.uri, 'intent.yaml');
    // A broken document is caught: the check can fail.
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false);
  });

  it('renders Markdown with untrusted text escaped', () => {
    const md = findingsMarkdown([{ ...unknown, message: 'bad <img src=x onerror=alert(1)> [x](javascript:alert(1))' }]);
    assert.match(md, /1 error\(s\), 0 warning\(s\), 0 info\(s\)/);
    assert.ok(!md.includes('<'), md);
    assert.match(md, /&lt;img/);
    assert.ok(!md.includes('](javascript:'), md);
  });
});

describe('baselines', () => {
  it('fingerprints ignore line moves but not message changes', () => {
    assert.equal(fingerprint(unknown), fingerprint({ ...unknown, range: r(40, 0, 40, 3) }));
    assert.notEqual(fingerprint(unknown), fingerprint({ ...unknown, message: 'other' }));
  });

  it('reports only findings not in the baseline, counting duplicates', () => {
    const baseline = { version: 1 as const, fingerprints: { [fingerprint(unknown)]: 1, [fingerprint(glob)]: 1 } };
    const moved = { ...unknown, range: r(50, 0, 50, 5) };
    assert.deepEqual(newSince(baseline, [moved, glob, unlinked]), [unlinked]);
    assert.deepEqual(newSince(baseline, [unknown, unknown]), [unknown]);
  });

  it('round-trips through its file text and rejects other JSON', () => {
    const text = JSON.stringify(createBaseline([unknown, unknown, glob]));
    const back = parseBaseline(text);
    assert.deepEqual(back?.fingerprints, { [fingerprint(unknown)]: 2, [fingerprint(glob)]: 1 });
    assert.equal(parseBaseline('{"findings": []}'), undefined);
    assert.equal(parseBaseline('not json'), undefined);
    assert.equal(parseBaseline('{"version":1,"fingerprints":[]}'), undefined);
  });
});

describe('README', () => {
  it('documents every finding code with its severity and title', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.split('<!-- findings-table:start -->')[1]?.split('<!-- findings-table:end -->')[0] ?? '';
    const rows = table.split('\n').filter((l) => /^\| IL\d{3} /.test(l));
    assert.deepEqual(rows, FINDING_CODES.map((c) => `| ${c.code} | ${c.severity} | ${c.title} |`));
  });
});
