/**
 * The S/MIME canonical form of text (RFC 5751 §3.1.1): every line ends in CRLF. Real PEC messages
 * stored with bare LF verify only in this form (pec-spec §8.4), so the verifier retries with it.
 */

const CR = 0x0d;
const LF = 0x0a;

/** Whether any LF is not preceded by CR. */
export function hasBareLineFeed(bytes: Uint8Array): boolean {
  for (let at = bytes.indexOf(LF); at !== -1; at = bytes.indexOf(LF, at + 1)) {
    if (at === 0 || bytes[at - 1] !== CR) return true;
  }
  return false;
}

/** Turns every bare LF into CRLF; existing CRLF pairs are kept. */
export function canonicalizeLineBreaks(bytes: Uint8Array): Uint8Array {
  let bare = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === LF && (i === 0 || bytes[i - 1] !== CR)) bare++;
  if (bare === 0) return bytes;
  const out = new Uint8Array(bytes.length + bare);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === LF && (i === 0 || bytes[i - 1] !== CR)) out[j++] = CR;
    out[j++] = byte;
  }
  return out;
}
