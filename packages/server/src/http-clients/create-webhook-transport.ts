/**
 * WebhookTransport over fetch, signed per Standard Webhooks (standardwebhooks.com, "Signature
 * scheme"): headers `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature`
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the base64 after `whsec_`.
 */
import { createHmac } from 'node:crypto';
import type { WebhookRequest, WebhookTransport } from '../ports/webhook-transport.ts';

export const webhookSecretPrefix = 'whsec_';

/** The webhook-signature value for one attempt. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(webhookSecretPrefix.length), 'base64');
  const mac = createHmac('sha256', key)
    .update(`${id}.${String(timestamp)}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

export function createWebhookTransport(userAgent = 'pec-webhooks/1'): WebhookTransport {
  return {
    async send(request: WebhookRequest) {
      const timestamp = Math.floor(request.at.getTime() / 1000);
      const response = await fetch(request.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': userAgent,
          'webhook-id': request.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(request.secret, request.id, timestamp, request.body),
        },
        body: request.body,
      });
      // The body is not read beyond what closes the connection cleanly.
      await response.body?.cancel();
      return { status: response.status };
    },
  };
}
