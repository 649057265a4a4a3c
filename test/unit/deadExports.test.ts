// No dead exports in src/: scripts/dead-exports.mjs (TypeScript compiler API over tsconfig.json) lists the
// exports nothing imports or uses; a newcomer reads every export as live.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('dead exports', function () {
  this.timeout(120_000);
  it('every export of src/ is imported somewhere or used in its own file', () => {
    const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'dead-exports.mjs')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^dead exports: none/);
  });
});
