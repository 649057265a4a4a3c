// The built `intent-lens` command (dist/cli.js): it loads the CLI bundle with the V8 code cache the build wrote,
// answers exactly as the bundle run directly does, and shrugs off a cache that does not fit. Needs `npm run build`
// (`npm test` builds before the unit tests).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');

function run(script: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', input, timeout: 60_000, env: { ...process.env, INTENT_LENS_DEBUG: '1', INTENT_LENS_WRITE_CODE_CACHE: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the built intent-lens command', function () {
  this.timeout(120_000);
  let dir: string;
  before(function () {
    if (!existsSync(join(DIST, 'cli.js')) || !existsSync(join(DIST, 'cli-main.js'))) this.skip();
    dir = mkdtempSync(join(tmpdir(), 'intent-launch-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'intent.yaml'), 'version: 1\nobjectives:\n  - id: obj:a\n    title: A\n    keyResults:\n      - id: kr:a\n        title: KR A\n');
    writeFileSync(join(dir, 'src', 'a.ts'), '// @intent kr:a -- linked\nexport const a = 1;\n// @intent kr:nope\nexport const b = 2;\n');
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('uses the code cache the build wrote, and answers as the bundle itself', () => {
    assert.ok(existsSync(join(DIST, 'cli-main.js.cache')), 'the build writes dist/cli-main.js.cache after its sample run');
    const launched = run(join(DIST, 'cli.js'), ['check', dir, '--format', 'json']);
    assert.match(launched.err, /code cache used/);
    const direct = run(join(DIST, 'cli-main.js'), ['check', dir, '--format', 'json']);
    assert.equal(launched.code, 1);
    assert.equal(launched.code, direct.code);
    assert.equal(launched.out, direct.out);
    assert.match(launched.out, /kr:nope/);
  });

  it('compiles as usual when the cache does not fit, and loads the MCP bundle beside it', () => {
    const copy = join(dir, 'dist-copy');
    cpSync(DIST, copy, { recursive: true });
    try {
      // Another build of the same length (V8 alone would take its cache): one message changed, same size.
      const main = readFileSync(join(copy, 'cli-main.js'), 'utf8');
      const changed = main.replace('needs at least one ID', 'needs at least one Id');
      assert.notEqual(changed, main);
      assert.equal(changed.length, main.length);
      writeFileSync(join(copy, 'cli-main.js'), changed);
      writeFileSync(join(dir, 'src', 'b.ts'), '// @intent\nexport const c = 3;\n');
      const stale = run(join(copy, 'cli.js'), ['check', dir]);
      assert.match(stale.err, /code cache stale/);
      assert.match(stale.out, /@intent needs at least one Id/);
      rmSync(join(dir, 'src', 'b.ts'));
      // Bytes that are not a cache for this Node at all, behind the right digest: V8 refuses them.
      const digest = readFileSync(join(DIST, 'cli-main.js.cache')).subarray(0, 20);
      writeFileSync(join(copy, 'cli-main.js'), main);
      writeFileSync(join(copy, 'cli-main.js.cache'), Buffer.concat([digest, Buffer.from('not a V8 code cache')]));
      const r = run(join(copy, 'cli.js'), ['check', dir, '--format', 'json']);
      assert.match(r.err, /code cache rejected/);
      assert.equal(r.code, 1);
      assert.match(r.out, /kr:nope/);
      rmSync(join(copy, 'cli-main.js.cache'));
      const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } });
      const mcp = run(join(copy, 'cli.js'), ['mcp', dir], init + '\n');
      assert.match(mcp.err, /code cache absent/);
      assert.equal(JSON.parse(mcp.out.split('\n')[0]).result.serverInfo.name, 'intent-lens');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
