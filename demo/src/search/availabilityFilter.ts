// Keeps only the talent who are free on every shoot day of a brief.

import type { Pool } from '../db/pool';
import { AVAILABILITY_FOR_TALENT } from '../db/queries';
import { formatDay, type DateRange } from '../utils/dates';
import type { TalentRow } from './searchService';

interface AvailabilityRow {
  readonly talent_id: string;
  readonly day: string;
  readonly status: 'free' | 'hold' | 'booked';
}

// @intent problem:availability-search
export async function filterAvailable(pool: Pool, talent: TalentRow[], dates: DateRange): Promise<TalentRow[]> {
  const available: TalentRow[] = [];
  for (const person of talent) {
    // @debt debt:n-plus-one -- one query per candidate; AVAILABILITY_FOR_MANY does it in one round trip
    const { rows } = await pool.query<AvailabilityRow>(AVAILABILITY_FOR_TALENT, [
      person.id,
      formatDay(dates.from),
      formatDay(dates.to),
    ]);
    if (isFreeThroughout(rows)) available.push(person);
  }
  return available;
}

/** A "hold" counts as free: holds are released when a booking is confirmed elsewhere. */
export function isFreeThroughout(days: readonly AvailabilityRow[]): boolean {
  // FIXME: days with no row at all are treated as free; they should be "unknown" and ranked lower.
  return days.every((d) => d.status !== 'booked');
}
