/**
 * Text content of a leaf MIME part: transfer-decoded (RFC 2045 §6) then charset-decoded
 * (RFC 2046 §4.1.2) from the node's raw body range. Never throws.
 */
import { decodeCharset } from './decode-charset.ts';
import { decodeTransferEncoding } from './decode-transfer-encoding.ts';
import type { MimeNode } from './parse-mime-tree.ts';

/** Decoded bytes of a part's body (the bytes of an attachment). */
export function readBodyBytes(bytes: Uint8Array, node: MimeNode): Uint8Array {
  return decodeTransferEncoding(bytes.subarray(node.bodyStart, node.bodyEnd), node.transferEncoding);
}

export function readTextBody(bytes: Uint8Array, node: MimeNode): string {
  return decodeCharset(readBodyBytes(bytes, node), node.contentType.params.get('charset'));
}
