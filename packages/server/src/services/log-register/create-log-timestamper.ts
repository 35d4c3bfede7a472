/**
 * The background loop of the daily log seal (pec-spec §6.4): every `intervalMs` (default one hour)
 * stamps the previous Italian day when it has no token and the day ended more than `graceMs` ago
 * (default ten minutes, so that transactions open at midnight have committed their entries).
 * A thin wrapper over `timestampLogDay`, which a cluster-wide daily job can call instead.
 */
import { createPeriodicTask, type PeriodicTask } from '../periodic-task/create-periodic-task.ts';
import { italianDayEnd, italianDayOf, previousItalianDay } from './log-days.ts';
import { timestampLogDay, type TimestampLogDayDependencies } from './timestamp-log-day.ts';

export interface LogTimestamperOptions {
  readonly intervalMs?: number;
  readonly graceMs?: number;
  readonly onError: (error: unknown) => void;
}

/** The day the loop should stamp now, if any: yesterday once its grace period is over. */
export function dayToStamp(now: Date, graceMs: number): string {
  const yesterday = previousItalianDay(italianDayOf(now));
  return italianDayEnd(yesterday).getTime() + graceMs <= now.getTime()
    ? yesterday
    : previousItalianDay(yesterday);
}

export function createLogTimestamper(
  deps: TimestampLogDayDependencies,
  options: LogTimestamperOptions,
): PeriodicTask {
  const graceMs = options.graceMs ?? 10 * 60 * 1000;
  return createPeriodicTask({
    intervalMs: options.intervalMs ?? 60 * 60 * 1000,
    onError: options.onError,
    tick: () => timestampLogDay(deps, dayToStamp(deps.clock.now(), graceMs)),
  });
}
