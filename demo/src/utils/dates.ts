// Date helpers shared by search, bookings and the availability views.

export interface DateRange {
  readonly from: Date;
  readonly to: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** True when the two ranges share at least one day (ends inclusive). */
export function overlaps(a: DateRange, b: DateRange): boolean {
  return a.from.getTime() <= b.to.getTime() && b.from.getTime() <= a.to.getTime();
}

// TODO: shoot dates are stored in UTC but shown in the production's time zone; overseas shoots show off by one.
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
