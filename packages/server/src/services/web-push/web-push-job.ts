/**
 * Web Push through the outbox (decision 0045): the push of a new PEC is a `web-push` job per
 * subscription, written in the transaction that files the PEC (decision 0004), so it is sent once
 * the filing commits and is lost with it when it does not; one push per PEC counts against the
 * box's hourly cap in that transaction (beyond it no job: the e-mail notices fold the rest). The
 * worker retries a push the push service did not take with the outbox's backoff; a push older
 * than its day is dropped.
 */
import { z } from 'zod';
import type { StorageStores } from '../../ports/storage.ts';
import type { JobHandler } from '../pipeline/outbox/create-outbox-worker.ts';
import type { NewPecPush, WebPush } from './web-push.ts';

export const webPushJobKind = 'web-push';

const hourMs = 3_600_000;

const payloadSchema = z.object({
  subscriptionId: z.number().int(),
  queuedAt: z.iso.datetime(),
  pec: z.object({
    mailboxId: z.number().int(),
    from: z.string().nullable(),
    subject: z.string().nullable(),
    folder: z.string(),
    folderId: z.number().int(),
    uid: z.number().int(),
  }),
});

/** Queues the push of `pec` to each of its box's subscriptions; returns how many jobs. */
export async function queueWebPush(
  tx: Pick<StorageStores, 'webPush' | 'queue'>,
  perHour: number,
  pec: NewPecPush,
  now: Date,
): Promise<number> {
  const subscriptions = await tx.webPush.list(pec.mailboxId);
  if (subscriptions.length === 0) return 0;
  const hourStart = new Date(Math.floor(now.getTime() / hourMs) * hourMs);
  if (!(await tx.webPush.countPush(pec.mailboxId, hourStart, perHour))) return 0;
  for (const subscription of subscriptions)
    await tx.queue.enqueue({
      kind: webPushJobKind,
      payload: { subscriptionId: subscription.id, queuedAt: now.toISOString(), pec: { ...pec } },
    });
  return subscriptions.length;
}

/** The job's handler: a push not taken throws, so the worker retries it later. */
export function createWebPushJobHandler(webPush: Pick<WebPush, 'deliver'>): JobHandler {
  return async (job) => {
    const payload = payloadSchema.parse(job.payload);
    await webPush.deliver({
      subscriptionId: payload.subscriptionId,
      queuedAt: new Date(payload.queuedAt),
      pec: payload.pec,
    });
  };
}
