/**
 * The secrets the holder is shown once: recovery codes (10 of 10 base32 characters, 50 bits each,
 * stored as SHA-256: enough against guessing under the code throttle, fast to look up) and app
 * passwords (16 lower-case letters, about 75 bits, in four groups, stored with argon2id like the
 * password, decision 0015).
 */
import { createHash, randomInt } from 'node:crypto';

export const recoveryCodeCount = 10;
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

function randomText(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)] ?? '';
  return out;
}

/** `xxxxx-xxxxx`. */
export function newRecoveryCode(): string {
  return `${randomText(recoveryAlphabet, 5)}-${randomText(recoveryAlphabet, 5)}`;
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
export function recoveryCodeHash(code: string): string {
  const normalised = code.toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

/** Whether the text looks like a recovery code rather than a TOTP code. */
export function isRecoveryCodeShape(code: string): boolean {
  return /^[a-z0-9]{10}$/i.test(code.replace(/[\s-]/g, '')) && !/^\d+$/.test(code.replace(/[\s-]/g, ''));
}

/** `abcd-efgh-ijkl-mnop`. */
export function newAppPassword(): string {
  const letters = randomText('abcdefghijklmnopqrstuvwxyz', 16);
  return letters.match(/.{4}/g)?.join('-') ?? letters;
}
