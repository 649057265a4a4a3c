// `intent-lens`: the command line over the same core as the extension. Argument parsing and dispatch only;
// each command lives in its own file. Exit codes: 0 ok, 1 findings reach --fail-on, 2 usage or I/O error.
import type { AGENT_COMMANDS } from './agents';
import type { runCheck } from './check';
import type { runExplain } from './explain';
import { CliError, processIo, type CliIo } from './io';
import { HELP } from './help';
import { cleanText } from '../core/untrusted/text';
import type { runAccept, runLock } from './lock';
import type { runReport } from './report';
import type { runReview } from './review';

/**
 * Each command's module is loaded when it runs (`require` inside the bundle initialises it lazily, and works
 * the same under tsx in the unit tests): `check` never pays for tree-sitter, git or the report's HTML.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a lazy require is the point (import() needs an ESM loader under tsx/cjs) */
export const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  check: (args, io) => (require('./check') as { runCheck: typeof runCheck }).runCheck(args, io),
  explain: (args, io) => (require('./explain') as { runExplain: typeof runExplain }).runExplain(args, io),
  review: (args, io) => (require('./review') as { runReview: typeof runReview }).runReview(args, io),
  report: (args, io) => (require('./report') as { runReport: typeof runReport }).runReport(args, io),
  lock: (args, io) => (require('./lock') as { runLock: typeof runLock }).runLock(args, io),
  accept: (args, io) => (require('./lock') as { runAccept: typeof runAccept }).runAccept(args, io),
  agents: (args, io) => (require('./agents') as { AGENT_COMMANDS: typeof AGENT_COMMANDS }).AGENT_COMMANDS.agents(args, io),
  mcp: (args, io) => (require('./agents') as { AGENT_COMMANDS: typeof AGENT_COMMANDS }).AGENT_COMMANDS.mcp(args, io),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(io.version);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`intent-lens: unknown command '${cleanText(command)}' (try: ${Object.keys(COMMANDS).join(', ')}; see --help)`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`intent-lens ${command}: ${cleanText(error.message)}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`intent-lens ${command}: internal error: ${cleanText(message)}`);
    if (process.env.INTENT_LENS_DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
    return 2;
  }
}

/** Run the command line of this process (the `intent-lens` launcher calls this; so does running the bundle itself). */
export function runFromProcess(): void {
  const io = processIo(typeof INTENT_LENS_VERSION === 'string' ? INTENT_LENS_VERSION : '0.0.0-dev');
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`intent-lens: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runFromProcess();

declare const INTENT_LENS_VERSION: string | undefined;
