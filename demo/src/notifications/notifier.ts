// Tells talent and agents what happened: booking requests, callbacks, cancellations.

import { logger } from '../utils/logger';
import { sendEmail } from './email';
import { sendSms } from './sms';

export interface Recipient {
  readonly talentId: string;
  readonly email: string;
  readonly phone?: string;
  readonly prefersSms: boolean;
}

export class Notifier {
  async bookingRequested(bookingId: string, talentId: string): Promise<void> {
    const to = await this.recipient(talentId);
    await sendEmail(to.email, 'New booking request', `Open Casting Hub to answer booking ${bookingId}.`);
  }

  /**
   * Invites talent to a callback, by SMS when they prefer it and e-mail otherwise.
   * @intent problem:missed-callbacks, kr:cycle-time -- SMS first: talent read texts within minutes
   */
  async callbackInvitation(to: Recipient, when: Date, place: string): Promise<void> {
    const text = `Callback ${when.toUTCString()} at ${place}. Reply YES to confirm.`;
    if (to.prefersSms && to.phone) {
      await sendSms(to.phone, text);
    } else {
      await sendEmail(to.email, 'Callback invitation', text);
    }
    logger.info('callback invitation sent', { talentId: to.talentId, channel: to.prefersSms ? 'sms' : 'email' });
  }

  private async recipient(talentId: string): Promise<Recipient> {
    // TODO: read contact preferences from the talent profile instead of defaulting to e-mail
    return { talentId, email: `${talentId}@talent.invalid`, prefersSms: false };
  }
}
