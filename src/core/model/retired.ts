// The one rule for retired items: an item's effective status (a KR inherits its objective's), whether it is
// retired (achieved, dropped, superseded) and its successor, followed through other retired items.
import type { IntentGraph, IntentItem, Status } from '../types';
import { RETIRED_STATUSES } from '../types';

/** The status an item effectively has: its own, else (for a KR) its objective's. */
export function effectiveStatus(graph: IntentGraph, item: IntentItem): Status | undefined {
  if (item.status) return item.status;
  if (item.kind === 'keyResult') return graph.items.get(item.objective)?.status;
  return undefined;
}

export function isRetired(graph: IntentGraph, item: IntentItem): boolean {
  const status = effectiveStatus(graph, item);
  return status !== undefined && RETIRED_STATUSES.includes(status);
}

/**
 * Follows `supersededBy` to the first item that is not retired (bounded by the graph, cycle-safe). When every
 * successor is retired too, the last one reached; undefined when the item names no successor or the chain reaches an unknown ID.
 */
export function successorOf(graph: IntentGraph, item: IntentItem): IntentItem | undefined {
  let current: IntentItem | undefined = item;
  const seen = new Set<string>();
  while (current?.supersededBy && !seen.has(current.id)) {
    seen.add(current.id);
    current = graph.items.get(current.supersededBy);
    if (current && !isRetired(graph, current)) return current;
  }
  return current && current !== item ? current : undefined;
}
