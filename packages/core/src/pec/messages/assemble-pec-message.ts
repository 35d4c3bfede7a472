/**
 * The body layout shared by every generated PEC message (pec-spec §3.0, §5): a multipart/mixed
 * labelled `binary` holding a multipart/alternative (text/plain + text/html, ISO-8859-1,
 * quoted-printable, inline), then `daticert.xml` (application/xml, base64) when there is one,
 * then `postacert.eml` (message/rfc822) when the original is carried. Exact CRLF bytes, boundaries
 * derived from the seed, so the same layout always gives the same bytes.
 */
import { isAscii } from 'node:buffer';
import { chooseBoundary } from '../../mail/build/choose-boundary.ts';
import { encodeBase64Lines } from '../../mail/build/encode-base64-lines.ts';
import { encodeLatin1 } from '../../mail/build/encode-latin1.ts';
import { encodeQuotedPrintable } from '../../mail/build/encode-quoted-printable.ts';
import { normalizeLineBreaks } from '../../mail/build/normalize-line-breaks.ts';
import { renderHeaderField } from '../../mail/build/render-header-field.ts';
import { renderMimeEntity } from '../../mail/build/render-mime-entity.ts';
import type { HeaderInput, MimeEntity, MimeLeaf } from '../../mail/build/render-mime-entity.ts';
import type { Daticert } from '../daticert/daticert.ts';
import { renderDaticertBytes } from '../daticert/render-daticert.ts';
import { pecFileNames } from '../vocabulary.ts';
import type { PecText } from './texts/pec-text.ts';
import { renderHtmlText, renderPlainText } from './texts/render-pec-text.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export interface PecMessageLayout {
  /** Outer header fields in order; `raw` ones are byte strings (one character per byte). */
  readonly headers: readonly HeaderInput[];
  readonly text: PecText;
  readonly daticert?: Daticert | undefined;
  /** The message carried as postacert.eml; its line breaks are made CRLF, nothing else changes. */
  readonly original?: Uint8Array | undefined;
  readonly boundarySeed: string;
}

/** The text part charset PEC requires (pec-spec §3.0). */
const textCharset = 'iso-8859-1';

const structured = (name: string, value: string): HeaderInput => ({ name, value, kind: 'structured' });

function textLeaf(subtype: 'plain' | 'html', text: string): MimeLeaf {
  return {
    headers: [
      structured('Content-Type', `text/${subtype}; charset="${textCharset}"`),
      structured('Content-Disposition', 'inline'),
      structured('Content-Transfer-Encoding', 'quoted-printable'),
    ],
    body: encodeQuotedPrintable(encodeLatin1(text)),
  };
}

/**
 * The identity transfer encoding that truthfully labels a carried message (RFC 2045 §2.7–2.9;
 * message/rfc822 allows no other, RFC 2046 §5.2.1). Re-encoding the original's parts would break
 * its signature and the breve hashes (pec-spec §5), so an 8-bit original is labelled, not changed.
 */
export function identityEncodingOf(bytes: Uint8Array): '7bit' | '8bit' | 'binary' {
  // Native scans (indexOf, isAscii): a byte-by-byte `for…of` allocated an iterator result per byte,
  // hundreds of KB of garbage per carried message.
  if (bytes.includes(0x00)) return 'binary';
  for (let lineStart = 0; lineStart < bytes.length;) {
    const lineFeed = bytes.indexOf(0x0a, lineStart);
    const lineEnd = lineFeed === -1 ? bytes.length : lineFeed;
    // RFC 5322 §2.1.1 / RFC 2045 §2.8: at most 998 octets plus CRLF, so 999 before the LF.
    if (lineEnd - lineStart > 999) return 'binary';
    lineStart = lineEnd + 1;
  }
  return isAscii(bytes) ? '7bit' : '8bit';
}

function fileLeaf(type: string, fileName: string, encoding: string, body: Uint8Array | string): MimeLeaf {
  return {
    headers: [
      structured('Content-Type', `${type}; name="${fileName}"`),
      structured('Content-Disposition', `inline; filename="${fileName}"`),
      structured('Content-Transfer-Encoding', encoding),
    ],
    body,
  };
}

function headerLine(header: HeaderInput): string {
  if ('raw' in header) return header.raw;
  // Rendered fields are ASCII except internationalised addresses (RFC 6532), written as UTF-8 bytes.
  return Buffer.from(renderHeaderField(header.name, header.value, header.kind), 'utf8').toString('latin1');
}

export function assemblePecMessage(layout: PecMessageLayout): UnsignedPecMessage {
  const parts: MimeEntity[] = [
    {
      multipart: 'alternative',
      headers: [],
      parts: [textLeaf('plain', renderPlainText(layout.text)), textLeaf('html', renderHtmlText(layout.text))],
    },
  ];
  if (layout.daticert !== undefined) {
    const xml = encodeBase64Lines(renderDaticertBytes(layout.daticert));
    parts.push(fileLeaf('application/xml', pecFileNames.daticert, 'base64', xml));
  }
  if (layout.original !== undefined) {
    const original = normalizeLineBreaks(layout.original);
    parts.push(fileLeaf('message/rfc822', pecFileNames.original, identityEncodingOf(original), original));
  }
  const content = renderMimeEntity(
    {
      multipart: 'mixed',
      headers: [structured('Content-Transfer-Encoding', 'binary'), structured('MIME-Version', '1.0')],
      parts,
    },
    layout.boundarySeed,
  );
  for (const header of layout.headers) {
    if ('raw' in header && !/^(?:[^\r\n]*\r\n)+$/.test(header.raw)) {
      throw new RangeError('raw header text must end lines in CRLF');
    }
  }
  return {
    headerLines: layout.headers.map(headerLine).join(''),
    content,
    boundary: chooseBoundary(layout.boundarySeed, '0', [content]),
  };
}
