/**
 * The rate limit of recovery requests: at most `limit` per hour under one key (a typed address,
 * whether or not a box has it, or one network: IPv4 as is, IPv6 per /64), counted in the login
 * throttle's shared store so every node sees the same counts. A key quiet for an hour starts over.
 */
import type { LoginThrottleStore } from '../../ports/login-throttle-store.ts';
import { remoteAddressKey } from '../accounts/create-login-throttle.ts';

export const rateWindowMs = 60 * 60 * 1000;

export interface RateKey {
  readonly key: string;
  readonly limit: number;
}

export function recoveryRateKeys(
  address: string,
  remoteAddress: string,
  limits: { readonly perAddressPerHour: number; readonly perNetworkPerHour: number },
): { readonly address: RateKey; readonly network: RateKey } {
  return {
    address: { key: `recovery:${address.trim().toLowerCase()}`, limit: limits.perAddressPerHour },
    network: { key: `recovery-network:${remoteAddressKey(remoteAddress)}`, limit: limits.perNetworkPerHour },
  };
}

/** Seconds until the first of `keys` that is spent allows another attempt; undefined when none is spent. */
export async function retryAfter(
  store: LoginThrottleStore,
  keys: readonly RateKey[],
  now: Date,
): Promise<number | undefined> {
  const counters = await store.read(keys.map((k) => k.key));
  let wait: number | undefined;
  for (const { key, limit } of keys) {
    const counter = counters.get(key);
    if (counter === undefined) continue;
    const until = counter.lastAt.getTime() + rateWindowMs;
    if (counter.failures >= limit && until > now.getTime()) {
      const seconds = Math.ceil((until - now.getTime()) / 1000);
      wait = wait === undefined ? seconds : Math.max(wait, seconds);
    }
  }
  return wait;
}

export async function countAttempt(
  store: LoginThrottleStore,
  keys: readonly RateKey[],
  now: Date,
): Promise<void> {
  await store.increment(
    keys.map((k) => k.key),
    now,
    new Date(now.getTime() - rateWindowMs),
  );
}
