/**
 * Mailbox names on the wire (RFC 3501 §5.1.3 modified UTF-7; RFC 9051 §5.1 / RFC 6855 UTF-8 names
 * once UTF8=ACCEPT or IMAP4rev2 is enabled) and the case-insensitive INBOX (RFC 9051 §5.1).
 * Decoding rejects ill-formed modified UTF-7; encoding always produces the canonical form.
 */

export interface MailboxNameOptions {
  /** True once the client enabled UTF8=ACCEPT or IMAP4rev2: names travel as raw UTF-8. */
  readonly utf8?: boolean;
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';

/** Maps any capitalisation of INBOX to `INBOX`; every other name is case-sensitive. */
export function normalizeInbox(name: string): string {
  return name.length === 5 && name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
}

function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

function decodeShift(encoded: string): string | null {
  let bits = 0;
  let bitCount = 0;
  const units: number[] = [];
  for (const ch of encoded) {
    const value = base64.indexOf(ch);
    if (value < 0) return null;
    bits = ((bits << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 16) {
      bitCount -= 16;
      units.push((bits >> bitCount) & 0xffff);
    }
  }
  // Leftover bits must be fewer than 6 and zero (RFC 2152 §"Rules", adopted by RFC 3501 §5.1.3).
  if (bitCount >= 6 || (bits & ((1 << bitCount) - 1)) !== 0 || units.length === 0) return null;
  const text = String.fromCharCode(...units);
  // Printable ASCII must not be shifted, and surrogates must pair up.
  if (/[\x20-\x7e]/.test(text) || hasLoneSurrogate(text)) return null;
  return text;
}

/**
 * Wire form → Unicode name, INBOX normalised. Returns null for ill-formed modified UTF-7 (the caller
 * answers BAD/NO). Raw non-ASCII characters are accepted as UTF-8 even in modified UTF-7 mode.
 */
export function decodeMailboxName(wire: string, options: MailboxNameOptions = {}): string | null {
  if (options.utf8 === true || !wire.includes('&')) return normalizeInbox(wire);
  let out = '';
  let i = 0;
  while (i < wire.length) {
    const amp = wire.indexOf('&', i);
    if (amp < 0) {
      out += wire.slice(i);
      break;
    }
    out += wire.slice(i, amp);
    const dash = wire.indexOf('-', amp + 1);
    if (dash < 0) return null;
    if (dash === amp + 1) {
      out += '&';
    } else {
      const decoded = decodeShift(wire.slice(amp + 1, dash));
      if (decoded === null) return null;
      out += decoded;
    }
    i = dash + 1;
  }
  return normalizeInbox(out);
}

function encodeShift(text: string): string {
  let out = '';
  let bits = 0;
  let bitCount = 0;
  for (let i = 0; i < text.length; i++) {
    bits = ((bits << 16) | text.charCodeAt(i)) & 0x3fffff;
    bitCount += 16;
    while (bitCount >= 6) {
      bitCount -= 6;
      out += base64.charAt((bits >>> bitCount) & 0x3f);
    }
  }
  if (bitCount > 0) out += base64.charAt((bits << (6 - bitCount)) & 0x3f);
  return out;
}

/** Unicode name → wire form (canonical modified UTF-7 unless `utf8`). */
export function encodeMailboxName(name: string, options: MailboxNameOptions = {}): string {
  const normalized = normalizeInbox(name);
  if (options.utf8 === true) return normalized;
  let out = '';
  let i = 0;
  while (i < normalized.length) {
    const code = normalized.charCodeAt(i);
    if (code === 0x26) {
      out += '&-';
      i++;
    } else if (code >= 0x20 && code <= 0x7e) {
      out += normalized.charAt(i);
      i++;
    } else {
      let j = i;
      while (j < normalized.length && !(normalized.charCodeAt(j) >= 0x20 && normalized.charCodeAt(j) <= 0x7e))
        j++;
      out += `&${encodeShift(normalized.slice(i, j))}-`;
      i = j;
    }
  }
  return out;
}
