// Availability-first talent search: the core of what casting directors use every day.
// @intent-file obj:faster-casting

import type { Pool } from '../db/pool';
import { TALENT_BY_SKILLS } from '../db/queries';
import type { DateRange } from '../utils/dates';
import { filterAvailable } from './availabilityFilter';
import { rank, type RankedTalent } from './ranking';

export interface SearchQuery {
  readonly skills: string[];
  readonly shootDates: DateRange;
  readonly limit?: number;
}

export interface TalentRow {
  readonly id: string;
  readonly display_name: string;
  readonly agency_id: string;
  readonly skills: string[];
}

/**
 * Searches talent for a casting brief.
 *
 * Availability is filtered *before* ranking: it removes most candidates cheaply,
 * so ranking only scores people who can actually do the shoot dates.
 */
// @intent kr:search-latency-p95, problem:availability-search -- filter first, then rank
export class SearchService {
  constructor(private readonly pool: Pool) {}

  async search(query: SearchQuery): Promise<RankedTalent[]> {
    const limit = Math.min(query.limit ?? 50, 200);
    const { rows } = await this.pool.query<TalentRow>(TALENT_BY_SKILLS, [query.skills, limit * 4]);
    const available = await filterAvailable(this.pool, rows, query.shootDates);
    return rank(available, query.skills).slice(0, limit);
  }
}
