/**
 * Port for the transactional outbox: jobs written in the same transaction as the data that caused
 * them (acceptance, stored envelope), then claimed by workers under a time-limited lease.
 * Guarantees: a due job is handed to at most one claimer at a time; a job whose lease ran out
 * without completion becomes claimable again; completion and failure only count for the current
 * lease holder. Delivery is at-least-once, so job handlers must be idempotent.
 */

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * `ready`: waiting for `runAt`; `running`: leased to a worker; `held`: parked by an operator;
 * `done`: completed; `failed`: gave up, kept for inspection until released or deleted.
 */
export type JobStatus = 'ready' | 'running' | 'held' | 'done' | 'failed';
export const jobStatuses: readonly JobStatus[] = ['ready', 'running', 'held', 'done', 'failed'];

export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly payload: JsonValue;
  readonly status: JobStatus;
  readonly runAt: Date;
  /** Number of times the job was claimed. */
  readonly attempts: number;
  readonly lastError: string | null;
  /** Proof of the current lease; pass it back to complete, fail or extendLease. */
  readonly leaseToken: string | null;
  readonly leaseOwner: string | null;
  readonly leaseUntil: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewJob {
  readonly kind: string;
  readonly payload: JsonValue;
  /** Defaults to now. */
  readonly runAt?: Date;
  /**
   * Written already leased to `owner` (status `running`, one attempt, a fresh `leaseToken`), as if
   * claimed at `runAt`: for a worker of this node that runs the job as soon as the transaction that
   * wrote it is durable, without a claim (decision 0061). If it never completes, the lease runs out
   * (or `releaseLeasesOf(owner)` ends it) and the job is claimable again like any other.
   */
  readonly lease?: { readonly owner: string; readonly leaseMs: number };
}

export interface ClaimRequest {
  /** Worker name, for operators. */
  readonly owner: string;
  readonly leaseMs: number;
  /** Defaults to 1. */
  readonly limit?: number;
  /** Only these kinds; all when omitted. */
  readonly kinds?: readonly string[];
  /** Defaults to the storage clock. */
  readonly now?: Date;
}

export interface JobFailure {
  readonly error: string;
  /** Back to `ready` at this time; when omitted the job becomes `failed`. */
  readonly retryAt?: Date;
}

export interface JobQuery {
  readonly status?: JobStatus;
  readonly kind?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Jobs of one kind in one status, for the queue depth and age metrics. */
export interface QueueDepth {
  readonly kind: string;
  readonly status: Exclude<JobStatus, 'done'>;
  readonly count: number;
  /** The earliest `runAt` among them: how long the oldest has been due. */
  readonly oldestRunAt: Date;
}

export interface QueueStore {
  enqueue(job: NewJob): Promise<Job>;
  /** Leases up to `limit` due jobs (ready and due, or running with an expired lease), oldest `runAt` first. */
  claim(request: ClaimRequest): Promise<Job[]>;
  /**
   * False when the lease is no longer held (expired and re-claimed, or the job was held or deleted).
   * To commit a job's effects exactly once, call it first inside the transaction that writes them:
   * it locks the job against re-claiming, and on false the worker throws so the effects roll back.
   * `outcome`, one line on how the job ended (`failed: …`, see describe-queued-job.ts), replaces
   * `lastError` so that operators read it in `pec queue list`.
   */
  complete(id: number, leaseToken: string, outcome?: string): Promise<boolean>;
  fail(id: number, leaseToken: string, failure: JobFailure): Promise<boolean>;
  extendLease(id: number, leaseToken: string, leaseMs: number, now?: Date): Promise<boolean>;
  /** Parks a `ready`, `running` or `failed` job; a running worker then loses its lease. */
  hold(id: number): Promise<boolean>;
  /** Makes a `held` or `failed` job `ready` again, due at `runAt` (default now). */
  release(id: number, runAt?: Date): Promise<boolean>;
  delete(id: number): Promise<boolean>;
  get(id: number): Promise<Job | undefined>;
  /** Ordered by `runAt`, then id. */
  list(query?: JobQuery): Promise<Job[]>;
  countByStatus(): Promise<Record<JobStatus, number>>;
  /** Jobs not yet done, grouped by kind and status (read-only; for metrics). */
  depthByKind(): Promise<QueueDepth[]>;
  /** Deletes `done` jobs last updated before `before`; returns how many. */
  purgeDone(before: Date): Promise<number>;
  /**
   * Makes every job leased to `owner` ready again at once (still due), cancelling those leases; returns
   * how many. A restarting node calls it with its own node id before claiming, so the jobs its
   * previous run held when it died are not left waiting for their leases to expire. Only safe while
   * no live worker uses that owner name (node ids are unique across running nodes).
   */
  releaseLeasesOf(owner: string): Promise<number>;
}
