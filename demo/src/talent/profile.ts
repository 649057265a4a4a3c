// The talent profile as agents submit it and casting directors see it.

/** Personal data: covered by the retention policy and never logged. */
export interface ContactDetails {
  readonly email: string;
  readonly phone?: string;
}

export interface TalentProfile {
  readonly id: string;
  readonly agencyId: string;
  /** Stage name, shown to casting directors. */
  readonly displayName: string;
  readonly legalName: string;
  readonly contact: ContactDetails;
  readonly skills: string[];
  readonly playingAge: { readonly min: number; readonly max: number };
  /** Last booking, drives the 24-month retention clock. */
  readonly lastBookedAt?: Date;
}

export function retentionDeadline(profile: TalentProfile, createdAt: Date): Date {
  const start = profile.lastBookedAt ?? createdAt;
  const deadline = new Date(start);
  deadline.setMonth(deadline.getMonth() + 24);
  return deadline;
}
