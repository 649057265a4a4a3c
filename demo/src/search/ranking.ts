// Orders available talent by how well they match the brief.

import type { TalentRow } from './searchService';

export interface RankedTalent extends TalentRow {
  readonly score: number;
}

const SKILL_WEIGHT = 10;

// @intent kr:cycle-time -- a better first page means fewer rounds with the producer
export function rank(talent: readonly TalentRow[], wantedSkills: readonly string[]): RankedTalent[] {
  // TODO: cache scores per brief (triaged: tagged as debt on the next line)
  // @debt kr:search-latency-p95 -- scores are recomputed on every request
  return talent
    .map((t) => ({ ...t, score: score(t, wantedSkills) }))
    .sort((a, b) => b.score - a.score || a.display_name.localeCompare(b.display_name));
}

function score(talent: TalentRow, wantedSkills: readonly string[]): number {
  const matched = wantedSkills.filter((s) => talent.skills.includes(s)).length;
  // TODO: boost talent who accepted the agency's last three callbacks
  return matched * SKILL_WEIGHT;
}
