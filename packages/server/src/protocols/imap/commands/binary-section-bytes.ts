/**
 * The content of a FETCH BINARY[part] (RFC 3516 §4.2, RFC 9051 §6.4.5): the part's body with its
 * Content-Transfer-Encoding removed. Identity encodings are served as stored; an encoding this
 * server cannot undo is reported so the command can answer `NO [UNKNOWN-CTE]` (RFC 3516 §4.3).
 */
import { decodeTransferEncoding } from '@pec/core';
import type { MimeStructure } from '../../../ports/mailbox-store.ts';
import { findSectionPart } from './body-section-bytes.ts';

export type BinarySection =
  | { readonly kind: 'data'; readonly data: Uint8Array }
  /** The part has a transfer encoding other than 7bit, 8bit, binary, base64 or quoted-printable. */
  | { readonly kind: 'unknown-cte' }
  | { readonly kind: 'missing' };

const knownEncodings = new Set(['7bit', '8bit', 'binary', 'base64', 'quoted-printable']);

export function binarySectionBytes(
  raw: Uint8Array,
  root: MimeStructure,
  part: readonly number[],
): BinarySection {
  if (part.length === 0) return { kind: 'data', data: raw };
  const node = findSectionPart(root, part);
  if (node === null) return { kind: 'missing' };
  const body = raw.subarray(node.offsets.body, node.offsets.end);
  // Multiparts and embedded messages carry no encoding of their own to undo (RFC 2045 §6.4).
  if (node.type === 'multipart' || node.type === 'message') return { kind: 'data', data: body };
  const encoding = (node.encoding ?? '7bit').trim().toLowerCase();
  if (!knownEncodings.has(encoding)) return { kind: 'unknown-cte' };
  return { kind: 'data', data: decodeTransferEncoding(body, encoding) };
}
