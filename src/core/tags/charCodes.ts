// Character classes by UTF-16 code, shared by the comment lexer and the tag grammar (hot loops: no regex).

/** Letters, digits, `_` and any non-ASCII code: what can touch a word without ending it. */
export function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c > 0x7f;
}

export function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0xfeff;
}
