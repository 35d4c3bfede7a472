/**
 * The outbox as operators see it (`pec queue list`, the console's queue page): jobs of the given
 * statuses (default: everything but `done`), oldest due first, each described with its reference,
 * recipients, attempts, last error and, once finished, how it ended. Asking for `failed` also
 * lists the finished jobs where a recipient failed for good: failures too, for the operator.
 */
import { jobStatuses, type Job, type JobStatus, type QueueStore } from '../../../ports/queue-store.ts';
import { describeQueuedJob, failedOutcomes, type QueuedJobSummary } from './describe-queued-job.ts';

export interface QueuedJobsQuery {
  /** One status; absent: every status but `done` unless `all`. */
  readonly status?: JobStatus;
  readonly all?: boolean;
  readonly kind?: string;
  /** At most this many per status; default 1000. */
  readonly limit?: number;
}

export async function listQueuedJobs(
  queue: Pick<QueueStore, 'list'>,
  query: QueuedJobsQuery = {},
): Promise<QueuedJobSummary[]> {
  const statuses =
    query.status !== undefined
      ? [query.status]
      : jobStatuses.filter((s) => query.all === true || s !== 'done');
  const base = { limit: query.limit ?? 1000, ...(query.kind === undefined ? {} : { kind: query.kind }) };
  const jobs: Job[] = [];
  for (const status of statuses) {
    jobs.push(...(await queue.list({ ...base, status })));
    if (status === 'failed' && query.status === 'failed') {
      const done = await queue.list({ ...base, status: 'done' });
      jobs.push(
        ...done.filter((job) => {
          const outcome = describeQueuedJob(job).outcome;
          return outcome !== null && failedOutcomes.includes(outcome);
        }),
      );
    }
  }
  jobs.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
  return jobs.map(describeQueuedJob);
}
