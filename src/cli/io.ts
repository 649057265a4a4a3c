// What a CLI command may touch: output streams, the working directory and the version (tests pass fakes).

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
  readonly version: string;
}

/** A usage or I/O problem: printed as one line on stderr, exit code 2. */
export class CliError extends Error {}
