// Booking lifecycle: which status may follow which.

// @debt debt:booking-status-strings -- the column is free text; old rows hold "Confirmed", "CONFIRMED", "ok"
export type BookingStatus = 'pending' | 'confirmed' | 'cancelled' | 'completed';

const NEXT: Record<BookingStatus, readonly BookingStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['completed', 'cancelled'],
  cancelled: [],
  completed: [],
};

export function canMove(from: BookingStatus, to: BookingStatus): boolean {
  return NEXT[from].includes(to);
}

/** Reads a status written by any version of the app, including the legacy spellings. */
export function parseStatus(raw: string): BookingStatus {
  const s = raw.trim().toLowerCase();
  // HACK: "ok" was written by the 2024 phone-booking form
  if (s === 'ok') return 'confirmed';
  if (s === 'pending' || s === 'confirmed' || s === 'cancelled' || s === 'completed') return s;
  throw new Error(`unknown booking status: ${raw}`);
}
