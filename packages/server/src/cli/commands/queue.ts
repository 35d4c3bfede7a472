/**
 * `pec queue list [--status S | --all] [--kind K] [--limit N] [--json]` and
 * `pec queue retry|hold|release|delete ID`: the outbox as operators see and steer it.
 * The list shows waiting work by default (everything but `done`), oldest due first, with each
 * job's reference, recipients, attempts and last error; a finished job says how it ended
 * (delivered, bounced with a DSN, failed) and why. `--status failed` lists the jobs given up and the
 * finished ones where a recipient failed for good. An empty list says so. Refusals (unknown id, a state that does
 * not allow the action) print `pec: <reason>` and exit 1.
 */
import type { Command } from 'commander';
import { jobStatuses, type JobStatus } from '../../ports/queue-store.ts';
import type { QueuedJobSummary } from '../../services/pipeline/relay/describe-queued-job.ts';
import { listQueuedJobs } from '../../services/pipeline/relay/list-queued-jobs.ts';
import {
  queueActions,
  steerQueuedJob,
  type QueueAction,
} from '../../services/pipeline/relay/steer-queued-job.ts';
import { refuse, type DataOption } from './mailbox-action.ts';
import { providerAction } from './route.ts';

interface ListOptions extends DataOption {
  readonly status?: string;
  readonly all?: boolean;
  readonly kind?: string;
  readonly limit?: string;
  readonly json?: boolean;
}

const actionHelp: Record<QueueAction, string> = {
  retry: 'Make a waiting, held or failed job due now',
  hold: 'Park a job (a running one stops after its current attempt)',
  release: 'Make a held or failed job due now',
  delete: 'Delete a job that is not running',
};

function renderJson(summary: QueuedJobSummary): unknown {
  return JSON.parse(JSON.stringify(summary)) as unknown;
}

function renderLine(s: QueuedJobSummary): string {
  const parts = [
    String(s.id),
    s.status,
    s.kind,
    `due ${s.runAt.toISOString()}`,
    `attempts ${s.attempts}`,
    ...(s.reference === null ? [] : [s.reference]),
    s.recipients.join(','),
  ];
  const notes = [
    ...(s.expiresAt === null ? [] : [`  expires ${s.expiresAt.toISOString()}`]),
    ...(s.firstJobId === null ? [] : [`  continues job ${s.firstJobId}`]),
    ...(s.status !== 'done'
      ? s.lastError === null
        ? []
        : [`  last error: ${s.lastError}`]
      : [`  ended: ${s.outcome}${s.outcomeDetail === null ? '' : `: ${s.outcomeDetail}`}`]),
  ];
  return [parts.join('  '), ...notes].map((line) => `${line}\n`).join('');
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  return Number.isSafeInteger(limit) && limit > 0 ? limit : Number.NaN;
}

export function registerQueue(program: Command): void {
  const queue = program.command('queue').description('The outbound queue (outbox): list and steer jobs');

  queue
    .command('list')
    .description('List jobs, oldest due first (default: all but done); finished ones say how they ended')
    .option(
      '--status <status>',
      `only this status: ${jobStatuses.join(', ')} (failed includes done jobs where a recipient failed for good)`,
    )
    .option('--all', 'include done jobs')
    .option('--kind <kind>', 'only this kind, e.g. relay-envelope, relay-message, deliver-envelope')
    .option('--limit <n>', 'at most n jobs per status (default 1000)')
    .option('--json', 'print a JSON array')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: ListOptions) => {
      const status = options.status;
      if (status !== undefined && !jobStatuses.includes(status as JobStatus)) {
        refuse(`--status must be one of ${jobStatuses.join(', ')}`);
        return;
      }
      const limit = parseLimit(options.limit);
      if (limit !== undefined && Number.isNaN(limit)) {
        refuse(`--limit: not a positive integer: ${options.limit ?? ''}`);
        return;
      }
      await providerAction(options, async (ctx) => {
        const summaries = await listQueuedJobs(ctx.storage.queue, {
          ...(status === undefined ? {} : { status: status as JobStatus }),
          ...(options.all === true ? { all: true } : {}),
          ...(options.kind === undefined ? {} : { kind: options.kind }),
          ...(limit === undefined ? {} : { limit }),
        });
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(summaries.map(renderJson), null, 2)}\n`);
        } else if (summaries.length === 0) {
          const which = status === undefined ? (options.all === true ? '' : 'waiting ') : `${status} `;
          const kind = options.kind === undefined ? '' : ` of kind ${options.kind}`;
          process.stdout.write(`pec: no ${which}jobs${kind} in the queue\n`);
        } else {
          process.stdout.write(summaries.map(renderLine).join(''));
        }
      });
    });

  for (const action of queueActions) {
    queue
      .command(action)
      .description(actionHelp[action])
      .argument('<id>', 'job id, as pec queue list shows it')
      .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
      .action(async (value: string, options: DataOption) => {
        const id = Number(value);
        if (!Number.isSafeInteger(id) || id < 1) {
          refuse(`not a job id: ${value}`);
          return;
        }
        await providerAction(options, async (ctx) => {
          const result = await steerQueuedJob(ctx.storage, id, action, ctx.clock.now());
          if (result.ok) process.stdout.write(`pec: ${result.message}\n`);
          else refuse(result.reason);
        });
      });
  }
}
