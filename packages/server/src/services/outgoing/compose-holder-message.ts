/**
 * The message a holder writes in the webmail, as RFC 5322 bytes built with the core's MIME
 * builders: From the session's mailbox, To and Cc only (a PEC carries no Bcc, pec-spec §2.2),
 * Subject, Date, Message-ID, `X-TipoRicevuta` (pec-spec §3.5: the receipt type the holder asks
 * for) and a UTF-8 text part in quoted-printable, so no line passes RFC 5322 §2.1.1; attachments
 * in base64 after it (multipart/mixed, RFC 2046 §5.1.3), names in RFC 2231 form when not ASCII.
 * With an HTML body the text and HTML parts go together as multipart/alternative (RFC 2046
 * §5.1.4: plain first, the richer last). A message/rfc822 attachment (a message forwarded whole,
 * such as a signed PEC envelope) is carried verbatim in 7bit or 8bit, as RFC 2046 §5.2.1 requires:
 * its bytes, and so its signature, stay exactly as received.
 * Pure: time, Message-ID and boundary seed are inputs, so the same input gives the same bytes.
 */
import {
  encodeBase64Lines,
  encodeQuotedPrintable,
  pecHeaders,
  renderMailbox,
  renderMimeEntity,
  type HeaderInput,
  type MimeEntity,
  type MimeLeaf,
  type ReceiptVariant,
} from '@pec/core';

export interface ComposedAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export interface HolderMessage {
  readonly from: { readonly address: string; readonly displayName: string };
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** The HTML body, already sanitised by the caller; absent for a plain-text message. */
  readonly html?: string;
  readonly receiptType: ReceiptVariant;
  readonly attachments: readonly ComposedAttachment[];
  /** With angle brackets. */
  readonly messageId: string;
  readonly date: Date;
  /** Message-ID of the message answered (RFC 5322 §3.6.4), with angle brackets. */
  readonly inReplyTo?: string;
  readonly references?: string;
}

const utf8 = new TextEncoder();

/** RFC 5322 §3.3 date-time in UTC. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/** RFC 2045 §5.1 token: the characters a parameter value may hold unquoted. */
const tokenValue = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/;

