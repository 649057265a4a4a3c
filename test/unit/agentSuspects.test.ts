// get_item reports an item's suspect links once the folder has an intent.lock: lock the demo, re-target a KR,
// and the tool lists the links to re-confirm (IL040, naming the field) through the MCP server's workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTool } from '../../src/core/agent/tools';
import { NodeAgentWorkspace } from '../../src/node/agentWorkspace';
import { runCli } from './reviewGit';

describe('agent tools: suspect links from intent.lock', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'il-agent-lock-'));
    fs.cpSync(path.join(__dirname, '../../demo'), dir, { recursive: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function item(id: string): Promise<{ suspectLinks: { code: string; file: string; line: number; message: string }[] | null }> {
    const ws = await NodeAgentWorkspace.open(dir, { watch: false });
    try {
      const outcome = await runTool(ws, 'get_item', { id, format: 'json' });
      assert.equal(outcome.isError, false, outcome.text);
      return JSON.parse(outcome.text);
    } finally {
      ws.dispose();
    }
  }

  it('says nothing is tracked without a lock, then lists the links a re-targeted KR makes suspect', async () => {
    assert.equal((await item('kr:cycle-time')).suspectLinks, null);
    assert.equal((await runCli(['lock', dir], dir)).code, 0);
    assert.deepEqual((await item('kr:cycle-time')).suspectLinks, []);

    const manifest = path.join(dir, 'intent.yaml');
    const text = fs.readFileSync(manifest, 'utf8');
    const retargeted = text.replace(/(id: kr:cycle-time[\s\S]*?target:) 3/, '$1 2');
    assert.notEqual(retargeted, text);
    fs.writeFileSync(manifest, retargeted);

    const suspects = (await item('kr:cycle-time')).suspectLinks!;
    assert.ok(suspects.length > 0);
    assert.ok(suspects.every((s) => s.code === 'IL040' && /target: 3 → 2/.test(s.message)), JSON.stringify(suspects));
    assert.ok(suspects.some((s) => s.file === 'src/search/ranking.ts'), JSON.stringify(suspects));
    // Another item's links stay clean.
    assert.deepEqual((await item('kr:search-latency-p95')).suspectLinks, []);
  });
});
