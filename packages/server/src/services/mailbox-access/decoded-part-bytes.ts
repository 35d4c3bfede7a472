/**
 * The content of a part with its Content-Transfer-Encoding removed (RFC 2045 §6; IMAP BINARY,
 * RFC 3516 §4.2; attachment downloads): base64 and quoted-printable decoded, identity encodings
 * served as stored. An encoding this server cannot undo is reported, never guessed (RFC 3516 §4.3).
 */
import { decodeTransferEncoding } from '@pec/core';
import type { MimeStructure } from '../../ports/mailbox-store.ts';
import { findMessagePart } from './find-message-part.ts';

export type DecodedPartBytes =
  | { readonly kind: 'data'; readonly data: Uint8Array }
  /** The part has a transfer encoding other than 7bit, 8bit, binary, base64 or quoted-printable. */
  | { readonly kind: 'unknown-cte' }
  | { readonly kind: 'missing' };

const knownEncodings = new Set(['7bit', '8bit', 'binary', 'base64', 'quoted-printable']);

/** The decoded body of the part at `path` (find-message-part.ts); the whole message, as stored, for the empty path. */
export function decodedPartBytes(
  raw: Uint8Array,
  root: MimeStructure,
  path: readonly number[],
): DecodedPartBytes {
  if (path.length === 0) return { kind: 'data', data: raw };
  const node = findMessagePart(root, path);
  if (node === null) return { kind: 'missing' };
  const body = raw.subarray(node.offsets.body, node.offsets.end);
  // Multiparts and embedded messages carry no encoding of their own to undo (RFC 2045 §6.4).
  if (node.type === 'multipart' || node.type === 'message') return { kind: 'data', data: body };
  const encoding = (node.encoding ?? '7bit').trim().toLowerCase();
  if (!knownEncodings.has(encoding)) return { kind: 'unknown-cte' };
  return { kind: 'data', data: decodeTransferEncoding(body, encoding) };
}
