// Untrusted text (manifest titles, file names, commit subjects, git's messages) made safe for a terminal or a
// CI log: control characters are shown as escapes, so nothing can move the cursor, retitle the terminal, clear
// the screen or start a new line that a CI problem matcher would read as a compiler message of its own.

/**
 * C0 controls but tab, DEL, C1 controls (8-bit CSI among them), the Unicode line and paragraph separators, and
 * the bidirectional overrides and isolates (text that reads differently than it is, "Trojan Source").
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

function escapeControl(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** One line of text with every control character shown as an escape (`\x1b`, `\n`, `\u202e`). */
export function cleanText(text: string): string {
  return text.replace(CONTROL, escapeControl);
}
