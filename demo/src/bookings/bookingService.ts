// Bookings: a production books available talent for shoot days, the agent confirms.

import type { Pool } from '../db/pool';
import { INSERT_BOOKING } from '../db/queries';
import type { Notifier } from '../notifications/notifier';
import { logger } from '../utils/logger';
import { canMove, parseStatus, type BookingStatus } from './bookingState';

export interface BookingRequest {
  readonly talentId: string;
  readonly productionId: string;
  readonly day: string;
}

// Deliberate mistake for the demo (IL011): obj:self-serve-booking was achieved in
// Q2 and superseded by obj:faster-casting, but this tag was never updated.
// @intent obj:self-serve-booking
export class BookingService {
  constructor(
    private readonly pool: Pool,
    private readonly notifier: Notifier,
  ) {}

  // @intent kr:cycle-time -- a request reaches the agent in seconds instead of a phone call
  async request(req: BookingRequest): Promise<string> {
    const { rows } = await this.pool.query<{ id: string }>(INSERT_BOOKING, [req.talentId, req.productionId, req.day]);
    await this.notifier.bookingRequested(rows[0].id, req.talentId);
    return rows[0].id;
  }

  // Deliberate mistake for the demo (IL011): kr:online-bookings is achieved;
  // its successor is kr:cycle-time.
  // @intent kr:online-bookings
  async confirm(bookingId: string): Promise<void> {
    await this.move(bookingId, 'confirmed');
  }

  async cancel(bookingId: string, reason: string): Promise<void> {
    await this.move(bookingId, 'cancelled');
    logger.info('booking cancelled', { bookingId, reason });
  }

  private async move(bookingId: string, to: BookingStatus): Promise<void> {
    const { rows } = await this.pool.query<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [bookingId]);
    if (rows.length === 0) throw new Error(`no booking ${bookingId}`);
    const from = parseStatus(rows[0].status);
    if (!canMove(from, to)) throw new Error(`booking ${bookingId}: cannot go from ${from} to ${to}`);
    // FIXME: two confirmations racing both pass this check; needs SELECT ... FOR UPDATE
    await this.pool.query('UPDATE bookings SET status = $2 WHERE id = $1', [bookingId, to]);
  }
}
