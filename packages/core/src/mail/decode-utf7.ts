/**
 * UTF-7 decoder (RFC 2152), for the text parts some webmail clients still label `charset=utf-7`
 * (seen inside real Legalmail envelopes). Input is the text with one character per byte; ill-formed
 * shifts keep their `+` literally. Never throws.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function sextet(ch: string): number {
  return ch.length === 1 ? alphabet.indexOf(ch) : -1;
}

export function decodeUtf7(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch !== '+') {
      const next = text.indexOf('+', i);
      const stop = next < 0 ? text.length : next;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    let j = i + 1;
    if (text.charAt(j) === '-') {
      out += '+';
      i = j + 1;
      continue;
    }
    let bits = 0;
    let bitCount = 0;
    const units: number[] = [];
    for (; j < text.length; j++) {
      const value = sextet(text.charAt(j));
      if (value < 0) break;
      bits = ((bits << 6) | value) & 0xffffff;
      bitCount += 6;
      if (bitCount >= 16) {
        bitCount -= 16;
        units.push((bits >> bitCount) & 0xffff);
      }
    }
    if (j === i + 1) {
      // A '+' not followed by base64: not a shift, keep it.
      out += '+';
      i = j;
      continue;
    }
    for (const unit of units) out += String.fromCharCode(unit);
    // A '-' right after the base64 run only ends the shift and is absorbed.
    i = text.charAt(j) === '-' ? j + 1 : j;
  }
  return out;
}
