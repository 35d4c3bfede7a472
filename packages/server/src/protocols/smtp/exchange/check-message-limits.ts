/**
 * Limits the MX listener applies to a whole received message before the reception point sees it:
 * the longest text line (RFC 5321 §4.5.3.1.6, `limits.maxLineLength` octets including CRLF) and the
 * header block size (`limits.maxHeaderBytes`). Returns the refusal, or undefined when within limits.
 */
import type { RefusalOf } from '../../../services/refusal/refusal.ts';

export interface MessageLimits {
  readonly maxLineLength: number;
  readonly maxHeaderBytes: number;
}

/** Length of the longest line, counting its line ending (CRLF, or a bare LF). */
export function longestLine(bytes: Uint8Array): number {
  let longest = 0;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    longest = Math.max(longest, i + 1 - start);
    start = i + 1;
  }
  return Math.max(longest, bytes.length - start);
}

/** Bytes before the empty line that ends the header block (the whole message when there is none). */
export function headerBlockLength(bytes: Uint8Array): number {
  const end = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('\r\n\r\n');
  return end === -1 ? bytes.length : end + 2;
}

export function checkMessageLimits(
  bytes: Uint8Array,
  limits: MessageLimits,
): RefusalOf<'message-too-large' | 'line-too-long'> | undefined {
  if (headerBlockLength(bytes) > limits.maxHeaderBytes) {
    return { reason: 'message-too-large', limitBytes: limits.maxHeaderBytes, part: 'header' };
  }
  if (longestLine(bytes) > limits.maxLineLength) {
    return { reason: 'line-too-long', limitOctets: limits.maxLineLength };
  }
  return undefined;
}
