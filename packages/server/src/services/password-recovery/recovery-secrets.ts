/**
 * The recovery link's token: 32 random bytes in base64url (256 bits, so no throttle is needed
 * against guessing it), kept only as its SHA-256 (hex) like the session ids (OWASP Forgot
 * Password Cheat Sheet: random, single use, expiring, stored securely).
 */
import { createHash, randomBytes } from 'node:crypto';

export function newRecoveryToken(): string {
  return randomBytes(32).toString('base64url');
}

export function recoveryTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether the text has the shape of a token (43 base64url characters). */
export function isRecoveryTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
