/**
 * One run of a relay job, shared by `relay-envelope` and `relay-message` (decision 0006): send to
 * the recipients still pending (or, past the expiry, give them up: pec-spec §2.3, at most 24 h in
 * the queue), then commit in one transaction the job's completion, the caller's effects (logs,
 * tracking, DSNs) and, when recipients remain, a continuation job for those only, due after an
 * exponential backoff and never after the expiry. The SMTP side is at-least-once: a crash between
 * the peer's reply and the commit sends again.
 */
import type { Job, JsonValue } from '../../../ports/queue-store.ts';
import type { StorageTransaction } from '../../../ports/storage.ts';
import type { JobRun } from '../outbox/create-outbox-worker.ts';
import { keepLease } from './keep-lease.ts';
import type { RelayDependencies } from './relay-dependencies.ts';
import {
  parseRelayProgress,
  relayRetryDelayMs,
  withRelayProgress,
  type LastFailure,
  type RelayProgress,
} from './relay-progress.ts';
import { relayToDomains, type RelayResult, type RelayTarget } from './relay-to-domains.ts';

export interface RelayRunOutcome {
  /** Time reference of this run's effects (pec-spec §6.2). */
  readonly at: Date;
  readonly accepted: readonly RelayResult[];
  /** Refused for good, or expired. */
  readonly failed: readonly RelayResult[];
  readonly pending: readonly RelayResult[];
  /** The progress before this run. */
  readonly progress: RelayProgress;
}

export interface RelayJobSpec {
  /** What operators know the message by: identificativo or Message-ID. */
  readonly reference: string;
  readonly targets: readonly RelayTarget[];
  readonly mailFrom: string;
  loadBytes(): Promise<Uint8Array>;
  /** Expiry for a job's first run; continuations carry theirs. */
  readonly expiresAt: Date;
  /** The continuation's payload for the pending addresses, without the `relay` key. */
  continuation(pending: readonly string[]): Record<string, JsonValue>;
  /** Work done before the transaction (blobs); returns the writes to make inside it. */
  prepare(outcome: RelayRunOutcome): Promise<(tx: StorageTransaction) => Promise<void>>;
  /** Who gets a DSN for these failed recipients, if anyone: for the job's outcome line. */
  dsnTo?(failed: readonly RelayResult[]): string | undefined;
}

function describeResults(results: readonly RelayResult[]): string {
  return results.map((r) => `${r.address}: ${r.host === null ? '' : `${r.host}: `}${r.text}`).join('; ');
}

/**
 * How a run ended, in one line kept on the job (QueueStore.complete) and parsed back by
 * describe-queued-job.ts: `delivered: …`, `bounced: DSN to S; …` (failed for good, the sender told
 * by a DSN), `failed: …` (failed for good), or `continued: …` (some recipients retried by a
 * continuation job).
 */
export function relayOutcomeLine(spec: Pick<RelayJobSpec, 'dsnTo'>, outcome: RelayRunOutcome): string {
  const { accepted, failed, pending } = outcome;
  const parts = [
    ...(accepted.length === 0 ? [] : [`delivered ${describeResults(accepted)}`]),
    ...(failed.length === 0 ? [] : [`failed for good ${describeResults(failed)}`]),
    ...(pending.length === 0 ? [] : [`pending ${describeResults(pending)}`]),
  ];
  if (pending.length > 0) return `continued: ${parts.join('; ')}`;
  if (failed.length === 0) return `delivered: ${describeResults(accepted)}`;
  const dsn = spec.dsnTo?.(failed);
  const failedOnly = accepted.length === 0 ? describeResults(failed) : parts.join('; ');
  return dsn === undefined ? `failed: ${failedOnly}` : `bounced: DSN to ${dsn}; ${failedOnly}`;
}

function expired(target: RelayTarget, progress: RelayProgress): RelayResult {
  const last = progress.lastFailures[target.address];
  return {
    address: target.address,
    outcome: 'expired',
    host: last?.host ?? null,
    code: last?.code ?? null,
    enhancedCode: last?.enhancedCode ?? null,
    text: last?.text ?? 'no delivery attempt succeeded before the queue lifetime ran out',
  };
}

