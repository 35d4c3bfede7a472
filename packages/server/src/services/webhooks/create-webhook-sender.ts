/**
 * Sends due webhook deliveries: claims them with a lease (one node sends each), posts each through
 * the WebhookTransport, records a 2xx as delivered and anything else as a failed attempt, retried
 * after an exponential backoff (first wait doubling up to a ceiling) until the delivery's retry
 * window ends, when it is marked failed (the holder can replay it).
 */
import type { Clock } from '../../ports/clock.ts';
import type { WebhookDelivery, WebhookStore } from '../../ports/webhook-store.ts';
import type { WebhookTransport } from '../../ports/webhook-transport.ts';
import { createPeriodicTask, type PeriodicTask } from '../periodic-task/create-periodic-task.ts';

export interface WebhookSenderDependencies {
  readonly store: WebhookStore;
  readonly transport: WebhookTransport;
  readonly clock: Clock;
}

export interface WebhookSenderSettings {
  readonly pollMs: number;
  readonly timeoutMs: number;
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
  /** Deliveries sent per pass. */
  readonly batch?: number;
  readonly onError: (error: unknown) => void;
}

/** The wait after attempt number `attempts` (1 = the first failure). */
export function retryDelayMs(
  attempts: number,
  settings: Pick<WebhookSenderSettings, 'firstRetryMs' | 'maxRetryMs'>,
): number {
  return Math.min(settings.maxRetryMs, settings.firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

export function createWebhookSender(
  deps: WebhookSenderDependencies,
  settings: WebhookSenderSettings,
): PeriodicTask {
  const batch = settings.batch ?? 20;

  async function attempt(delivery: WebhookDelivery): Promise<void> {
    const endpoint = await deps.store.getEndpoint(delivery.endpointId);
    if (endpoint === undefined) return;
    const at = deps.clock.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = (
        await deps.transport.send({
          url: endpoint.url,
          secret: endpoint.secret,
          id: delivery.eventId,
          at,
          body: delivery.payload,
          timeoutMs: settings.timeoutMs,
        })
      ).status;
      if (status < 200 || status > 299) error = `HTTP ${String(status)}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    if (error === null) {
      await deps.store.markDelivered(delivery.id, { at, status, error });
      return;
    }
    const retryAt = new Date(at.getTime() + retryDelayMs(delivery.attempts + 1, settings));
    await deps.store.markFailed(
      delivery.id,
      { at, status, error },
      retryAt.getTime() > delivery.expiresAt.getTime() ? null : retryAt,
    );
  }

  return createPeriodicTask({
    intervalMs: settings.pollMs,
    onError: settings.onError,
    busy: (sent: number) => sent === batch,
    async tick() {
      const now = deps.clock.now();
      const due = await deps.store.claimDue(
        now,
        batch,
        new Date(now.getTime() + settings.timeoutMs * 2 + 5000),
      );
      // In claim order: the store never hands out two deliveries of one endpoint and message at once.
      for (const delivery of due) await attempt(delivery);
      return due.length;
    },
  });
}
