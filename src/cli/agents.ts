// `intent-lens agents [DIR] [--write] [--cursor]`: renders the product context into the files agents read
// (AGENTS.md section, .github/instructions, optionally Cursor rules), and `intent-lens mcp`; both registered in
// main.ts with one entry. Without --write it prints the plan and exits 1 when something would change.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { AGENTS_FILE, CURSOR_DIR, INSTRUCTIONS_DIR, isOwnedName, planAgentFiles, type AgentFileState } from '../core/agent/agentFiles';
import { IntentProject, MANIFEST_NAME } from '../core/project';
import { writeFileAtomic } from '../node/atomicWrite';
import { NodeHost } from '../node/nodeHost';
import { CliError, type CliIo } from './io';
import { folder, parse } from './options';

/** Generated files larger than this are not ours (ours are a few KB): they are reported, never read whole. */
const MAX_OWNED_SIZE = 1_000_000;

function readSmall(path: string): string | undefined {
  try {
    const stat = fs.lstatSync(path);
    if (!stat.isFile()) throw new CliError(`${path} is not a regular file (a symlink or folder is never followed or rewritten)`);
    if (stat.size > MAX_OWNED_SIZE) throw new CliError(`${path} is larger than ${MAX_OWNED_SIZE} bytes: not an intent-lens file`);
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Throws when a folder on the way to `dir` is a symlink: generated files are written only inside the root. */
function realFolders(root: string, dir: string): void {
  let at = root;
  for (const part of dir.split('/')) {
    at = nodePath.join(at, part);
    if (fs.lstatSync(at).isSymbolicLink()) throw new CliError(`${at} is a symlink: agent files are written only inside the workspace`);
  }
}

/** AGENTS.md and the intent-lens-* files of the two rule folders, as they are on disk. */
export function readAgentFiles(root: string): AgentFileState {
  const generated = new Map<string, string>();
  for (const dir of [INSTRUCTIONS_DIR, CURSOR_DIR]) {
    let names: string[];
    try {
      realFolders(root, dir);
      names = fs.readdirSync(nodePath.join(root, dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
      throw error;
    }
    for (const name of names.filter(isOwnedName).sort()) {
      const text = readSmall(nodePath.join(root, dir, name));
      if (text !== undefined) generated.set(`${dir}/${name}`, text);
    }
  }
  return { agents: readSmall(nodePath.join(root, AGENTS_FILE)), generated };
}

async function runAgents(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { write: { type: 'boolean' }, cursor: { type: 'boolean' } });
  if (positionals.length > 1) throw new CliError(`expected at most one folder, got ${positionals.length}`);
  const root = folder(io.cwd, positionals[0]);
  const host = new NodeHost(root);
  const project = await IntentProject.open(host);
  host.dispose();
  if (project.graph.manifests.length === 0) throw new CliError(`no ${MANIFEST_NAME} under ${root}: nothing to render`);
  const broken = project.graph.findings.filter((f) => f.code === 'IL001');
  for (const f of broken) io.err(`intent-lens agents: ${f.file}:${f.range.start.line + 1}: ${f.message} — its items are left out`);
  const plan = planAgentFiles(project.graph, readAgentFiles(root), { cursor: values.cursor });
  let pending = 0;
  for (const p of plan) {
    if (p.action === 'unchanged') continue;
    if (p.action === 'conflict') {
      io.err(`intent-lens agents: ${p.reason}`);
      continue;
    }
    pending++;
    const abs = nodePath.join(root, p.path);
    if (values.write) {
      if (p.action === 'delete') fs.unlinkSync(abs);
      else {
        fs.mkdirSync(nodePath.dirname(abs), { recursive: true });
        writeFileAtomic(abs, p.text!);
      }
    }
    io.out(`${values.write ? { create: 'created', update: 'updated', delete: 'deleted' }[p.action] : `would ${p.action}`} ${p.path}`);
  }
  if (pending === 0) io.out('agent instructions are up to date');
  return values.write || pending === 0 ? 0 : 1;
}

export const AGENT_COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  agents: runAgents,
  // Required on use: the MCP SDK is half of the CLI bundle and no other command needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mcp: (args, io) => (require('./mcp') as typeof import('./mcp')).runMcp(args, io),
};
