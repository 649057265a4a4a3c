// Payouts to talent (through their agency) after the production has paid.

import { bookingFee, roundEuros, type RateCard } from './pricing';

export interface Payout {
  readonly agencyId: string;
  readonly talentId: string;
  readonly amount: number;
  readonly dueOn: Date;
}

const PAYOUT_DELAY_DAYS = 14;

// @intent obj:talent-trust -- talent are paid within 14 days of the production paying us
export function schedulePayout(agencyId: string, talentId: string, card: RateCard, days: number, paidOn: Date): Payout {
  const dueOn = new Date(paidOn);
  dueOn.setDate(dueOn.getDate() + PAYOUT_DELAY_DAYS);
  // TODO: agencies in Belgium invoice us instead; skip the payout and wait for their invoice
  return { agencyId, talentId, amount: roundEuros(bookingFee(card, days).talentFee), dueOn };
}
