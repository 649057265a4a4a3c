// Golden test: the demo workspace's findings are pinned (one of every code IL001–IL022, at exact places).
// Regenerate after an intended change with: UPDATE_GOLDEN=1 npx mocha test/unit/demo.test.ts
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJsonFinding } from '../../src/core/findings/format';
import { IntentProject } from '../../src/core/project';
import { NodeHost } from '../../src/node/nodeHost';

const ROOT = join(__dirname, '..', '..');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'demo-findings.json');

describe('demo workspace (golden)', () => {
  let findings: ReturnType<typeof toJsonFinding>[];

  before(async () => {
    const host = new NodeHost(join(ROOT, 'demo'));
    try {
      findings = (await IntentProject.open(host)).findings().map(toJsonFinding);
    } finally {
      host.dispose();
    }
  });

  it('produces exactly the pinned findings', () => {
    // Only an explicit UPDATE_GOLDEN writes the golden file: a missing one is a failure, never a self-comparison.
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, JSON.stringify(findings, null, 2) + '\n');
    assert.ok(existsSync(GOLDEN), `${GOLDEN} is missing: regenerate it with UPDATE_GOLDEN=1 and review the diff`);
    assert.deepEqual(findings, JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('shows at least one finding of every code a manifest and code can produce', () => {
    const codes = new Set(findings.map((f) => f.code));
    for (const code of ['IL001', 'IL002', 'IL003', 'IL004', 'IL005', 'IL010', 'IL011', 'IL012', 'IL020', 'IL021', 'IL022']) {
      assert.ok(codes.has(code as never), `the demo has no ${code}`);
    }
  });

  it('ignores the tag written inside a string literal', () => {
    assert.deepEqual(findings.filter((f) => f.file === 'src/http/server.ts'), []);
  });
});
