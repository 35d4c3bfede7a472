/**
 * Content-Transfer-Encoding decoders (RFC 2045 §6.7 quoted-printable, §6.8 base64). Lenient the way
 * real PEC traffic needs: base64 ignores junk and missing or inner padding, quoted-printable accepts
 * lower-case hex and keeps invalid escapes literally. Other encodings (7bit, 8bit, binary, unknown)
 * pass through unchanged. Never throws.
 */

const CR = 0x0d;
const LF = 0x0a;
const EQUALS = 0x3d;

/** Sextet value of each base64 byte (standard and URL-safe alphabets), -1 for anything else. */
const base64Values: Int8Array = (() => {
  const table = new Int8Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table[0x2d] = 62; // '-'
  table[0x5f] = 63; // '_'
  return table;
})();

/**
 * Decodes base64, skipping every byte outside the alphabet. A `=` closes the current quantum, so
 * concatenated padded chunks decode as the concatenation of their contents.
 */
export function decodeBase64(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.floor((body.length * 3) / 4) + 3);
  let length = 0;
  let bits = 0;
  let bitCount = 0;
  // An indexed loop: `for…of` over the bytes allocated an iterator result per byte.
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] ?? 0;
    const value = base64Values[byte] ?? -1;
    if (value < 0) {
      if (byte === EQUALS) {
        bits = 0;
        bitCount = 0;
      }
      continue;
    }
    bits = ((bits << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out[length++] = (bits >> bitCount) & 0xff;
    }
  }
  return out.slice(0, length);
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function isBlank(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09;
}

/**
 * Decodes quoted-printable. Trailing blanks of each line are dropped (RFC 2045 §6.7 rule 3), a final
 * `=` (optionally followed by blanks) is a soft line break, hard line breaks are kept as written.
 */
export function decodeQuotedPrintable(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length);
  let length = 0;
  let lineStart = 0;
  while (lineStart < body.length) {
    let lineEnd = body.indexOf(LF, lineStart);
    const hasBreak = lineEnd >= 0;
    if (!hasBreak) lineEnd = body.length;
    // The line break (CRLF, LF or CR CR LF) starts at breakStart.
    let breakStart = lineEnd;
    while (breakStart > lineStart && body[breakStart - 1] === CR) breakStart--;
    let contentEnd = breakStart;
    while (contentEnd > lineStart && isBlank(body[contentEnd - 1])) contentEnd--;
    let soft = false;
    if (contentEnd > lineStart && body[contentEnd - 1] === EQUALS) {
      soft = true;
      contentEnd--;
    }
    for (let i = lineStart; i < contentEnd; i++) {
      const byte = body[i] ?? 0;
      if (byte === EQUALS && i + 2 < contentEnd) {
        const high = hexValue(body[i + 1]);
        const low = hexValue(body[i + 2]);
        if (high >= 0 && low >= 0) {
          out[length++] = (high << 4) | low;
          i += 2;
          continue;
        }
      }
      out[length++] = byte;
    }
    if (hasBreak && !soft) {
      for (let i = breakStart; i <= lineEnd; i++) out[length++] = body[i] ?? LF;
    }
    lineStart = lineEnd + 1;
  }
  return out.slice(0, length);
}

/**
 * Undoes a Content-Transfer-Encoding. `encoding` is compared case-insensitively; identity encodings
 * and unknown ones return `body` itself (not a copy).
 */
export function decodeTransferEncoding(body: Uint8Array, encoding: string): Uint8Array {
  switch (encoding.trim().toLowerCase()) {
    case 'base64':
      return decodeBase64(body);
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}
