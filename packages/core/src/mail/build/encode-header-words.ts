/**
 * RFC 2047 encoded-words for header text that cannot be written as is. Charset UTF-8, with the Q or
 * the B encoding, whichever gives the shorter result. Guarantees: no encoded-word is longer than
 * the limit asked for (75 at most, RFC 2047 §2), every encoded-word decodes to whole characters
 * (§5 last rule), and Q uses only the characters allowed inside a phrase (§5(3)).
 */

/** Longest encoded-word RFC 2047 §2 allows. */
export const maxEncodedWordLength = 75;

const utf8 = new TextEncoder();
const qPrefix = '=?UTF-8?Q?';
const bPrefix = '=?UTF-8?B?';
const suffix = '?=';
const overhead = qPrefix.length + suffix.length;

/** Q text of one character (RFC 2047 §4.2, restricted to the phrase-safe set of §5(3)). */
function qEncodeChar(char: string): string {
  if (char === ' ') return '_';
  if (/^[A-Za-z0-9!*+\-/]$/.test(char)) return char;
  let out = '';
  for (const byte of utf8.encode(char)) out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

function bLength(byteCount: number): number {
  return Math.ceil(byteCount / 3) * 4;
}

/**
 * Splits `text` into encoded-words. The first word is at most `firstMax` characters long, the
 * others at most `restMax` (both capped at 75); adjacent words decode back to `text` when joined
 * with white space, because RFC 2047 §6.2 drops white space between encoded-words.
 */
export function encodeHeaderWords(
  text: string,
  firstMax: number = maxEncodedWordLength,
  restMax: number = maxEncodedWordLength,
): string[] {
  const chars = Array.from(text);
  const qTotal = chars.reduce((sum, c) => sum + qEncodeChar(c).length, 0);
  const useQ = qTotal <= bLength(utf8.encode(text).length);
  const words: string[] = [];
  const limit = (): number => Math.min(words.length === 0 ? firstMax : restMax, maxEncodedWordLength);

  if (useQ) {
    let payload = '';
    for (const char of chars) {
      const piece = qEncodeChar(char);
      if (payload.length > 0 && overhead + payload.length + piece.length > limit()) {
        words.push(qPrefix + payload + suffix);
        payload = '';
      }
      payload += piece;
    }
    if (payload.length > 0 || words.length === 0) words.push(qPrefix + payload + suffix);
    return words;
  }

  let bytes: number[] = [];
  const flush = (): void => {
    words.push(bPrefix + Buffer.from(bytes).toString('base64') + suffix);
    bytes = [];
  };
  for (const char of chars) {
    const encoded = utf8.encode(char);
    if (bytes.length > 0 && overhead + bLength(bytes.length + encoded.length) > limit()) flush();
    bytes.push(...encoded);
  }
  if (bytes.length > 0 || words.length === 0) flush();
  return words;
}
