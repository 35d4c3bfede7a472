/**
 * Webhooks at the composition root: the storage whose transactions record webhook events
 * (with-webhook-events.ts) and the background sender of due deliveries, from `integration.*`.
 */
import type { EventLog } from '../ports/event-log.ts';
import { createWebhookTransport } from '../http-clients/create-webhook-transport.ts';
import { createWebhookSender } from '../services/webhooks/create-webhook-sender.ts';
import type { PeriodicTask } from '../services/periodic-task/create-periodic-task.ts';
import type { ProviderContext } from './provider-context.ts';
import { withWebhookEvents } from './with-webhook-events.ts';

/** The context whose storage records webhook events in every transaction. */
export function withWebhooks(ctx: ProviderContext): ProviderContext {
  const retryHours = ctx.config.config.integration.webhookRetryHours;
  return { ...ctx, storage: withWebhookEvents(ctx.storage, { retryHours }), close: () => ctx.close() };
}

export function configuredWebhookSender(ctx: ProviderContext, events: EventLog): PeriodicTask {
  const settings = ctx.config.config.integration;
  return createWebhookSender(
    { store: ctx.storage.webhooks, transport: createWebhookTransport(), clock: ctx.clock },
    {
      pollMs: settings.webhookPollSeconds * 1000,
      timeoutMs: settings.webhookTimeoutSeconds * 1000,
      firstRetryMs: settings.webhookFirstRetrySeconds * 1000,
      maxRetryMs: settings.webhookMaxRetrySeconds * 1000,
      onError: (error) => {
        events.emit({ event: 'error.unexpected', where: 'webhook sender', error });
      },
    },
  );
}

/** The other signed HTTP integration, the external billing system's outbox handler (decision 0041). */
export { billingJobHandlers } from './billing-components.ts';
