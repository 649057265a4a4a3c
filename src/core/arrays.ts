// Appending without spread arguments: `push(...list)` passes every element on the stack and throws
// "Maximum call stack size exceeded" past ~100k elements, which a hostile file or manifest can reach.

/** Append every item of `items` to `into`, in order. */
export function pushAll<T>(into: T[], items: Iterable<T>): void {
  for (const item of items) into.push(item);
}

/** The smallest number of a list (Infinity when empty), without spreading it onto the stack. */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return min;
}
