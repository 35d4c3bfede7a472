/**
 * The outbox worker: claims due jobs under a lease, runs the handler of each job's kind, and on a
 * failure puts the job back with exponential backoff (decision 0004). Exactly-once effects: a
 * handler commits its effects in one transaction that starts with `completeIn(tx)`, so a job whose
 * worker died is re-run from scratch and can never have half-happened; a lost lease rolls back.
 * Handlers that do not call `completeIn` are completed after they return. Up to `concurrency` jobs
 * run at once, each under its own lease, so one job waiting on a peer does not hold back the others
 * (decision 0018).
 */
import type { Clock } from '../../../ports/clock.ts';
import type { Job } from '../../../ports/queue-store.ts';
import type { Storage, StorageTransaction } from '../../../ports/storage.ts';

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
  /** Pause between polls when the queue is empty and nothing wakes the worker. */
  readonly pollMs: number;
  /** Jobs run at once, each under its own lease; default 16. */
  readonly concurrency?: number;
  /** Jobs claimed by `runOnce`; default `concurrency`. */
  readonly batchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Called for every job failure and for failures of the loop itself. */
  readonly onError?: (error: unknown, job: Job | undefined) => void;
}

/**
 * A job slot held for a job this node is about to write (decision 0061): the job is written with
 * `lease` in the caller's transaction and handed over in memory once that transaction is durable,
 * instead of being claimed by a second transaction. Exactly once as for a claimed job: the row stays
 * `running` under this lease until the handler's transaction completes it, and a node that dies
 * first leaves it to be claimed again when the lease runs out (or at once when it restarts).
 */
export interface JobSlot {
  /** What to write the job with (`NewJob.lease`). */
  readonly lease: { readonly owner: string; readonly leaseMs: number };
  /** Runs the job written with `lease`; only after the transaction that wrote it returned. */
  run(job: Job): void;
  /** Gives the slot back unused (the transaction failed or wrote no job). */
  release(): void;
}

