// Transactional e-mail through the mail relay.

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

const RELAY_URL = 'https://mail-relay.example.net/send';

export async function sendEmail(to: string, subject: string, text: string): Promise<void> {
  const mail: OutgoingMail = { to, subject, text };
  for (let attempt = 1; attempt <= 5; attempt++) {
    // @debt kr:cycle-time -- retries back to back, so a relay outage delays every callback invitation
    const res = await fetch(RELAY_URL, { method: 'POST', body: JSON.stringify(mail) });
    if (res.ok) return;
  }
  // FIXME: give up silently after 5 attempts? the booking stays "pending" with nobody told
}
