/**
 * A non-delivery report (RFC 3464 multipart/report, RFC 3462) for the recipients of a message the
 * reception point accepted for others but could not file for them: ordinary mail, anomalies and
 * notices report failures through standard DSNs, never PEC notices (pec-spec §2.4 point 4, §6.6,
 * §12 pitfall 11). It carries the original's header block only (RFC 3462 text/rfc822-headers).
 */
import { randomBytes } from 'node:crypto';
import { formatRfc5322Date } from '@pec/core';

export interface FailedRecipient {
  readonly address: string;
  readonly smtpCode: number;
  readonly enhancedCode: string;
  readonly text: string;
}

export interface DeliveryStatusInput {
  /** Our host name: `Reporting-MTA` and the `From:` domain. */
  readonly reportingHost: string;
  /** The original reverse-path, where the report goes. */
  readonly to: string;
  readonly arrivedAt: Date;
  /** This report's own Message-ID, bare. */
  readonly messageId: string;
  readonly original: Uint8Array;
  readonly failed: readonly FailedRecipient[];
}

/** The original's header block (up to the first empty line), as received. */
function headerBlockOf(original: Uint8Array): Buffer {
  const bytes = Buffer.from(original.buffer, original.byteOffset, original.byteLength);
  const end = bytes.indexOf('\r\n\r\n');
  return end === -1 ? bytes : bytes.subarray(0, end + 2);
}

export function buildDeliveryStatusNotification(input: DeliveryStatusInput): Uint8Array {
  if (input.failed.length === 0)
    throw new RangeError('a delivery status notification needs a failed recipient');
  const boundary = `=_report_${randomBytes(12).toString('hex')}`;
  const date = formatRfc5322Date(input.arrivedAt);
  const lines = (list: readonly string[]) => `${list.join('\r\n')}\r\n`;
  const explanation = [
    'This is the mail system at host ' + input.reportingHost + '.',
    '',
    'Your message could not be delivered to the following recipients:',
    '',
    ...input.failed.map((f) => `  <${f.address}>: ${f.smtpCode} ${f.enhancedCode} ${f.text}`),
  ];
  const perRecipient = input.failed.flatMap((f) => [
    '',
    `Final-Recipient: rfc822; ${f.address}`,
    'Action: failed',
    `Status: ${f.enhancedCode}`,
    `Diagnostic-Code: smtp; ${f.smtpCode} ${f.enhancedCode} ${f.text}`,
  ]);
  const head = lines([
    `From: Mail Delivery System <MAILER-DAEMON@${input.reportingHost}>`,
    `To: <${input.to}>`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date}`,
    `Message-ID: <${input.messageId}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    ...explanation,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns; ${input.reportingHost}`,
    `Arrival-Date: ${date}`,
    ...perRecipient,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
  ]);
  const tail = lines(['', `--${boundary}--`]);
  return Uint8Array.from(
    Buffer.concat([Buffer.from(head, 'latin1'), headerBlockOf(input.original), Buffer.from(tail, 'latin1')]),
  );
}
