/**
 * Daily maintenance that runs once across the cluster: every node ticks (a periodic task, by
 * default every 15 minutes), and for each job claims the current UTC day in the shared
 * MaintenanceRunStore; only the node whose claim wins runs that job that day, and records how it
 * ended. A node that dies mid-job leaves the claim without an outcome; the job runs again the next
 * day, which catches up, since every job works from "older than" and is safe to repeat.
 */
import type { Clock } from '../../ports/clock.ts';
import type { MaintenanceRunStore } from '../../ports/maintenance-run-store.ts';
import { createPeriodicTask } from '../periodic-task/create-periodic-task.ts';

export interface MaintenanceJob {
  /** Unique among the jobs, e.g. `legal-log-purge`: the claim's task name. */
  readonly name: string;
  /** Does the day's work as of `now`; returns a one-line summary for the run record. */
  run(now: Date): Promise<string>;
}

/** What happened to one job at one tick. */
export type MaintenanceOutcome =
  | { readonly job: string; readonly day: string; readonly ran: false }
  | { readonly job: string; readonly day: string; readonly ran: true; readonly summary: string }
  | { readonly job: string; readonly day: string; readonly ran: true; readonly error: unknown };

export interface DailyMaintenanceOptions {
  readonly runs: MaintenanceRunStore;
  readonly jobs: readonly MaintenanceJob[];
  /** Names this node in the claims (host and process). */
  readonly node: string;
  readonly clock: Clock;
  /** Pause between ticks; default 15 minutes. */
  readonly intervalMs?: number;
  /** A job that failed (its claim records `failed: …`), or a tick that could not claim. */
  readonly onError: (error: unknown, job?: string) => void;
  /** Each job this node ran, with its summary. */
  readonly onRun?: (outcome: MaintenanceOutcome) => void;
}

export interface DailyMaintenance {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One tick: claims and runs the jobs due today. */
  runDue(): Promise<MaintenanceOutcome[]>;
}

/** `YYYY-MM-DD` of `date` in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function createDailyMaintenance(options: DailyMaintenanceOptions): DailyMaintenance {
  const { runs, jobs, node, clock } = options;
  const names = new Set(jobs.map((job) => job.name));
  if (names.size !== jobs.length) throw new Error('maintenance job names must be unique');

  async function runDue(): Promise<MaintenanceOutcome[]> {
    const outcomes: MaintenanceOutcome[] = [];
    for (const job of jobs) {
      const now = clock.now();
      const day = utcDay(now);
      if (!(await runs.claim(job.name, day, node, now))) {
        outcomes.push({ job: job.name, day, ran: false });
        continue;
      }
      let outcome: MaintenanceOutcome;
      try {
        const summary = await job.run(now);
        await runs.finish(job.name, day, clock.now(), `ok: ${summary}`);
        outcome = { job: job.name, day, ran: true, summary };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await runs.finish(job.name, day, clock.now(), `failed: ${message}`.slice(0, 1000));
        options.onError(error, job.name);
        outcome = { job: job.name, day, ran: true, error };
      }
      options.onRun?.(outcome);
      outcomes.push(outcome);
    }
    return outcomes;
  }

  const task = createPeriodicTask({
    intervalMs: options.intervalMs ?? 15 * 60 * 1000,
    tick: runDue,
    onError: (error) => {
      options.onError(error);
    },
  });

  return {
    start() {
      task.start();
      return Promise.resolve();
    },
    stop: () => task.stop(),
    runDue,
  };
}
