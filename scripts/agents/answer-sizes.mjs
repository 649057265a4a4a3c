// Measures the agent tools' answers on a git copy of demo/ (one edit so check_change has a change), through
// the built `dist/cli.js mcp` and the MCP SDK's client: characters and tokens (≈ chars / 4) per call, for the
// README table. Usage: npm run build && node scripts/agents/answer-sizes.mjs
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'intent-sizes-'));
const git = (...args) => execFileSync('git', ['-c', 'user.name=s', '-c', 'user.email=s@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
try {
  cpSync(join(root, 'demo'), dir, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'demo');
  const ranking = join(dir, 'src/search/ranking.ts');
  writeFileSync(ranking, readFileSync(ranking, 'utf8').replace('const SKILL_WEIGHT = 10;', 'const SKILL_WEIGHT = 12;'));

  const client = new Client({ name: 'sizes', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [join(root, 'dist/cli.js'), 'mcp', dir], stderr: 'ignore' }));
  const calls = [
    ['intent_at', { path: 'src/search/searchService.ts', line: 31 }],
    ['intent_at', { path: 'src/search/availabilityFilter.ts', symbol: 'filterAvailable' }],
    ['constraints_for', { paths: ['src/search/searchService.ts', 'src/talent/profile.ts', 'worker/sync.py'] }],
    ['get_item', { id: 'kr:cycle-time' }],
    ['get_item', { id: 'constraint:no-pii-in-logs' }],
    ['find_code', { id: 'obj:faster-casting' }],
    ['check_change', { base: 'HEAD' }],
    ['suggest_links', { path: 'src/search/ranking.ts', line: 12 }],
  ];
  console.log('| tool call | chars | ≈ tokens |\n|---|---:|---:|');
  for (const [name, args] of calls) {
    const r = await client.callTool({ name, arguments: args });
    const text = r.content[0].text;
    if (r.isError) throw new Error(`${name}: ${text}`);
    console.log(`| \`${name} ${JSON.stringify(args)}\` | ${text.length} | ${Math.round(text.length / 4)} |`);
  }
  await client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
