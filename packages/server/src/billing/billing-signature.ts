/**
 * Signatures between the provider and an external billing system (decision 0041), per Standard
 * Webhooks (standardwebhooks.com, "Signature scheme"), the scheme of our own webhooks: headers
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">`, several space-separated allowed), keyed with the base64
 * after `whsec_`. One shared secret signs both directions. A message older or newer than the
 * tolerance is refused, so a captured callback cannot be replayed later.
 */
import { timingSafeEqual } from 'node:crypto';
import { signWebhook, webhookSecretPrefix } from '../http-clients/create-webhook-transport.ts';

export { signWebhook as signBillingMessage };

export const billingHeaders = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/** Why a callback's signature was refused. */
export type SignatureRefusal = 'missing-headers' | 'stale-timestamp' | 'bad-signature';

export interface SignedMessage {
  readonly id: string | undefined;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly body: string;
}

/** True when `secret` has the `whsec_<base64>` form. */
export function isBillingSecret(secret: string): boolean {
  return (
    secret.startsWith(webhookSecretPrefix) &&
    Buffer.from(secret.slice(webhookSecretPrefix.length), 'base64').length >= 16
  );
}

/** Checks a signed message: undefined when good, else why not. */
export function verifyBillingMessage(
  secret: string,
  message: SignedMessage,
  now: Date,
  toleranceSeconds: number,
): SignatureRefusal | undefined {
  const { id, timestamp, signature, body } = message;
  if (id === undefined || id === '' || timestamp === undefined || signature === undefined)
    return 'missing-headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'stale-timestamp';
  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) return 'stale-timestamp';
  const expected = Buffer.from(signWebhook(secret, id, seconds, body));
  const matches = signature
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? undefined : 'bad-signature';
}
