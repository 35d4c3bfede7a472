/**
 * The operator's view of one outbox job (`pec queue list`): what it carries (identificativo or
 * Message-ID, recipients), where it stands (status, due time, attempts including earlier relay
 * attempts, expiry), why it waits (the last error) and, once it has ended, how (`outcome`: delivered,
 * bounced with a DSN, failed, continued by another job) and why. Tolerant: a payload of an unknown kind or
 * shape still gives a summary, never an exception.
 */
import type { Job, JsonValue } from '../../../ports/queue-store.ts';
import { parseRelayProgress, type RelayProgress } from './relay-progress.ts';

export interface QueuedJobSummary {
  readonly id: number;
  readonly kind: string;
  readonly status: Job['status'];
  readonly runAt: Date;
  /** Claims of this job plus, for a relay continuation, the attempts of the jobs before it. */
  readonly attempts: number;
  /** PEC identificativo, or what else identifies the message; null when unknown. */
  readonly reference: string | null;
  readonly recipients: readonly string[];
  /** When the relay gives up (pec-spec §2.3); null for other kinds or a relay job's first run. */
  readonly expiresAt: Date | null;
  /** The job's own last error, else the relay's last failure per pending recipient. */
  readonly lastError: string | null;
  /** The first job of a relay chain, when this one continues it. */
  readonly firstJobId: number | null;
  /** How the job ended; null while it has not. `done` when a finished job recorded nothing more. */
  readonly outcome: JobOutcome | null;
  /** The outcome's account: recipients, hosts and replies. */
  readonly outcomeDetail: string | null;
}

export const jobOutcomes = ['delivered', 'bounced', 'failed', 'continued', 'done'] as const;
export type JobOutcome = (typeof jobOutcomes)[number];

/** Outcomes that mean some recipient failed for good (`pec queue list --status failed` shows them). */
export const failedOutcomes: readonly JobOutcome[] = ['bounced', 'failed'];

/** Splits the outcome line a finished job keeps in `lastError` (run-relay-job.ts relayOutcomeLine). */
function endOf(job: Job): { outcome: JobOutcome; detail: string | null } | null {
  if (job.status === 'failed') return { outcome: 'failed', detail: job.lastError };
  if (job.status !== 'done') return null;
  const match = /^(delivered|bounced|failed|continued): (.*)$/s.exec(job.lastError ?? '');
  if (match === null) return { outcome: 'done', detail: job.lastError };
  return { outcome: match[1] as JobOutcome, detail: match[2] ?? null };
}

function field(payload: JsonValue, name: string): JsonValue | undefined {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, JsonValue>)[name]
    : undefined;
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function recipientsOf(payload: JsonValue): string[] {
  const list = field(payload, 'recipients') ?? field(payload, 'rcptTo');
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: JsonValue) => {
    if (typeof item === 'string') return [item];
    const address = text(field(item, 'address'));
    return address === null ? [] : [address];
  });
}

function progressOf(payload: JsonValue): RelayProgress | undefined {
  try {
    return parseRelayProgress(payload);
  } catch {
    return undefined;
  }
}

export function describeQueuedJob(job: Job): QueuedJobSummary {
  const progress = progressOf(job.payload);
  const failures = Object.entries(progress?.lastFailures ?? {}).map(
    ([address, failure]) => `${address}: ${failure.host === null ? '' : `${failure.host}: `}${failure.text}`,
  );
  const end = endOf(job);
  const expiresAt = progress?.expiresAt ?? new Date(text(field(job.payload, 'expiresAt')) ?? Number.NaN);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    runAt: job.runAt,
    attempts: job.attempts + (progress?.attempt ?? 0),
    reference: text(field(job.payload, 'identifier')) ?? text(field(job.payload, 'blobKey')),
    recipients: recipientsOf(job.payload),
    expiresAt: Number.isNaN(expiresAt.getTime()) ? null : expiresAt,
    lastError:
      end === null
        ? (job.lastError ?? (failures.length === 0 ? null : failures.join('; ')))
        : end.outcome === 'delivered'
          ? null
          : end.detail,
    firstJobId: progress === undefined || progress.firstJobId === job.id ? null : progress.firstJobId,
    outcome: end?.outcome ?? null,
    outcomeDetail: end?.detail ?? null,
  };
}
