// The one place untrusted text (manifest, code, file names, commit subjects) becomes Markdown, for hovers, tree
// tooltips, the status bar, `check --format markdown`, the review PR comment and the report: plain text is
// escaped and kept on one line (no CR, newline or table pipe can break a heading or a row), `@mentions` cannot
// notify anyone, descriptions keep emphasis and code but lose HTML, images and every link that is not http(s).
// Editor hosts render the result with isTrusted and supportHtml off.
import { cleanText } from './text';
import { isHttpUrl } from './uri';

/** Line breaks (CR, LF, CRLF, U+2028/9) collapse to one space: a value never spans lines. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** `@name` would notify a GitHub user or team in a PR comment: a zero-width space after `@` keeps the text, not the ping. */
function neutralizeMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, '@\u200b');
}

/** Escapes text so Markdown shows it as written, on one line (no emphasis, links, HTML, autolinks, cell breaks). */
export function escapeMarkdown(text: string): string {
  const oneLine = cleanText(text.replace(LINE_BREAK, ' '));
  const escaped = oneLine
    .replace(/[\\`*_{}[\]()#!|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    // List, heading and setext markers only matter at the start of a line.
    .replace(/^(\s*)([-+=]|\d+[.)])/, (_m, space: string, marker: string) => `${space}${marker.replace(/[-+=.)]/, (c) => `\\${c}`)}`);
  return neutralizeMentions(escaped);
}

/**
 * Inline code for a file name, an ID or a glob: no backtick or line break; in a table cell a pipe is escaped
 * too (GitHub reads `\|` inside a cell's code span as a pipe, and a bare one as the end of the cell).
 */
export function codeSpan(text: string, inTable = false): string {
  const code = cleanText(text.replace(LINE_BREAK, ' ')).replace(/`/g, "'");
  return '`' + (inTable ? code.replace(/\|/g, '\\|') : code) + '`';
}

/** Escapes text for HTML (element content and attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** HTML text inside Markdown (`<summary>`): escaped, on one line (a blank line would end the HTML block), no mention. */
export function escapeHtmlInline(text: string): string {
  return neutralizeMentions(escapeHtml(cleanText(text.replace(LINE_BREAK, ' '))));
}

/** A Markdown link to an http(s) URL, or the escaped text when the URL is anything else. Never throws. */
export function safeLink(text: string, url: string): string {
  const trimmed = url.trim();
  if (!isHttpUrl(trimmed)) return escapeMarkdown(text);
  // The parser's serialisation is percent-encoded; parentheses would end the Markdown link early.
  const href = new URL(trimmed).href.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return `[${escapeMarkdown(text)}](${href})`;
}

const LINK = /(!?)\[([^\]\n]{0,500})\]\(\s*<?([^\s)>]{1,2000})>?(?:\s+"[^"\n]*")?\s*\)/g;

/**
 * A manifest description (Markdown) made safe: `*emphasis*`, `**strong**` and `` `code` `` survive; HTML is
 * shown as text; `[text](url)` stays a link only for http(s) URLs, images become their alt text; everything
 * else that could make a link or markup (brackets, angle brackets, reference definitions) is escaped.
 */
export function sanitizeDescription(markdown: string): string {
  const out: string[] = [];
  // Code spans are inert in Markdown: keep them verbatim (but on one line, and without HTML escapes needed).
  const pieces = markdown.split(/(`[^`\n]{1,500}`)/g);
  for (const piece of pieces) {
    if (/^`[^`\n]+`$/.test(piece)) {
      out.push(cleanText(piece));
      continue;
    }
    let last = 0;
    for (const m of piece.matchAll(LINK)) {
      out.push(escapeProse(piece.slice(last, m.index)));
      const [, bang, text, url] = m;
      out.push(bang ? escapeProse(text) : safeLink(text, url));
      last = m.index + m[0].length;
    }
    out.push(escapeProse(piece.slice(last)));
  }
  return out.join('');
}

/** Escapes everything but emphasis markers and line structure (a lone CR becomes a line break). */
function escapeProse(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => cleanText(line));
  return neutralizeMentions(lines.join('\n').replace(/[\\[\]()<>&!|{}`~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`)));
}
