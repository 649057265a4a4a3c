// Booking fees: the day rate agreed with the agency plus Casting Hub's commission.

export interface RateCard {
  readonly dayRate: number; // euros
  readonly commissionRate: number; // e.g. 0.12
  readonly vatRate: number; // e.g. 0.2
}

export interface FeeBreakdown {
  readonly talentFee: number;
  readonly commission: number;
  readonly vat: number;
  readonly total: number;
}

// @intent kr:invoice-disputes -- every invoice line comes from this one breakdown
export function bookingFee(card: RateCard, days: number): FeeBreakdown {
  // @debt debt:float-money -- euros as floats: 3 × 333.33 rounds differently on the invoice and the payout
  const talentFee = card.dayRate * days;
  const commission = talentFee * card.commissionRate;
  const vat = (talentFee + commission) * card.vatRate;
  return { talentFee, commission, vat, total: talentFee + commission + vat };
}

export function roundEuros(amount: number): number {
  return Math.round(amount * 100) / 100;
}
