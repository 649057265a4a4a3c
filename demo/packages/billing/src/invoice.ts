// Invoices sent to productions once a booking is completed.
// @intent-file obj:accurate-billing

import { bookingFee, roundEuros, type RateCard } from './pricing';

export interface InvoiceLine {
  readonly label: string;
  readonly amount: number;
}

export interface Invoice {
  readonly bookingId: string;
  readonly productionId: string;
  readonly lines: InvoiceLine[];
  readonly total: number;
  /** Payment provider's reference; we never see the card itself. */
  readonly paymentRef?: string;
}

/**
 * Builds the invoice of a completed booking. Lines are labelled the way productions'
 * accounting teams asked for, which is what cut most disputes.
 */
// @intent kr:invoice-disputes -- one line per fee component, labelled in plain words
export function buildInvoice(bookingId: string, productionId: string, card: RateCard, days: number): Invoice {
  const fee = bookingFee(card, days);
  const lines: InvoiceLine[] = [
    { label: `Talent fee (${days} day${days === 1 ? '' : 's'})`, amount: roundEuros(fee.talentFee) },
    { label: 'Casting Hub commission', amount: roundEuros(fee.commission) },
    { label: 'VAT', amount: roundEuros(fee.vat) },
  ];
  return { bookingId, productionId, lines, total: roundEuros(fee.total) };
}
