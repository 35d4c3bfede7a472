/**
 * The daily purges of records the rules keep for a fixed time, as maintenance jobs:
 * - the registro dei log after `logMonths` (at least 30, pec-spec §6.4): only the oldest prefix
 *   goes, through the log's own purge, which leaves a purge record and moves the chain's
 *   verification anchor (the append-only guard forbids changing entries, not this deletion);
 * - the access history after `accessLogMonths`;
 * - the quarantine at each record's retainUntil (30 months, DPR 68/2005 art. 12, pec-spec §2.1),
 *   both the shared one and, while it holds anything, the file quarantine of earlier versions;
 * - login-throttle counters that no longer matter, and maintenance claims older than a year;
 * - web sessions past their end or idle timeout (their cookies no longer sign anyone in);
 * - searchable message texts no message refers to any more (decision 0043: deleting the last message
 *   deletes its text at once; this sweeps what concurrent deletes and indexing may have left).
 */
import type { AccessLog } from '../../ports/access-log.ts';
import type { LegalLog } from '../../ports/legal-log.ts';
import type { MaintenanceRunStore } from '../../ports/maintenance-run-store.ts';
import type { QuarantineStore } from '../../ports/quarantine-store.ts';
import type { LoginThrottle } from '../accounts/create-login-throttle.ts';
import type { MaintenanceJob } from './create-daily-maintenance.ts';
import { utcDay } from './create-daily-maintenance.ts';

export interface RetentionPurgesOptions {
  readonly legalLog: Pick<LegalLog, 'purge'>;
  /** `retention.logMonths`. */
  readonly logMonths: number;
  readonly accessLog: Pick<AccessLog, 'purge'>;
  readonly accessLogMonths: number;
  /** The shared quarantine first; then any older store whose records still expire. */
  readonly quarantines: readonly Pick<QuarantineStore, 'purgeExpired'>[];
  readonly loginThrottle?: Pick<LoginThrottle, 'purgeStale'>;
  readonly runs: Pick<MaintenanceRunStore, 'purge'>;
  /** Deletes the web sessions that ended by `now`; returns how many. */
  readonly webSessions?: { purgeExpired(now: Date): Promise<number> };
  /** Deletes the administrative sessions that ended by `now` (decision 0021); returns how many. */
  readonly adminSessions?: { purgeExpired(now: Date): Promise<number> };
  /** The text index of SEARCH TEXT/BODY (decision 0043). */
  readonly messageTexts?: { forgetOrphans(): Promise<number> };
}

/** Days of maintenance claims kept, for the operator's view of what ran. */
const runHistoryDays = 400;

export function createRetentionPurges(options: RetentionPurgesOptions): MaintenanceJob[] {
  const jobs: MaintenanceJob[] = [
    {
      name: 'legal-log-purge',
      async run(now) {
        const purge = await options.legalLog.purge({ olderThanMonths: options.logMonths, now });
        return purge === null
          ? 'nothing older than the retention'
          : `${purge.count} entries, seq ${purge.fromSeq}-${purge.throughSeq}, before ${purge.before.toISOString()}`;
      },
    },
    {
      name: 'access-log-purge',
      async run(now) {
        const count = await options.accessLog.purge({ olderThanMonths: options.accessLogMonths, now });
        return `${count} entries`;
      },
    },
    {
      name: 'quarantine-purge',
      async run(now) {
        let records = 0;
        let messages = 0;
        for (const quarantine of options.quarantines) {
          const purge = await quarantine.purgeExpired(now);
          records += purge.purged.length;
          messages += purge.deletedMessages.length;
        }
        return `${records} records, ${messages} messages`;
      },
    },
    {
      name: 'maintenance-runs-purge',
      async run(now) {
        const before = utcDay(new Date(now.getTime() - runHistoryDays * 24 * 3600 * 1000));
        return `${await options.runs.purge(before)} runs`;
      },
    },
  ];
  const throttle = options.loginThrottle;
  if (throttle !== undefined) {
    jobs.push({
      name: 'login-throttle-purge',
      async run(now) {
        return `${await throttle.purgeStale(now)} counters`;
      },
    });
  }
  const webSessions = options.webSessions;
  if (webSessions !== undefined) {
    jobs.push({
      name: 'web-sessions-purge',
      async run(now) {
        return `${String(await webSessions.purgeExpired(now))} sessions`;
      },
    });
  }
  const adminSessions = options.adminSessions;
  if (adminSessions !== undefined) {
    jobs.push({
      name: 'admin-sessions-purge',
      async run(now) {
        return `${String(await adminSessions.purgeExpired(now))} sessions`;
      },
    });
  }
  const messageTexts = options.messageTexts;
  if (messageTexts !== undefined) {
    jobs.push({
      name: 'message-text-orphans',
      async run() {
        return `${String(await messageTexts.forgetOrphans())} texts`;
      },
    });
  }
  return jobs;
}
