/**
 * What operators may do to one outbox job (`pec queue retry|hold|release|delete ID`), with a
 * clear refusal when the job's state does not allow it: `retry` makes a waiting, held or failed
 * job due now; `hold` parks it (a running job loses its lease: its current attempt may already
 * have sent, decision 0006); `release` makes a held or failed job due now; `delete` removes a job
 * that is not running. Each action is one transaction.
 */
import type { Job } from '../../../ports/queue-store.ts';
import type { Storage } from '../../../ports/storage.ts';

export type QueueAction = 'retry' | 'hold' | 'release' | 'delete';
export const queueActions: readonly QueueAction[] = ['retry', 'hold', 'release', 'delete'];

export type SteerResult =
  | { readonly ok: true; readonly job: Job; readonly message: string }
  | { readonly ok: false; readonly reason: string };

const allowed: Record<QueueAction, readonly Job['status'][]> = {
  retry: ['ready', 'held', 'failed'],
  hold: ['ready', 'running', 'failed'],
  release: ['held', 'failed'],
  delete: ['ready', 'held', 'failed', 'done'],
};

function refusal(action: QueueAction, job: Job): string {
  if (job.status === 'running' && action !== 'hold') {
    return `job ${job.id} is running now; hold it first or wait for the attempt to end`;
  }
  if (job.status === 'done') return `job ${job.id} is done`;
  if (job.status === 'held' && action === 'hold') return `job ${job.id} is already held`;
  return `job ${job.id} is ${job.status}: nothing to ${action}`;
}

export async function steerQueuedJob(
  storage: Storage,
  id: number,
  action: QueueAction,
  now: Date,
): Promise<SteerResult> {
  return storage.transaction(async (tx): Promise<SteerResult> => {
    const job = await tx.queue.get(id);
    if (job === undefined) return { ok: false, reason: `no job ${id}` };
    if (!allowed[action].includes(job.status)) return { ok: false, reason: refusal(action, job) };
    let done: boolean;
    let message: string;
    switch (action) {
      case 'retry':
        // A waiting job is held and released again: the store's way to move its due time.
        done = (job.status !== 'ready' || (await tx.queue.hold(id))) && (await tx.queue.release(id, now));
        message = `job ${id} is due now; pec serve runs it at its next poll`;
        break;
      case 'hold':
        done = await tx.queue.hold(id);
        message = `job ${id} is held; release it to run it again`;
        break;
      case 'release':
        done = await tx.queue.release(id, now);
        message = `job ${id} is released and due now`;
        break;
      case 'delete':
        done = await tx.queue.delete(id);
        message = `job ${id} is deleted`;
        break;
    }
    if (!done) return { ok: false, reason: `job ${id} changed meanwhile; look again with pec queue list` };
    const after = action === 'delete' ? job : await tx.queue.get(id);
    return { ok: true, job: after ?? job, message };
  });
}
