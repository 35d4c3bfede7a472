/**
 * Turns one event into deliveries for the endpoints of its holder that asked for its type, in the
 * caller's transaction (the event and the change it reports commit together, as the outbox of
 * decision 0004). The delivery id is derived from the endpoint and the event, so an event recorded
 * twice (a duplicate receipt, a transaction run again) is delivered once.
 */
import { createHash } from 'node:crypto';
import type { StorageStores } from '../../ports/storage.ts';
import type { WebhookEvent } from './webhook-events.ts';

export interface WebhookRecordSettings {
  /** How long a delivery is retried. */
  readonly retryHours: number;
}

export async function recordWebhookEvent(
  stores: Pick<StorageStores, 'accounts' | 'webhooks'>,
  event: WebhookEvent,
  settings: WebhookRecordSettings,
): Promise<number> {
  const mailbox = await stores.accounts.findMailboxByAddress(event.address);
  if (mailbox === undefined) return 0;
  // A disabled endpoint records nothing: enabling it again does not flood it with what it missed.
  const endpoints = (await stores.webhooks.listEndpoints(mailbox.id)).filter(
    (endpoint) => endpoint.disabledAt === null && endpoint.events.includes(event.type),
  );
  if (endpoints.length === 0) return 0;
  const payload = JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: event.data });
  await stores.webhooks.enqueue(
    endpoints.map((endpoint) => ({
      endpointId: endpoint.id,
      eventId: `msg_${createHash('sha256')
        .update(`${String(endpoint.id)}\n${event.type}\n${event.orderingKey}\n${event.discriminator}`)
        .digest('base64url')
        .slice(0, 32)}`,
      eventType: event.type,
      orderingKey: event.orderingKey,
      payload,
      createdAt: event.at,
      expiresAt: new Date(event.at.getTime() + settings.retryHours * 3_600_000),
    })),
  );
  return endpoints.length;
}
