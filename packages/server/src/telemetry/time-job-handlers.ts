/**
 * Outbox job handlers timed for the event log (`job.completed` with the job's kind and latency),
 * decorated at the composition root. Failures are reported by the worker's `onError`.
 */
import { performance } from 'node:perf_hooks';
import type { EventLog } from '../ports/event-log.ts';
import type { JobHandler } from '../services/pipeline/outbox/create-outbox-worker.ts';

export function timeJobHandlers(
  handlers: Readonly<Record<string, JobHandler>>,
  events: EventLog,
): Record<string, JobHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, handler]): [string, JobHandler] => [
      kind,
      async (job, run) => {
        const started = performance.now();
        await handler(job, run);
        events.emit({ event: 'job.completed', jobId: job.id, kind, durationMs: performance.now() - started });
      },
    ]),
  );
}
