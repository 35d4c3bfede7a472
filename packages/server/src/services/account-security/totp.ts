/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with node:crypto's HMAC: SHA-1, 6 digits, 30-second steps,
 * the parameters every authenticator app assumes when the otpauth URI names them (decision 0015).
 * Keys travel as RFC 4648 base32 without padding, as the otpauth URI format expects.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 6238 §4: X, the time step, in seconds. */
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** Steps accepted on each side of now (RFC 6238 §5.2: at most one step of network delay or clock drift). */
export const totpWindow = 1;

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 §6 base32, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31] ?? '';
  return out;
}

/** RFC 4648 §6 base32 (case-insensitive, padding and spaces ignored); undefined when malformed. */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = base32Alphabet.indexOf(char);
    if (index < 0) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return new Uint8Array(out);
}

/** RFC 4226 §5.3: HMAC-SHA-1 of the 8-byte counter, dynamic truncation, `digits` decimal digits. */
export function hotp(secret: Uint8Array, counter: number, digits = totpDigits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4.2: T = floor((now − T0) / X) with T0 = 0. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / totpPeriodSeconds);
}

export function totpCode(secret: Uint8Array, at: Date): string {
  return hotp(secret, totpStep(at));
}

/**
 * The step whose code `code` is, among now and `totpWindow` steps either side, or undefined.
 * Every candidate is compared in constant time. Refusing replays is the caller's job (the step).
 */
export function matchTotp(secret: Uint8Array, code: string, at: Date): number | undefined {
  const given = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return undefined;
  const now = totpStep(at);
  let found: number | undefined;
  for (let step = now - totpWindow; step <= now + totpWindow; step++) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(given)) && found === undefined)
      found = step;
  }
  return found;
}

/** The otpauth URI authenticator apps read from the QR code (Key Uri Format: issuer, label, secret). */
export function otpauthUri(issuer: string, account: string, secret: Uint8Array): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: 'SHA1',
    digits: String(totpDigits),
    period: String(totpPeriodSeconds),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
