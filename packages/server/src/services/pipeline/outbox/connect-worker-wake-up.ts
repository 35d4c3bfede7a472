/**
 * Wakes the outbox workers of every node when a job is queued on any of them: the `queue` channel
 * of the ChangeBus carries the hint (in-process, it wakes this process's worker synchronously, as a
 * direct call would). Best effort: a missed hint costs one poll interval, the worker's fallback.
 */
import type { ChangeBus } from '../../../ports/change-bus.ts';
import type { OutboxWorker } from './create-outbox-worker.ts';

export const queueChannel = 'queue';

export interface WorkerWakeUp {
  /** Tells every node's worker that jobs were queued (call it after the commit). */
  announce(): void;
  /** Stops waking `worker`; idempotent. */
  disconnect(): void;
}

export function connectWorkerWakeUp(
  worker: Pick<OutboxWorker, 'wake'>,
  bus: ChangeBus,
  onError: (error: unknown) => void = () => undefined,
): WorkerWakeUp {
  const disconnect = bus.subscribe(queueChannel, () => {
    worker.wake();
  });
  return {
    announce() {
      bus.publish(queueChannel, '').catch(onError);
    },
    disconnect,
  };
}
