// Structured JSON logger that drops personal fields before anything is written.
// @intent-file obj:talent-trust

type Fields = Record<string, unknown>;

/** Keys that may carry personal data; their values are replaced, never logged. */
const PERSONAL_KEYS = new Set(['name', 'email', 'phone', 'dateOfBirth', 'address']);

export function redact(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = PERSONAL_KEYS.has(key) ? '[redacted]' : value;
  }
  return out;
}

function write(level: 'info' | 'warn' | 'error', message: string, fields: Fields = {}): void {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...redact(fields) });
  (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
}

export const logger = {
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};
