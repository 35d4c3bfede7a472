/**
 * The words of the SMS notices (decision 0036): one SMS of at most 160 characters, in Italian
 * with the English word, naming the box, the sender and the start of the subject only.
 */

const smsLength = 160;

const cut = (text: string, length: number): string =>
  text.length > length ? `${text.slice(0, Math.max(0, length - 1))}…` : text;

export function describeSms(input: {
  readonly box: string;
  readonly from: string | null;
  readonly subject: string | null;
}): string {
  const head = `Nuova PEC / New PEC ${input.box} da/from ${input.from ?? '-'}: `;
  const subject = (input.subject ?? '').replace(/\s+/g, ' ').trim();
  return cut(head + subject, smsLength);
}

export function describeSmsCode(code: string): string {
  return `Codice di verifica / Verification code: ${code}`;
}
