/**
 * The throttle of second-factor codes and of password re-entry in the settings: the login
 * throttle's rules (create-login-throttle.ts) under keys of their own, tighter per box, since a
 * six-digit code has only 10^6 values (RFC 4226 §7.3 asks for a throttling scheme).
 */
import type { LoginThrottleStore } from '../../ports/login-throttle-store.ts';
import { createLoginThrottle, type LoginThrottle } from '../accounts/create-login-throttle.ts';

const second = 1000;
const minute = 60 * second;

export function createCredentialThrottle(store: LoginThrottleStore): LoginThrottle {
  return createLoginThrottle(store, {
    perBoxAndAddress: { freeFailures: 5, baseDelayMs: 5 * second, maxDelayMs: 15 * minute },
    perBox: { freeFailures: 10, baseDelayMs: 30 * second, maxDelayMs: 60 * minute },
  });
}

/** The throttle key of one kind of check on one box. */
export function credentialKey(kind: 'code' | 'password', address: string): string {
  return `${kind}:${address.trim().toLowerCase()}`;
}
