// `intent-lens agents` and `intent-lens mcp`: the CLI's two commands for AI coding agents, registered in
// main.ts with one entry.
import type { CliIo } from './io';
import { runMcp } from './mcp';

export const AGENT_COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  mcp: runMcp,
};
