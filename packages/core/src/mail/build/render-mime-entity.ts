/**
 * Assembles a MIME entity from a tree of header fields and bodies into exact bytes: CRLF line
 * breaks everywhere, header fields folded by `renderHeaderField`, multipart boundaries chosen
 * deterministically from a seed (RFC 2045, RFC 2046 §5.1). The same tree and seed always give the
 * same bytes. Bodies are written verbatim: encoding them (quoted-printable, base64) is the caller's job.
 */
import { chooseBoundary } from './choose-boundary.ts';
import { renderHeaderField, type HeaderValueKind } from './render-header-field.ts';

/** A header field to render, or `raw` text of fields copied verbatim (each line ending in CRLF). */
export type HeaderInput =
  | { readonly name: string; readonly value: string; readonly kind?: HeaderValueKind }
  | { readonly raw: string };

export interface MimeLeaf {
  readonly headers: readonly HeaderInput[];
  /** The body as it goes on the wire; text must be ASCII. */
  readonly body: Uint8Array | string;
}

export interface MimeMultipart {
  /** Header fields after the generated `Content-Type: multipart/<subtype>; boundary=…`. */
  readonly headers: readonly HeaderInput[];
  /** `mixed`, `alternative`, … */
  readonly multipart: string;
  readonly parts: readonly MimeEntity[];
}

export type MimeEntity = MimeLeaf | MimeMultipart;

const utf8 = new TextEncoder();

/** Header fields as text, each ending in CRLF. */
export function renderHeaderLines(headers: readonly HeaderInput[]): string {
  return headers
    .map((header) => {
      if ('raw' in header) {
        if (!/^(?:[^\r\n]*\r\n)+$/.test(header.raw))
          throw new RangeError('raw header text must end lines in CRLF');
        return header.raw;
      }
      return renderHeaderField(header.name, header.value, header.kind);
    })
    .join('');
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function bodyBytes(body: Uint8Array | string): Uint8Array {
  if (typeof body !== 'string') return body;
  // eslint-disable-next-line no-control-regex -- the check is for 7-bit text
  if (!/^[\u0000-\u007f]*$/.test(body)) throw new RangeError('text bodies must be ASCII; encode them first');
  return utf8.encode(body);
}

function render(entity: MimeEntity, seed: string, label: string): Uint8Array {
  if (!('parts' in entity)) {
    return concat([utf8.encode(renderHeaderLines(entity.headers) + '\r\n'), bodyBytes(entity.body)]);
  }
  if (!/^[a-z0-9-]+$/.test(entity.multipart))
    throw new RangeError(`invalid multipart subtype: ${entity.multipart}`);
  const parts = entity.parts.map((part, index) => render(part, seed, `${label}.${index + 1}`));
  const boundary = chooseBoundary(seed, label, parts);
  const header = renderHeaderLines([
    {
      name: 'Content-Type',
      value: `multipart/${entity.multipart}; boundary="${boundary}"`,
      kind: 'structured',
    },
    ...entity.headers,
  ]);
  const chunks: Uint8Array[] = [utf8.encode(header + '\r\n')];
  for (const part of parts) {
    chunks.push(utf8.encode(`--${boundary}\r\n`), part, utf8.encode('\r\n'));
  }
  chunks.push(utf8.encode(`--${boundary}--\r\n`));
  return concat(chunks);
}

/** Renders `entity`; `boundarySeed` makes its boundaries (labels `1`, `1.1`, `1.2`, … by position). */
export function renderMimeEntity(entity: MimeEntity, boundarySeed: string): Uint8Array {
  return render(entity, boundarySeed, '1');
}
