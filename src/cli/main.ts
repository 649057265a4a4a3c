// `intent-lens`: the command line over the same core as the extension. Argument parsing and dispatch only;
// each command lives in its own file. Exit codes: 0 ok, 1 findings reach --fail-on, 2 usage or I/O error.
import { runCheck } from './check';
import { runExplain } from './explain';
import { CliError, processIo, type CliIo } from './io';
import { HELP } from './help';
import { cleanText } from '../core/untrusted/text';
import { runAccept, runLock } from './lock';
import { runReport } from './report';
import { runReview } from './review';

export const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  check: runCheck,
  explain: runExplain,
  review: runReview,
  report: runReport,
  lock: runLock,
  accept: runAccept,
};

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

if (require.main === module) {
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

declare const INTENT_LENS_VERSION: string | undefined;
