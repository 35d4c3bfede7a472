/**
 * Base64 body text (RFC 2045 §6.8): lines of 76 characters joined by CRLF, without a trailing line
 * break of its own. Empty input gives empty text.
 */

const lineLength = 76;

export function encodeBase64Lines(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += lineLength) lines.push(text.slice(i, i + lineLength));
  return lines.join('\r\n');
}
