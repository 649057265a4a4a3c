// Untrusted strings as URIs: the one rule for which links we render (http(s) only), and root-relative file
// paths as RFC 3986 relative references (SARIF artifact URIs, PR-comment links) that never throw and never
// read as a scheme (`javascript:alert(1).ts`), a fragment (`a#frag.ts`) or a query.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The one rule for a link we render: an absolute http(s) URL with a host, no whitespace, control character,
 * quote or angle bracket, no lone surrogate (which no URL encoder accepts), at most 2,048 characters.
 */
export function isHttpUrl(text: string): boolean {
  if (text.length > 2048 || !/^https?:\/\//i.test(text)) return false;
  if (/[\s\u0000-\u001f\u007f-\u009f<>"`]/.test(text) || LONE_SURROGATE.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    // Not a URL by the WHATWG parser: shown as text.
    return false;
  }
}

/** Each `/`-separated segment percent-encoded (UTF-8); a lone surrogate becomes U+FFFD first (encoders throw on it). */
export function encodeRelativePath(path: string): string {
  return path
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd')
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()))
    .join('/');
}
