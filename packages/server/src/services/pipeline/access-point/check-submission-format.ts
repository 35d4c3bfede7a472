/**
 * The formal checks of the access point (pec-spec §2.2 step 2, RFC 6109 §3.1.1), in the order the
 * rules list them, on the message as submitted and its SMTP envelope: first its lines within the
 * RFC 5322 §2.1.1 limit (998 octets + CRLF, `maxLineLength`; the MX of every provider refuses
 * longer ones, RFC 5321 §4.5.3.1.6), then From present with one valid
 * address equal to MAIL FROM; To present with valid addresses; RCPT TO set = To ∪ Cc (compared
 * case-insensitively, both ways); no Bcc; recipients within the count and size × count limits
 * (DM 2/11/2005 art. 12, pec-spec §6.5). Pure: the first failure is returned, for the notice.
 */
import { getHeaders, isAddrSpec, parseAddressList, parseHeaderBlock } from '@pec/core';
import { longestLineOctets } from './longest-line.ts';

export type FormalCheck =
  | 'line-too-long'
  | 'from-missing'
  | 'from-invalid'
  | 'from-mismatch'
  | 'to-missing'
  | 'recipient-invalid'
  | 'recipients-mismatch'
  | 'bcc-present'
  | 'too-large'
  | 'too-many-recipients';

export interface FormalFailure {
  readonly check: FormalCheck;
  /** Italian text for the non-acceptance notice and its `errore-esteso` (pec-spec §3.3). */
  readonly description: string;
  /** English text for the client's reply (the `problem` of a `malformed-message` refusal). */
  readonly text: string;
}

export interface FormatLimits {
  readonly maxRecipients: number;
  /** Largest recipients × message size, in bytes. */
  readonly maxRecipientsTimesSize: number;
  /** Longest line, in octets including CRLF. Default 1000 (RFC 5322 §2.1.1: 998 + CRLF). */
  readonly maxLineLength?: number;
}

/** RFC 5322 §2.1.1: at most 998 characters per line, excluding CRLF. */
export const defaultMaxLineLength = 1000;

export interface SubmittedEnvelope {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
}

const fail = (check: FormalCheck, description: string, text: string): FormalFailure => ({
  check,
  description,
  text,
});

function addressesOf(values: readonly string[]): string[] {
  return values.flatMap((value) => parseAddressList(value).map((entry) => entry.address));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

export function checkSubmissionFormat(
  raw: Uint8Array,
  envelope: SubmittedEnvelope,
  limits: FormatLimits,
): FormalFailure | undefined {
  const maxLineLength = limits.maxLineLength ?? defaultMaxLineLength;
  if (longestLineOctets(raw) > maxLineLength) {
    return fail(
      'line-too-long',
      `messaggio con righe più lunghe di ${maxLineLength} ottetti (RFC 5322 §2.1.1)`,
      `a line is longer than ${maxLineLength} octets including CRLF (RFC 5322 section 2.1.1)`,
    );
  }
  const headers = parseHeaderBlock(raw);
  const fromFields = getHeaders(headers, 'from');
  if (fromFields.every((value) => value.trim() === '')) {
    return fail('from-missing', 'campo From assente', 'the From field is missing');
  }
  const from = addressesOf(fromFields);
  const sender = from[0];
  if (fromFields.length !== 1 || from.length !== 1 || sender === undefined || !isAddrSpec(sender)) {
    return fail(
      'from-invalid',
      'il campo From deve contenere un solo indirizzo valido',
      'the From field must hold exactly one valid address',
    );
  }
  if (sender.toLowerCase() !== envelope.mailFrom.toLowerCase()) {
    return fail(
      'from-mismatch',
      'il mittente (From) non coincide con il mittente della sessione SMTP (MAIL FROM)',
      'the From address differs from the MAIL FROM address',
    );
  }
  const to = addressesOf(getHeaders(headers, 'to'));
  if (to.length === 0) {
    return fail('to-missing', 'campo To assente o privo di indirizzi', 'the To field is missing or empty');
  }
  const listed = [...to, ...addressesOf(getHeaders(headers, 'cc'))];
  const invalid = listed.find((address) => !isAddrSpec(address));
  if (invalid !== undefined) {
    return fail(
      'recipient-invalid',
      `indirizzo destinatario non valido: ${invalid}`,
      `invalid recipient address in To or Cc: ${invalid}`,
    );
  }
  const headerSet = new Set(listed.map((address) => address.toLowerCase()));
  const smtpSet = new Set(envelope.rcptTo.map((address) => address.toLowerCase()));
  if (!sameSet(headerSet, smtpSet)) {
    return fail(
      'recipients-mismatch',
      'i destinatari della sessione SMTP (RCPT TO) non coincidono con i destinatari dei campi To e Cc',
      'the RCPT TO recipients differ from the To and Cc recipients',
    );
  }
  const bcc = getHeaders(headers, 'bcc').filter((value) => value.trim() !== '');
  if (bcc.length > 0) {
    return fail(
      'bcc-present',
      'destinatari in copia nascosta (Bcc) non ammessi',
      'Bcc recipients are not allowed in PEC',
    );
  }
  if (raw.length * headerSet.size > limits.maxRecipientsTimesSize) {
    return fail(
      'too-large',
      `dimensione del messaggio per numero di destinatari superiore al limite di ${limits.maxRecipientsTimesSize} byte`,
      `message size times recipients exceeds ${limits.maxRecipientsTimesSize} bytes`,
    );
  }
  if (headerSet.size > limits.maxRecipients) {
    return fail(
      'too-many-recipients',
      `numero di destinatari superiore al limite di ${limits.maxRecipients}`,
      `more than ${limits.maxRecipients} recipients`,
    );
  }
  return undefined;
}
