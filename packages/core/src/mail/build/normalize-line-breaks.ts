/**
 * Canonical MIME line breaks (RFC 2045 §2.10, RFC 5751 §3.1.1): every line break becomes CRLF.
 * A run of CRs before an LF (the CR CR LF of mangled files) counts as one break, as in
 * `parseHeaderBlock`; a lone CR is a break too. Input that is already canonical is returned as is.
 */

const CR = 0x0d;
const LF = 0x0a;

function isCanonical(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === LF && bytes[i - 1] !== CR) return false;
    if (byte === CR && bytes[i + 1] !== LF) return false;
  }
  return true;
}

export function normalizeLineBreaks(bytes: Uint8Array): Uint8Array {
  if (isCanonical(bytes)) return bytes;
  const out = new Uint8Array(bytes.length * 2);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === CR || byte === LF) {
      // CR+ LF is one break; a CR not followed (after more CRs) by LF is a break of its own.
      let j = i;
      while (byte === CR && bytes[j + 1] === CR) j++;
      if (byte === CR && bytes[j + 1] === LF) i = j + 1;
      out[length++] = CR;
      out[length++] = LF;
    } else {
      out[length++] = byte;
    }
  }
  return out.slice(0, length);
}