function nextProgress(job: Job, progress: RelayProgress, outcome: RelayRunOutcome): RelayProgress {
  const lastFailures: Record<string, LastFailure> = {};
  for (const result of outcome.pending) {
    const { host, code, enhancedCode, text } = result;
    lastFailures[result.address] = { host, code, enhancedCode, text, at: outcome.at };
  }
  return {
    attempt: progress.attempt + 1,
    expiresAt: progress.expiresAt,
    queuedAt: progress.queuedAt,
    firstJobId: progress.firstJobId,
    previousJobId: job.id,
    lastFailures,
  };
}

export async function runRelayJob(
  deps: RelayDependencies,
  job: Job,
  run: JobRun,
  spec: RelayJobSpec,
): Promise<void> {
  const { storage, clock, settings } = deps;
  const progress: RelayProgress = parseRelayProgress(job.payload) ?? {
    attempt: 0,
    expiresAt: spec.expiresAt,
    queuedAt: job.createdAt,
    firstJobId: job.id,
    previousJobId: null,
    lastFailures: {},
  };
  let results: RelayResult[];
  if (clock.now().getTime() >= progress.expiresAt.getTime()) {
    results = spec.targets.map((target) => expired(target, progress));
  } else {
    const bytes = await spec.loadBytes();
    const lease = await keepLease(storage.queue, job, settings.leaseMs);
    try {
      results = await relayToDomains(deps, { bytes, mailFrom: spec.mailFrom, targets: spec.targets });
    } finally {
      // A lost lease surfaces at completion, which then rolls back (LeaseLostError).
      await lease.stop();
    }
  }
  const outcome: RelayRunOutcome = {
    at: clock.now(),
    accepted: results.filter((result) => result.outcome === 'accepted'),
    failed: results.filter((result) => result.outcome === 'permanent' || result.outcome === 'expired'),
    pending: results.filter((result) => result.outcome === 'temporary'),
    progress,
  };
  const write = await spec.prepare(outcome);
  const next = nextProgress(job, progress, outcome);
  const retryAt = new Date(
    Math.min(
      outcome.at.getTime() +
        relayRetryDelayMs(next.attempt, { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs }),
      progress.expiresAt.getTime(),
    ),
  );
  await storage.transaction(async (tx) => {
    // Completing first locks the job against a second worker (ports/queue-store.ts).
    await run.completeIn(tx, relayOutcomeLine(spec, outcome));
    await write(tx);
    if (outcome.pending.length > 0) {
      const pending = outcome.pending.map((result) => result.address);
      await tx.queue.enqueue({
        kind: job.kind,
        payload: withRelayProgress(spec.continuation(pending), next),
        runAt: retryAt,
      });
    }
  });
  report(deps, job, spec, outcome, retryAt);
}

function report(
  deps: RelayDependencies,
  job: Job,
  spec: RelayJobSpec,
  outcome: RelayRunOutcome,
  retryAt: Date,
): void {
  const log = deps.log;
  if (log === undefined) return;
  const base = { jobId: job.id, reference: spec.reference };
  const peersOf = (results: readonly RelayResult[]): string[] => [
    ...new Set(results.map((r) => r.host ?? r.address.slice(r.address.lastIndexOf('@') + 1).toLowerCase())),
  ];
  const describe = describeResults;
  if (outcome.accepted.length > 0) {
    log({
      ...base,
      kind: 'relayed',
      recipients: outcome.accepted.map((r) => r.address),
      peers: peersOf(outcome.accepted),
      detail: describe(outcome.accepted),
    });
  }
  for (const kind of ['failed', 'expired'] as const) {
    const failed = outcome.failed.filter((r) => (r.outcome === 'expired') === (kind === 'expired'));
    if (failed.length > 0)
      log({
        ...base,
        kind,
        recipients: failed.map((r) => r.address),
        peers: peersOf(failed),
        detail: describe(failed),
      });
  }
  if (outcome.pending.length > 0) {
    log({
      ...base,
      kind: 'deferred',
      recipients: outcome.pending.map((r) => r.address),
      peers: peersOf(outcome.pending),
      detail: `${describe(outcome.pending)}; next attempt at ${retryAt.toISOString()}`,
    });
  }
}
