// What a CLI command may touch: output streams, the working directory and the version (tests pass fakes).

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
  readonly version: string;
}

/** A usage or I/O problem: printed as one line on stderr, exit code 2. */
export class CliError extends Error {}

/** Writable the way process.stdout and process.stderr are (a seam for the ordering test). */
export interface OutStream {
  /** `done` runs once the text has been handed to the system (writes complete in order). */
  write(text: string, done?: (error?: Error | null) => void): boolean;
}

/**
 * The real streams, in order: a write to stdout that a pipe did not take at once is finished asynchronously,
 * so stderr lines (the summary, errors) wait until every stdout write so far has completed; with both streams
 * on one pipe (`2>&1 | tee`), the summary comes after the findings, never between them.
 */
export function processIo(version: string, stdout: OutStream = process.stdout, stderr: OutStream = process.stderr, cwd = process.cwd()): CliIo {
  const waiting: string[] = [];
  let inFlight = 0;
  const line = (text: string) => (text.endsWith('\n') ? text : text + '\n');
  const flush = () => {
    if (inFlight === 0) for (const text of waiting.splice(0)) stderr.write(text);
  };
  return {
    out: (text) => {
      inFlight++;
      stdout.write(line(text), () => {
        inFlight--;
        flush();
      });
    },
    err: (text) => {
      waiting.push(line(text));
      flush();
    },
    cwd,
    version,
  };
}
