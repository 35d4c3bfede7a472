/**
 * Token buckets keyed by name (a token id): `capacity` requests at once, refilled at
 * `perMinute`; an empty bucket says how many seconds until the next request fits. In memory: each
 * node limits on its own, so N nodes allow up to N times the rate (a shared limit would cost a
 * write per request).
 */
import type { RateDecision } from './api-tokens.ts';

export interface TokenBuckets {
  take(key: number, nowMs: number): RateDecision;
}

export function createTokenBuckets(settings: {
  readonly perMinute: number;
  readonly capacity: number;
}): TokenBuckets {
  const buckets = new Map<number, { tokens: number; at: number }>();
  const perMs = settings.perMinute / 60_000;
  return {
    take(key, nowMs) {
      const bucket = buckets.get(key) ?? { tokens: settings.capacity, at: nowMs };
      bucket.tokens = Math.min(settings.capacity, bucket.tokens + Math.max(0, nowMs - bucket.at) * perMs);
      bucket.at = nowMs;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}
