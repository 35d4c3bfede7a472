/**
 * The bytes of a section of a stored message (the sections of RFC 9051 §6.4.5 FETCH BODY[...]) cut
 * from the raw message with the stored structure's offsets: the whole message, a numbered part's
 * body, its MIME header, and the HEADER, HEADER.FIELDS(.NOT) and TEXT of the message or of an
 * embedded message/rfc822 (a PEC postacert.eml). Bytes are served exactly as stored, never
 * re-serialised; only HEADER.FIELDS(.NOT) builds new bytes (the chosen fields and a blank line).
 */
import { parseHeaderBlock } from '@pec/core';
import type { MimeStructure } from '../../ports/mailbox-store.ts';
import { findMessagePart } from './find-message-part.ts';

export type SectionText = 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';

/** A section of a message. */
export interface MessageSection {
  /** Part path (find-message-part.ts), e.g. [1, 2]; empty for the whole message. */
  readonly part: readonly number[];
  /** Null: the part's body (the whole message for the empty path). */
  readonly text: SectionText | null;
  /** Header names for HEADER.FIELDS(.NOT), compared case-insensitively; empty otherwise. */
  readonly fields: readonly string[];
}

const crlf = new Uint8Array([0x0d, 0x0a]);

/** The message whose HEADER / TEXT a section with this part path means, or null. */
function messageAt(root: MimeStructure, path: readonly number[]): MimeStructure | null {
  if (path.length === 0) return root;
  return findMessagePart(root, path)?.message?.structure ?? null;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The header fields named (or, with `exclude`, not named) in `names`, then a blank line. */
function headerFields(
  raw: Uint8Array,
  start: number,
  end: number,
  names: readonly string[],
  exclude: boolean,
): Uint8Array {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const block = parseHeaderBlock(raw, start, end);
  const chunks: Uint8Array[] = [];
  for (const field of block.fields) {
    if (wanted.has(field.name.toLowerCase()) === exclude) continue;
    const bytes = raw.subarray(field.start, field.end);
    chunks.push(bytes);
    if (bytes[bytes.length - 1] !== 0x0a) chunks.push(crlf);
  }
  chunks.push(crlf);
  return concat(chunks);
}

/** The bytes of `section` of the message `raw` described by `root`, or null when it does not exist. */
export function messageSectionBytes(
  raw: Uint8Array,
  root: MimeStructure,
  section: MessageSection,
): Uint8Array | null {
  const { part, text } = section;
  if (text === null) {
    if (part.length === 0) return raw;
    const node = findMessagePart(root, part);
    return node === null ? null : raw.subarray(node.offsets.body, node.offsets.end);
  }
  if (text === 'MIME') {
    const node = findMessagePart(root, part);
    return node === null ? null : raw.subarray(node.offsets.header, node.offsets.body);
  }
  const message = messageAt(root, part);
  if (message === null) return null;
  const end = part.length === 0 ? raw.length : message.offsets.end;
  switch (text) {
    case 'HEADER':
      return raw.subarray(message.offsets.header, message.offsets.body);
    case 'TEXT':
      return raw.subarray(message.offsets.body, end);
    case 'HEADER.FIELDS':
    case 'HEADER.FIELDS.NOT':
      return headerFields(
        raw,
        message.offsets.header,
        message.offsets.body,
        section.fields,
        text === 'HEADER.FIELDS.NOT',
      );
  }
}
