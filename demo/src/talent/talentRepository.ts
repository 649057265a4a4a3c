// Reads and writes talent profiles and their availability calendar.

import type { Pool } from '../db/pool';
import type { DateRange } from '../utils/dates';
import { formatDay } from '../utils/dates';
import { logger } from '../utils/logger';
import type { TalentProfile } from './profile';

export class TalentRepository {
  constructor(private readonly pool: Pool) {}

  async findById(id: string): Promise<TalentProfile | undefined> {
    const { rows } = await this.pool.query<TalentProfile>('SELECT * FROM talent WHERE id = $1', [id]);
    return rows[0];
  }

  /**
   * Agents mark a range of days as free or booked from the agency portal.
   * Each update also stamps `availability_confirmed_at`, which the coverage KR counts.
   */
  // Deliberate mistake for the demo (IL010): "availabilty" is misspelt, so this ID
  // is unknown. Intent Lens suggests kr:availability-coverage as a quick fix.
  // @intent kr:availabilty-coverage
  async updateAvailability(talentId: string, range: DateRange, status: 'free' | 'booked'): Promise<void> {
    await this.pool.query(
      `INSERT INTO availability (talent_id, day, status)
       SELECT $1, d::date, $4 FROM generate_series($2::date, $3::date, '1 day') d
       ON CONFLICT (talent_id, day) DO UPDATE SET status = EXCLUDED.status`,
      [talentId, formatDay(range.from), formatDay(range.to), status],
    );
    await this.pool.query('UPDATE talent SET availability_confirmed_at = now() WHERE id = $1', [talentId]);
    logger.info('availability updated', { talentId, status });
  }

  async deleteExpired(now: Date): Promise<number> {
    // HACK: runs inside the request path of the admin page until the worker owns retention.
    const { rows } = await this.pool.query<{ id: string }>(
      'DELETE FROM talent WHERE retention_deadline < $1 RETURNING id',
      [now],
    );
    return rows.length;
  }
}
