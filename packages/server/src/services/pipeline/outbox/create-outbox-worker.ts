/**
 * The outbox worker: claims due jobs under a lease, runs the handler of each job's kind, and on a
 * failure puts the job back with exponential backoff (decision 0004). Exactly-once effects: a
 * handler commits its effects in one transaction that starts with `completeIn(tx)`, so a job whose
 * worker died is re-run from scratch and can never have half-happened; a lost lease rolls back.
 * Handlers that do not call `completeIn` are completed after they return.
 */
import type { Clock } from '../../../ports/clock.ts';
import type { Job } from '../../../ports/queue-store.ts';
import type { Storage, StorageTransaction } from '../../../ports/storage.ts';
import { createPeriodicTask } from '../../periodic-task/create-periodic-task.ts';

export interface JobRun {
  /**
   * Completes the job inside `tx`, with an optional one-line `outcome` for operators (QueueStore.complete);
   * throws `LeaseLostError` (rolling `tx` back) when the lease is gone.
   */
  completeIn(tx: StorageTransaction, outcome?: string): Promise<void>;
}

export type JobHandler = (job: Job, run: JobRun) => Promise<void>;

export interface RetryPolicy {
  /** Delay after the first failure; doubled after each further one. Default 30 s. */
  readonly baseMs: number;
  /** Longest delay. Default 1 h. */
  readonly maxMs: number;
  /** Claims after which a failing job is marked `failed` instead. Default 30 (beyond the 24 h rules). */
  readonly maxAttempts: number;
}

export interface OutboxWorkerOptions {
  /** Lease owner name, shown to operators. */
  readonly owner: string;
  readonly leaseMs: number;
  /** Pause between polls when the queue is empty. */
  readonly pollMs: number;
  /** Jobs claimed per poll; default 8. */
  readonly batchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Called for every job failure and for failures of the loop itself. */
  readonly onError?: (error: unknown, job: Job | undefined) => void;
}

export interface OutboxWorker {
  /** Starts polling; calling it again while running does nothing. */
  start(): void;
  /** Stops polling and waits for the job being run to finish. */
  stop(): Promise<void>;
  /** Claims and runs one batch now; resolves to the number of jobs run. */
  runOnce(): Promise<number>;
  /** Ends the current pause at once, e.g. after new jobs were queued. */
  wake(): void;
}

export class LeaseLostError extends Error {
  constructor(job: Job) {
    super(`lease on job ${job.id} (${job.kind}) was lost before completion`);
    this.name = 'LeaseLostError';
  }
}

export interface OutboxWorkerDependencies {
  readonly storage: Storage;
  readonly clock: Clock;
}

/** Delay before attempt `attempts + 1`: base × 2^(attempts − 1), capped. */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
}

export function createOutboxWorker(
  deps: OutboxWorkerDependencies,
  handlers: Readonly<Record<string, JobHandler>>,
  options: OutboxWorkerOptions,
): OutboxWorker {
  const { storage, clock } = deps;
  const policy: RetryPolicy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 30, ...options.retry };
  const kinds = Object.keys(handlers);
  const report = options.onError ?? (() => undefined);

  async function runJob(job: Job): Promise<void> {
    const handler = handlers[job.kind];
    const token = job.leaseToken;
    if (handler === undefined || token === null) return;
    // An object, so that the completion seen after `await handler(...)` is not narrowed away.
    const state = { completed: false };
    const run: JobRun = {
      async completeIn(tx, outcome) {
        if (!(await tx.queue.complete(job.id, token, outcome))) throw new LeaseLostError(job);
        state.completed = true;
      },
    };
    try {
      await handler(job, run);
      if (!state.completed && !(await storage.queue.complete(job.id, token))) throw new LeaseLostError(job);
    } catch (error) {
      report(error, job);
      if (error instanceof LeaseLostError) return;
      const message = error instanceof Error ? error.message : String(error);
      const retryAt =
        job.attempts >= policy.maxAttempts
          ? undefined
          : new Date(clock.now().getTime() + retryDelayMs(job.attempts, policy));
      await storage.queue.fail(job.id, token, {
        error: message,
        ...(retryAt === undefined ? {} : { retryAt }),
      });
    }
  }

  async function runOnce(): Promise<number> {
    if (kinds.length === 0) return 0;
    const jobs = await storage.queue.claim({
      owner: options.owner,
      leaseMs: options.leaseMs,
      limit: options.batchSize ?? 8,
      kinds,
      now: clock.now(),
    });
    for (const job of jobs) await runJob(job);
    return jobs.length;
  }

  // Polls while jobs keep coming; pauses `pollMs` once the queue is empty, unless woken.
  const task = createPeriodicTask({
    intervalMs: options.pollMs,
    tick: runOnce,
    busy: (ran) => ran > 0,
    onError: (error) => {
      report(error, undefined);
    },
  });

  return {
    start: () => {
      task.start();
    },
    stop: () => task.stop(),
    runOnce,
    wake: () => {
      task.wake();
    },
  };
}
