/**
 * An ordinary RFC 5322 message to a holder's contact address (password recovery, sign-in notices):
 * plain text, quoted-printable, `Auto-Submitted: auto-generated` (RFC 3834 §5) so that no
 * auto-responder answers it. Pure: time and ids are inputs.
 */
import { encodeQuotedPrintable, formatRfc5322Date, renderMimeEntity } from '@pec/core';

export interface HolderMailInput {
  readonly subject: string;
  readonly text: string;
  readonly providerName: string;
  readonly from: string;
  readonly to: string;
  readonly at: Date;
  /** Unique per mail: the Message-ID's left part. */
  readonly id: string;
}

export function buildHolderMail(input: HolderMailInput): Uint8Array {
  const body = `${encodeQuotedPrintable(new TextEncoder().encode(`${input.text}\n\n-- \n${input.providerName}`))}\r\n`;
  return renderMimeEntity(
    {
      headers: [
        { name: 'From', value: `${input.providerName} <${input.from}>`, kind: 'structured' },
        { name: 'To', value: input.to, kind: 'structured' },
        { name: 'Subject', value: input.subject },
        { name: 'Date', value: formatRfc5322Date(input.at), kind: 'structured' },
        {
          name: 'Message-ID',
          value: `<${input.id}@${input.from.slice(input.from.indexOf('@') + 1)}>`,
          kind: 'structured',
        },
        { name: 'Auto-Submitted', value: 'auto-generated', kind: 'structured' },
        { name: 'MIME-Version', value: '1.0', kind: 'structured' },
        { name: 'Content-Type', value: 'text/plain; charset=utf-8', kind: 'structured' },
        { name: 'Content-Transfer-Encoding', value: 'quoted-printable', kind: 'structured' },
      ],
      body,
    },
    input.id,
  );
}