export interface OutboxWorker {
  /** Starts claiming and running jobs; calling it again while running does nothing. */
  start(): void;
  /** Stops claiming and waits for the jobs being run to finish. */
  stop(): Promise<void>;
  /** Claims one batch now and runs its jobs concurrently; resolves to the number of jobs run. */
  runOnce(): Promise<number>;
  /** Claims again at once (when a slot is free), e.g. after new jobs were queued. */
  wake(): void;
  /** Holds a slot for a job of `kind` about to be written; none when stopped, unknown kind or full. */
  reserve(kind: string): JobSlot | undefined;
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
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 16));
  /** Claims under way at once: one waiting for its fsync, one committing behind it. */
  const claimsInFlight = 2;

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

  /**
   * Claims up to `limit` due jobs under a lease each. The claim waits for durability like any unit
   * of work (decision 0044): it may have read a job whose creating commit is not on disk yet, and the
   * job's effects (an SMTP transaction with a peer) must not go out before it is.
   */
  function claim(limit: number): Promise<Job[]> {
    return storage.queue.claim({
      owner: options.owner,
      leaseMs: options.leaseMs,
      limit,
      kinds,
      now: clock.now(),
    });
  }

  async function runOnce(): Promise<number> {
    if (kinds.length === 0) return 0;
    const jobs = await claim(Math.min(options.batchSize ?? concurrency, concurrency));
    await Promise.all(jobs.map(runJob));
    return jobs.length;
  }

  // The loop keeps up to `concurrency` jobs running, each under its own lease. It claims as many
  // jobs as there are free slots whenever it has a reason to look: at start, after a claim that got
  // all it asked for (more may be due), after a wake-up (a job queued on any node,
  // connect-worker-wake-up.ts, or a job of its own finished, which may have queued follow-up work) or,
  // as the fallback, after `pollMs`. A wake-up that arrives while a claim is under way is kept, so it
  // is never lost between the claim and the wait.
  //
  // Claims overlap (at most `claimsInFlight`): a claim is a unit of work that waits for its fsync
  // (decision 0044), and a slot freed during that wait is claimed for at once by a second claim,
  // which commits while the first one's fsync runs and shares the next fsync, instead of waiting
  // for the first claim to return (decision 0054). The slots a claim asked for stay reserved until
  // it returns, so no more than `concurrency` jobs ever run.
  const running = new Set<Promise<void>>();
  const claiming = new Set<Promise<void>>();
  /** Slots reserved for jobs being written, settled when the job is handed over or the slot given back. */
  const handing = new Set<Promise<void>>();
  const control = { stopping: false, woken: true, reserved: 0 };
  // Functions, so that the flags are read afresh after each await.
  const stopping = (): boolean => control.stopping;
  let waiter: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  /** Resolves on the next event (a claim returned, a job finished, a wake-up) or after `pollMs`. */
  function nextEvent(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        control.woken = true;
        done();
      }, options.pollMs);
      function done(): void {
        clearTimeout(timer);
        waiter = undefined;
        resolve();
      }
      waiter = done;
    });
  }

  function launch(job: Job): void {
    const done: Promise<void> = runJob(job)
      .catch((error: unknown) => {
        report(error, job);
      })
      .finally(() => {
        running.delete(done);
        // A finished job may have queued follow-up work (a receipt to relay) without a wake-up on
        // the bus: claim again now rather than after a poll interval.
        control.woken = true;
        waiter?.();
      });
    running.add(done);
  }

  function startClaim(limit: number): void {
    control.reserved += limit;
    const claimed: Promise<void> = claim(limit)
      .then(
        (jobs) => {
          for (const job of jobs) launch(job);
          // All it asked for: more may be due.
          if (jobs.length === limit) control.woken = true;
        },
        (error: unknown) => {
          report(error, undefined);
        },
      )
      .finally(() => {
        control.reserved -= limit;
        claiming.delete(claimed);
        waiter?.();
      });
    claiming.add(claimed);
  }

  async function run(): Promise<void> {
    while (!stopping()) {
      const free = concurrency - running.size - control.reserved;
      if (kinds.length > 0 && free > 0 && claiming.size < claimsInFlight && control.woken) {
        control.woken = false;
        startClaim(free);
        continue;
      }
      await nextEvent();
    }
  }

  // A slot for a job being written ignores the slots an in-flight claim asked for (a claim asks for
  // every free slot and mostly gets fewer): otherwise a claim under way would refuse every hand-over.
  // If that claim does fill them, jobs can run beyond `concurrency` until they end, at most twice it,
  // and no claim starts meanwhile.
  function reserve(kind: string): JobSlot | undefined {
    const free = concurrency - running.size - handing.size;
    if (loop === undefined || stopping() || handlers[kind] === undefined || free <= 0) return undefined;
    control.reserved += 1;
    let settle = (): void => undefined;
    const handed = new Promise<void>((resolve) => {
      settle = resolve;
    });
    handing.add(handed);
    let used = false;
    const end = (): boolean => {
      if (used) return false;
      used = true;
      control.reserved -= 1;
      handing.delete(handed);
      settle();
      return true;
    };
    return {
      lease: { owner: options.owner, leaseMs: options.leaseMs },
      run: (job) => {
        // Launched even while stopping: stop() waits for the slots held, then for the jobs running.
        if (end()) launch(job);
      },
      release: () => {
        if (end()) waiter?.();
      },
    };
  }

  return {
    start: () => {
      if (loop !== undefined) return;
      control.stopping = false;
      control.woken = true;
      loop = run().finally(() => {
        loop = undefined;
      });
    },
    async stop() {
      control.stopping = true;
      waiter?.();
      await loop;
      // A claim under way still launches the jobs it leased; wait for it, then for them.
      await Promise.all(claiming);
      await Promise.all(handing);
      await Promise.all(running);
    },
    runOnce,
    reserve,
    wake: () => {
      control.woken = true;
      waiter?.();
    },
  };
}
