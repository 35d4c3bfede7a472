/**
 * What a holder and the operator do with webhooks besides registering them, in no protocol's words:
 * replay a delivery (same webhook-id, fresh retry window), send a test event to an endpoint
 * (`webhook.test`, a new webhook-id each time, delivered and logged like any other), disable or
 * enable an endpoint, and see every endpoint with its deliveries counted (the operator's console).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../ports/clock.ts';
import type { WebhookEndpoint, WebhookEndpointHealth, WebhookStore } from '../../ports/webhook-store.ts';

/** The type of the event "send test event" delivers; no PEC event has it. */
export const webhookTestEventType = 'webhook.test';

export interface WebhookDeskSettings {
  /** How long a replayed or test delivery is retried. */
  readonly retryHours: number;
}

export interface WebhookEndpointOverview {
  readonly endpoint: WebhookEndpoint;
  readonly health: WebhookEndpointHealth;
}

export interface WebhookDesk {
  readonly store: WebhookStore;
  /** Makes a delivery due again; false when there is none. */
  replay(deliveryId: number): Promise<boolean>;
  /** Queues a `webhook.test` delivery to the endpoint, even a disabled one's log shows it waiting. */
  sendTest(endpointId: number): Promise<void>;
  /** Disables or enables the endpoint; false when there is none. */
  setEnabled(endpointId: number, enabled: boolean): Promise<boolean>;
  /** Every endpoint of the provider with its deliveries counted, failing ones first. */
  overview(): Promise<WebhookEndpointOverview[]>;
}

export function createWebhookDesk(
  deps: { readonly store: WebhookStore; readonly clock: Clock },
  settings: WebhookDeskSettings,
): WebhookDesk {
  const { store, clock } = deps;
  const window = (now: Date) => new Date(now.getTime() + settings.retryHours * 3_600_000);
  return {
    store,
    replay(deliveryId) {
      const now = clock.now();
      return store.replay(deliveryId, now, window(now));
    },
    async sendTest(endpointId) {
      const now = clock.now();
      const eventId = `msg_${randomBytes(24).toString('base64url')}`;
      await store.enqueue([
        {
          endpointId,
          eventId,
          eventType: webhookTestEventType,
          // Its own ordering key: a test never waits behind a message's pending events.
          orderingKey: eventId,
          payload: JSON.stringify({
            type: webhookTestEventType,
            timestamp: now.toISOString(),
            data: { endpointId },
          }),
          createdAt: now,
          expiresAt: window(now),
        },
      ]);
    },
    setEnabled(endpointId, enabled) {
      return store.setDisabled(endpointId, enabled ? null : clock.now());
    },
    async overview() {
      const [endpoints, health] = await Promise.all([store.listEndpoints(), store.health()]);
      const byId = new Map(health.map((h) => [h.endpointId, h]));
      const rows = endpoints.map((endpoint) => ({
        endpoint,
        health: byId.get(endpoint.id) ?? {
          endpointId: endpoint.id,
          pending: 0,
          delivered: 0,
          failed: 0,
          lastFailureAt: null,
        },
      }));
      const failing = (row: WebhookEndpointOverview) =>
        row.health.failed > 0 || row.health.lastFailureAt !== null ? 0 : 1;
      return rows.sort((a, b) => failing(a) - failing(b) || a.endpoint.id - b.endpoint.id);
    },
  };
}
