/**
 * The stored envelope of a message or of an embedded message/rfc822 part (RFC 9051 §7.5.2
 * ENVELOPE): the first Date, Subject, In-Reply-To and Message-ID fields unfolded and otherwise as
 * sent (encoded words stay encoded), and every occurrence of each address field in order. Absent
 * fields are null or empty; the IMAP layer applies the sender / reply-to defaults.
 */
import { getHeader, getHeaders, type HeaderBlock } from '@pec/core';
import type { MessageEnvelope } from '../../ports/mailbox-store.ts';
import { parseEnvelopeAddresses } from './parse-envelope-addresses.ts';

function text(headers: HeaderBlock, name: string): string | null {
  return getHeader(headers, name) ?? null;
}

export function describeMessageEnvelope(headers: HeaderBlock): MessageEnvelope {
  const addresses = (name: string) => parseEnvelopeAddresses(getHeaders(headers, name));
  return {
    date: text(headers, 'date'),
    subject: text(headers, 'subject'),
    from: addresses('from'),
    sender: addresses('sender'),
    replyTo: addresses('reply-to'),
    to: addresses('to'),
    cc: addresses('cc'),
    bcc: addresses('bcc'),
    inReplyTo: text(headers, 'in-reply-to'),
    messageId: text(headers, 'message-id'),
  };
}
