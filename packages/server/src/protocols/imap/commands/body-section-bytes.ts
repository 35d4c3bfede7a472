/**
 * The bytes of a FETCH body section (RFC 9051 §6.4.5, RFC 3501 §6.4.5) cut from the raw message with
 * the stored structure's offsets: HEADER, HEADER.FIELDS(.NOT), TEXT, MIME and numbered parts,
 * including the parts of an embedded message/rfc822 (a PEC postacert.eml), then `<origin.length>`.
 * Bytes are served exactly as stored; only HEADER.FIELDS(.NOT) builds new bytes (the chosen fields
 * and a blank line). A section that does not exist is null (written NIL).
 */
import { parseHeaderBlock } from '@pec/core';
import type { MimeStructure } from '../../../ports/mailbox-store.ts';
import type { BodySection, FetchPartial } from '../grammar/index.ts';

const crlf = new Uint8Array([0x0d, 0x0a]);

function isEmbeddedMessage(node: MimeStructure): boolean {
  return node.type === 'message' && node.message !== null;
}

/**
 * The entity a part path names. Part 1 of a non-multipart message is its body; the parts of a
 * message/rfc822 part are those of the embedded message (RFC 9051 §6.4.5).
 */
export function findSectionPart(root: MimeStructure, path: readonly number[]): MimeStructure | null {
  let node = root;
  let atMessage = true;
  for (const n of path) {
    let container: MimeStructure;
    if (atMessage) container = node;
    else if (isEmbeddedMessage(node) && node.message !== null) container = node.message.structure;
    else if (node.type === 'multipart') container = node;
    else return null;
    if (container.type === 'multipart') {
      const next = container.parts[n - 1];
      if (next === undefined) return null;
      node = next;
    } else if (n === 1) {
      node = container;
    } else {
      return null;
    }
    atMessage = false;
  }
  return node;
}

/** The message whose HEADER / TEXT a section with this part path means, or null. */
function messageAt(root: MimeStructure, path: readonly number[]): MimeStructure | null {
  if (path.length === 0) return root;
  const node = findSectionPart(root, path);
  return node?.message?.structure ?? null;
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
export function bodySectionBytes(
  raw: Uint8Array,
  root: MimeStructure,
  section: BodySection,
): Uint8Array | null {
  const { part, text } = section;
  if (text === null) {
    if (part.length === 0) return raw;
    const node = findSectionPart(root, part);
    return node === null ? null : raw.subarray(node.offsets.body, node.offsets.end);
  }
  if (text === 'MIME') {
    const node = findSectionPart(root, part);
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

/** `<origin.length>` of a partial fetch: an origin past the end gives the empty string (RFC 9051 §6.4.5). */
export function applyPartial(data: Uint8Array, partial: FetchPartial): Uint8Array {
  if (partial.offset >= data.length) return new Uint8Array(0);
  return data.subarray(partial.offset, Math.min(data.length, partial.offset + partial.length));
}
