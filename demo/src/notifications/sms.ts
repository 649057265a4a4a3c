// SMS through the carrier gateway; used for time-critical messages only.

const GATEWAY_URL = 'https://sms-gateway.example.net/v2/messages';

// Deliberate mistake for the demo (IL011): kr:booking-phone-calls was dropped in May
// and superseded by kr:cycle-time; the tag still points at the dropped KR.
// @intent kr:booking-phone-calls
export async function sendSms(phone: string, text: string): Promise<void> {
  const res = await fetch(GATEWAY_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: phone, text: text.slice(0, 320) }),
  });
  if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
}
