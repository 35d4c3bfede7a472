/**
 * The words of the new-PEC notices, in Italian then English: the sender, subject and time of the
 * message and nothing of its content (decision 0028: an ordinary mailbox must not receive what
 * only the certified box may hold); the hour's "and N more"; the verification code.
 */

const utc = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Subjects are cut so that a notice stays short and one line. */
const short = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

export function describeNewPec(input: {
  readonly box: string;
  readonly from: string | null;
  readonly subject: string | null;
  readonly at: Date;
}): { subject: string; text: string } {
  const from = input.from ?? '-';
  const subject = short(input.subject ?? '');
  return {
    subject: `Nuova PEC nella casella ${input.box} / New PEC received`,
    text:
      `Nuova PEC nella casella ${input.box}:\nda ${from}\noggetto: ${subject}\nricevuta: ${utc(input.at)}\n` +
      'Leggila nella webmail o nel tuo programma di posta.\n\n' +
      `New PEC in the mailbox ${input.box}:\nfrom ${from}\nsubject: ${subject}\nreceived: ${utc(input.at)}\n` +
      'Read it in the webmail or your mail program.',
  };
}

export function describeFolded(input: {
  readonly box: string;
  readonly count: number;
  readonly hourStart: Date;
}): {
  subject: string;
  text: string;
} {
  const n = String(input.count);
  const hour = utc(input.hourStart);
  return {
    subject: `Altre ${n} PEC nella casella ${input.box} / ${n} more PEC received`,
    text:
      `Nell'ora dalle ${hour} la casella ${input.box} ha ricevuto altre ${n} PEC oltre a quelle già notificate.\n\n` +
      `In the hour from ${hour} the mailbox ${input.box} received ${n} more PEC besides those already notified.`,
  };
}

export function describeVerification(input: { readonly box: string; readonly code: string }): {
  subject: string;
  text: string;
} {
  return {
    subject: `Codice di verifica ${input.code} / Verification code`,
    text:
      `Questo indirizzo è stato indicato per ricevere gli avvisi di nuove PEC della casella ${input.box}.\n` +
      `Codice di verifica: ${input.code}\nSe non l'hai chiesto tu, ignora questo messaggio.\n\n` +
      `This address was given to receive the notices of new PEC of the mailbox ${input.box}.\n` +
      `Verification code: ${input.code}\nIf you did not ask for it, ignore this message.`,
  };
}