/** `filename` as a quoted string when ASCII, else RFC 2231 §4 `filename*=UTF-8''…`. */
function fileNameParameter(parameter: string, name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never go into a header
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() || 'attachment';
  if (/^[\x20-\x7e]*$/.test(clean)) return `${parameter}="${clean.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  const encoded = Array.from(utf8.encode(clean), (byte) => {
    const char = String.fromCharCode(byte);
    return byte < 0x80 && tokenValue.test(char) && char !== '%' && char !== "'" && char !== '*'
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  return `${parameter}*=UTF-8''${encoded}`;
}

/** A MIME type as given when it is `type/subtype`, else application/octet-stream. */
function safeContentType(contentType: string): string {
  const value = contentType.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(value)
    ? value
    : 'application/octet-stream';
}

export function composeHolderMessage(message: HolderMessage): Uint8Array {
  const headers: HeaderInput[] = [
    {
      name: 'From',
      value: renderMailbox(message.from.address, message.from.displayName),
      kind: 'structured',
    },
  ];
  if (message.to.length > 0)
    headers.push({
      name: 'To',
      value: message.to.map((a) => renderMailbox(a)).join(', '),
      kind: 'structured',
    });
  if (message.cc.length > 0)
    headers.push({
      name: 'Cc',
      value: message.cc.map((a) => renderMailbox(a)).join(', '),
      kind: 'structured',
    });
  headers.push(
    { name: 'Subject', value: message.subject },
    { name: 'Date', value: rfc5322Date(message.date), kind: 'structured' },
    { name: 'Message-ID', value: message.messageId, kind: 'structured' },
  );
  if (message.inReplyTo !== undefined)
    headers.push({ name: 'In-Reply-To', value: message.inReplyTo, kind: 'structured' });
  if (message.references !== undefined)
    headers.push({ name: 'References', value: message.references, kind: 'structured' });
  headers.push(
    { name: pecHeaders.receiptType, value: message.receiptType, kind: 'structured' },
    { name: 'MIME-Version', value: '1.0', kind: 'structured' },
  );
  const seed = message.messageId;
  const body = bodyEntity(message);
  if (message.attachments.length === 0) {
    return 'parts' in body
      ? renderMimeEntity({ headers, multipart: body.multipart, parts: body.parts }, seed)
      : renderMimeEntity({ headers: [...headers, ...body.headers], body: body.body }, seed);
  }
  return renderMimeEntity(
    { headers, multipart: 'mixed', parts: [body, ...message.attachments.map(attachmentEntity)] },
    seed,
  );
}

/** A UTF-8 text part in quoted-printable with CRLF line breaks (RFC 2045 §6.7). */
function textEntity(subtype: 'plain' | 'html', content: string): MimeLeaf {
  const text = content.replace(/\r\n|\r|\n/g, '\r\n');
  return {
    headers: [
      { name: 'Content-Type', value: `text/${subtype}; charset=utf-8`, kind: 'structured' },
      { name: 'Content-Transfer-Encoding', value: 'quoted-printable', kind: 'structured' },
    ],
    body: `${encodeQuotedPrintable(utf8.encode(text))}\r\n`,
  };
}

/** The text part alone, or text and HTML as multipart/alternative (RFC 2046 §5.1.4). */
function bodyEntity(message: HolderMessage): MimeEntity {
  const plain = textEntity('plain', message.text);
  if (message.html === undefined) return plain;
  return { headers: [], multipart: 'alternative', parts: [plain, textEntity('html', message.html)] };
}

/** Whether the bytes can travel as a 7bit or 8bit body: CRLF lines of at most 998 octets, no NUL. */
function identityEncoding(bytes: Uint8Array): '7bit' | '8bit' | undefined {
  let eightBit = false;
  let lineLength = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0;
    if (byte === 0) return undefined;
    if (byte >= 0x80) eightBit = true;
    if (byte === 0x0a) {
      if (bytes[index - 1] !== 0x0d) return undefined;
      lineLength = 0;
    } else if (byte !== 0x0d) {
      lineLength += 1;
      if (lineLength > 998) return undefined;
    }
  }
  return eightBit ? '8bit' : '7bit';
}

function attachmentEntity(attachment: ComposedAttachment): MimeEntity {
  const contentType = safeContentType(attachment.contentType);
  const disposition: HeaderInput = {
    name: 'Content-Disposition',
    value: `attachment; ${fileNameParameter('filename', attachment.name)}`,
    kind: 'structured',
  };
  const identity = contentType === 'message/rfc822' ? identityEncoding(attachment.bytes) : undefined;
  if (identity !== undefined) {
    // RFC 2046 §5.2.1: no encoding other than 7bit, 8bit or binary for message/rfc822.
    const bytes = attachment.bytes;
    const ends = bytes.length >= 2 && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 1] === 0x0a;
    return {
      headers: [
        { name: 'Content-Type', value: 'message/rfc822', kind: 'structured' },
        { name: 'Content-Transfer-Encoding', value: identity, kind: 'structured' },
        disposition,
      ],
      body: ends ? bytes : new Uint8Array([...bytes, 0x0d, 0x0a]),
    };
  }
  // A message that cannot travel verbatim (bare LF, long lines) goes as an opaque file instead.
  const type = contentType === 'message/rfc822' ? 'application/octet-stream' : contentType;
  return {
    headers: [
      {
        name: 'Content-Type',
        value: `${type}; ${fileNameParameter('name', attachment.name)}`,
        kind: 'structured',
      },
      { name: 'Content-Transfer-Encoding', value: 'base64', kind: 'structured' },
      disposition,
    ],
    body: `${encodeBase64Lines(attachment.bytes)}\r\n`,
  };
}
