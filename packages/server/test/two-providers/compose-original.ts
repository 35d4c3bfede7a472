/**
 * Test-only: the message a mail client submits (RFC 5322, CRLF), with To, Cc, an optional
 * X-TipoRicevuta (pec-spec §3.1, §3.5) and base64 attachments, so the receipt variants and the
 * byte-identity of attachments can be checked on the other side.
 */
import { randomUUID } from 'node:crypto';
import { pecHeaders, type ReceiptVariant } from '@pec/core';

export interface OriginalAttachment {
  readonly filename: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

export interface OriginalInput {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  readonly body?: string;
  readonly receiptType?: ReceiptVariant;
  readonly attachments?: readonly OriginalAttachment[];
}

export interface ComposedOriginal {
  readonly raw: Buffer;
  /** With angle brackets. */
  readonly messageId: string;
  /** Every To and Cc address, the RCPT TO set the access point requires (pec-spec §2.2). */
  readonly rcptTo: readonly string[];
}

function base64Lines(bytes: Uint8Array): string[] {
  return (
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  );
}

export function composeOriginal(input: OriginalInput): ComposedOriginal {
  const messageId = `<${randomUUID()}@client.test.localhost>`;
  const boundary = `b-${randomUUID()}`;
  const attachments = input.attachments ?? [];
  const cc = input.cc ?? [];
  const text = (input.body ?? 'Buongiorno,\nin allegato il documento.\n').replace(/\r?\n/g, '\r\n');
  const headers = [
    `From: ${input.from}`,
    `To: ${input.to.join(', ')}`,
    ...(cc.length === 0 ? [] : [`Cc: ${cc.join(', ')}`]),
    `Subject: ${input.subject}`,
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    ...(input.receiptType === undefined ? [] : [`${pecHeaders.receiptType}: ${input.receiptType}`]),
    'MIME-Version: 1.0',
  ];
  const lines =
    attachments.length === 0
      ? [...headers, 'Content-Type: text/plain; charset=utf-8', '', text]
      : [
          ...headers,
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
          '',
          `--${boundary}`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          text,
          ...attachments.flatMap((a) => [
            `--${boundary}`,
            `Content-Type: ${a.mime}; name="${a.filename}"`,
            `Content-Disposition: attachment; filename="${a.filename}"`,
            'Content-Transfer-Encoding: base64',
            '',
            ...base64Lines(a.bytes),
          ]),
          `--${boundary}--`,
          '',
        ];
  return {
    raw: Buffer.from(lines.join('\r\n'), 'utf8'),
    messageId,
    rcptTo: [...input.to, ...cc],
  };
}
