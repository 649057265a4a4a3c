// Markdown for untrusted manifest text: plain text is escaped, descriptions keep emphasis and code but lose
// HTML, images and every link that is not http(s). The host renders the result with isTrusted and supportHtml off.

/** Escapes text so Markdown shows it as written (no emphasis, links, HTML, autolinks). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#!|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    // List and heading markers only matter at the start of a line.
    .replace(/^(\s*)([-+=]|\d+[.)])/gm, (_m, space: string, marker: string) => `${space}${marker.replace(/[-+=.)]/, (c) => `\\${c}`)}`)
    .replace(/\r?\n/g, '  \n');
}

/** True for an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value.trim())) return false;
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A Markdown link to an http(s) URL, or the escaped text when the URL is anything else. */
export function safeLink(text: string, url: string): string {
  if (!isHttpUrl(url)) return escapeMarkdown(text);
  const href = encodeURI(decodeSafe(url.trim())).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return `[${escapeMarkdown(text)}](${href})`;
}

function decodeSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
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
      out.push(piece);
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

/** Escapes everything but emphasis markers and line structure. */
function escapeProse(text: string): string {
  return text.replace(/[\\[\]()<>&!|{}`~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}
