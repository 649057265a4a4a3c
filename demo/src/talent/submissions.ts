// Agents submit talent for a role; casting directors review the submissions.

import type { Pool } from '../db/pool';
import { logger } from '../utils/logger';

export interface Submission {
  readonly roleId: string;
  readonly talentId: string;
  readonly agentId: string;
  readonly note?: string;
}

export class DuplicateSubmissionError extends Error {
  constructor(readonly existingId: string) {
    super(`talent already submitted for this role (submission ${existingId})`);
  }
}

// @intent problem:duplicate-submissions, kr:cycle-time -- reject duplicates at submit time
export async function submitTalent(pool: Pool, submission: Submission): Promise<string> {
  const existing = await pool.query<{ id: string }>(
    'SELECT id FROM submissions WHERE role_id = $1 AND talent_id = $2',
    [submission.roleId, submission.talentId],
  );
  if (existing.rows.length > 0) throw new DuplicateSubmissionError(existing.rows[0].id);

  const { rows } = await pool.query<{ id: string }>(
    'INSERT INTO submissions (role_id, talent_id, agent_id, note) VALUES ($1, $2, $3, $4) RETURNING id',
    [submission.roleId, submission.talentId, submission.agentId, submission.note ?? null],
  );
  logger.info('talent submitted', { submissionId: rows[0].id, roleId: submission.roleId });
  return rows[0].id;
}

// Deliberate mistake for the demo (IL012): an intent tag with no ID after it.
// @intent
export function normaliseRoleTitle(title: string): string {
  // TODO: agencies paste titles in capitals; keep acronyms like "BBC" intact
  return title.trim().replace(/\s+/g, ' ');
}
