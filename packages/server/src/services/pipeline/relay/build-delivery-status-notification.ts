/**
 * A standard delivery status notification (DSN, RFC 3464 in a RFC 6522 multipart/report): the
 * non-PEC answer when mail to an ordinary (esterno) recipient, or forwarded ordinary mail, fails
 * for good or stays queued past its lifetime (pec-spec §2.3 "standard SMTP error handling", §2.4,
 * §6.6). Pure: time, identifiers and host come in. Three parts: a human-readable explanation, the
 * machine-readable `message/delivery-status`, and the headers of the undelivered message. It is
 * sent with the null reverse-path (RFC 5321 §4.5.5) and says it is automatic (RFC 3834).
 */
import {
  chooseBoundary,
  formatRfc5322Date,
  parseHeaderBlock,
  renderHeaderLines,
  withAngleBrackets,
} from '@pec/core';

export interface FailedRecipient {
  readonly address: string;
  /** RFC 3463 status, e.g. `5.1.1`, or `4.4.7` when the queue lifetime ran out. */
  readonly status: string;
  /** Host that gave the last answer, when one did. */
  readonly remoteMta: string | null;
  /** The peer's last SMTP reply, e.g. `550 5.1.1 no such user`, when there was one. */
  readonly diagnostic: string | null;
  /** What went wrong, for the reader: the reply, or a network or routing problem. */
  readonly detail: string;
  readonly lastAttemptAt: Date | null;
}

export interface DeliveryStatusNotificationInput {
  /** This provider's host name: Reporting-MTA and the MAILER-DAEMON address. */
  readonly reportingHost: string;
  /** The original reverse-path: where the DSN goes. */
  readonly to: string;
  readonly messageId: string;
  readonly issuedAt: Date;
  /** When the undelivered message entered our queue. */
  readonly arrivedAt: Date;
  /** The header section of the undelivered message, exact bytes (without the empty line). */
  readonly originalHeaders: Uint8Array;
  /** Our queue identifier of the message, e.g. the PEC identificativo, for the reader. */
  readonly reference?: string;
  readonly recipients: readonly FailedRecipient[];
}

const encoder = new TextEncoder();

/** ASCII only, one line, bounded (RFC 3464 §2.1.1: fields are US-ASCII). */
function asciiLine(text: string, max = 900): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

function explanation(input: DeliveryStatusNotificationInput): string {
  const lines = [
    `This is the mail system at host ${asciiLine(input.reportingHost)}.`,
    '',
    'Your message could not be delivered to one or more recipients.',
    "Il messaggio non e' stato consegnato a uno o piu' destinatari.",
    ...(input.reference === undefined ? [] : ['', `Reference / Riferimento: ${asciiLine(input.reference)}`]),
    '',
  ];
  for (const recipient of input.recipients) {
    const reason = recipient.status.startsWith('4.4.7')
      ? 'the message stayed undeliverable for the whole queue lifetime'
      : 'the recipient was refused';
    lines.push(`<${asciiLine(recipient.address)}>: ${reason}`);
    const from = recipient.remoteMta === null ? '' : ` (${asciiLine(recipient.remoteMta)})`;
    lines.push(`    last error${from}: ${asciiLine(recipient.detail)}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

function deliveryStatus(input: DeliveryStatusNotificationInput): string {
  const groups = [
    [
      `Reporting-MTA: dns; ${asciiLine(input.reportingHost)}`,
      `Arrival-Date: ${formatRfc5322Date(input.arrivedAt)}`,
    ],
    ...input.recipients.map((recipient) => [
      `Final-Recipient: rfc822; ${asciiLine(recipient.address)}`,
      'Action: failed',
      `Status: ${recipient.status}`,
      ...(recipient.remoteMta === null ? [] : [`Remote-MTA: dns; ${asciiLine(recipient.remoteMta)}`]),
      ...(recipient.diagnostic === null ? [] : [`Diagnostic-Code: smtp; ${asciiLine(recipient.diagnostic)}`]),
      ...(recipient.lastAttemptAt === null
        ? []
        : [`Last-Attempt-Date: ${formatRfc5322Date(recipient.lastAttemptAt)}`]),
    ]),
  ];
  return groups.map((group) => `${group.join('\r\n')}\r\n`).join('\r\n');
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function buildDeliveryStatusNotification(input: DeliveryStatusNotificationInput): Uint8Array {
  if (input.recipients.length === 0) throw new RangeError('a DSN reports at least one recipient');
  const parts: Uint8Array[] = [
    encoder.encode(
      renderHeaderLines([
        { name: 'Content-Type', value: 'text/plain; charset=us-ascii', kind: 'structured' },
        { name: 'Content-Description', value: 'Notification' },
      ]) +
        '\r\n' +
        explanation(input),
    ),
    encoder.encode(
      renderHeaderLines([
        { name: 'Content-Type', value: 'message/delivery-status', kind: 'structured' },
        { name: 'Content-Description', value: 'Delivery report' },
      ]) +
        '\r\n' +
        deliveryStatus(input),
    ),
    concat([
      encoder.encode(
        renderHeaderLines([
          { name: 'Content-Type', value: 'text/rfc822-headers', kind: 'structured' },
          { name: 'Content-Description', value: 'Undelivered message headers' },
        ]) + '\r\n',
      ),
      input.originalHeaders,
    ]),
  ];
  const boundary = chooseBoundary(input.messageId, '1', parts);
  const header = renderHeaderLines([
    {
      name: 'From',
      value: `Mail Delivery System <MAILER-DAEMON@${input.reportingHost}>`,
      kind: 'structured',
    },
    { name: 'To', value: withAngleBrackets(input.to), kind: 'structured' },
    { name: 'Subject', value: 'Undelivered Mail Returned to Sender / Mancata consegna' },
    { name: 'Date', value: formatRfc5322Date(input.issuedAt), kind: 'structured' },
    { name: 'Message-ID', value: withAngleBrackets(input.messageId), kind: 'structured' },
    { name: 'Auto-Submitted', value: 'auto-replied', kind: 'structured' },
    { name: 'MIME-Version', value: '1.0', kind: 'structured' },
    {
      name: 'Content-Type',
      value: `multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      kind: 'structured',
    },
  ]);
  const chunks: Uint8Array[] = [encoder.encode(`${header}\r\n`)];
  for (const part of parts) chunks.push(encoder.encode(`--${boundary}\r\n`), part, encoder.encode('\r\n'));
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return concat(chunks);
}

/** The header section of a message (up to, not including, the empty line). */
export function headerSectionOf(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, parseHeaderBlock(bytes).headerEnd);
}
