/**
 * Keeps an outbox job's lease alive while the relay talks to a slow peer, so no second worker
 * sends the same message meanwhile (decision 0006); a crashed worker's lease still runs out within
 * one lease period. The lease is renewed once before anything is sent: a job whose lease already
 * ran out (claimed in a batch that took long) is left to its new holder.
 */
import type { Job, QueueStore } from '../../../ports/queue-store.ts';
import { LeaseLostError } from '../outbox/create-outbox-worker.ts';

export interface LeaseKeeper {
  /** Stops renewing; resolves to false when a renewal found the lease gone. */
  stop(): Promise<boolean>;
}

/** Renews now (throws LeaseLostError when the lease is gone), then every third of `leaseMs`. */
export async function keepLease(
  queue: Pick<QueueStore, 'extendLease'>,
  job: Job,
  leaseMs: number,
): Promise<LeaseKeeper> {
  const token = job.leaseToken;
  if (token === null || !(await queue.extendLease(job.id, token, leaseMs))) throw new LeaseLostError(job);
  let held = true;
  let renewal: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      if (!held) return;
      renewal = renewal
        .then(async () => {
          held = held && (await queue.extendLease(job.id, token, leaseMs));
        })
        .catch(() => undefined);
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  return {
    async stop() {
      clearInterval(timer);
      await renewal;
      return held;
    },
  };
}
