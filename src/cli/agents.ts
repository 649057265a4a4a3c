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
import { parse, rootFolder } from './options';

/** Generated files larger than this are not ours (ours are a few KB): they are reported, never read whole. */
const MAX_OWNED_SIZE = 1_000_000;

type Read = { text: string } | { blocked: string } | undefined;

/** A file we may own: undefined when absent; blocked (never followed, read whole or rewritten) when odd. */
function readSmall(path: string): Read {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!stat.isFile()) return { blocked: `${path} is not a regular file (a symlink or folder is never followed or rewritten): left alone` };
  if (stat.size > MAX_OWNED_SIZE) return { blocked: `${path} is larger than ${MAX_OWNED_SIZE} bytes: left alone` };
  return { text: fs.readFileSync(path, 'utf8') };
}

/** The first folder on the way to `dir` that is a symlink (generated files are written only inside the root). */
function symlinkedFolder(root: string, dir: string): string | undefined {
  let rel = '';
  for (const part of dir.split('/')) {
    rel = rel ? `${rel}/${part}` : part;
    try {
      if (fs.lstatSync(nodePath.join(root, rel)).isSymbolicLink()) return rel;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
  return undefined;
}

/** AGENTS.md and the intent-lens-* files of the two rule folders, as they are on disk. */
export function readAgentFiles(root: string): AgentFileState {
  const generated = new Map<string, string>();
  const blocked = new Map<string, string>();
  for (const dir of [INSTRUCTIONS_DIR, CURSOR_DIR]) {
    const link = symlinkedFolder(root, dir);
    if (link) {
      blocked.set(link, `${link} is a symlink: agent files are written only inside the workspace`);
      continue;
    }
    let names: string[];
    try {
      names = fs.readdirSync(nodePath.join(root, dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
      throw error;
    }
    for (const name of names.filter(isOwnedName).sort()) {
      const read = readSmall(nodePath.join(root, dir, name));
      if (read && 'text' in read) generated.set(`${dir}/${name}`, read.text);
      else if (read) blocked.set(`${dir}/${name}`, read.blocked);
    }
  }
  const agents = readSmall(nodePath.join(root, AGENTS_FILE));
  if (agents && 'blocked' in agents) blocked.set(AGENTS_FILE, agents.blocked);
  return { agents: agents && 'text' in agents ? agents.text : undefined, generated, blocked };
}

async function runAgents(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { write: { type: 'boolean' }, cursor: { type: 'boolean' } });
  if (positionals.length > 1) throw new CliError(`expected at most one folder, got ${positionals.length}`);
  const root = rootFolder(io.cwd, positionals[0])!;
  const host = new NodeHost(root);
  const project = await IntentProject.open(host);
  host.dispose();
  if (project.graph.manifests.length === 0) throw new CliError(`no ${MANIFEST_NAME} under ${root}: nothing to render`);
  const broken = project.graph.findings.filter((f) => f.code === 'IL001');
  for (const f of broken) io.err(`intent-lens agents: ${f.file}:${f.range.start.line + 1}: ${f.message} — its items are left out`);
  const plan = planAgentFiles(project.model, readAgentFiles(root), { cursor: values.cursor });
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
  // Loaded on use: the MCP SDK is half of the CLI bundle and no other command needs it.
  mcp: async (args, io) => (await import('./mcp')).runMcp(args, io),
};
