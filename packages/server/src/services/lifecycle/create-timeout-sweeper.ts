/**
 * The timers of pec-spec §3.7 and §6.3 as a periodic sweep over the tracked messages we accepted:
 * per PEC recipient, the 12 h preavviso and the final notice (not before 22 h, by `deliveryHours`),
 * each issued exactly once (issue-timeout-notice.ts guards on the status transition, so concurrent
 * or repeated sweeps never send twice). Time comes from the Clock port or `runOnce(now)`.
 */
import type { TrackedMessage } from '../../ports/message-tracking-store.ts';
import { createIdentifierSource, type IdentifierSource } from '../pipeline/create-identifier-source.ts';
import { issueTimeoutNotice } from './issue-timeout-notice.ts';
import { dueTimeoutStages, timeoutSchedule, type TimeoutSchedule } from './plan-timeout-notices.ts';
import { recoverOriginalFacts } from './recover-original-facts.ts';
import { createPeriodicTask } from '../periodic-task/create-periodic-task.ts';
import type { TimeoutSweeperDependencies } from './timeout-sweeper-dependencies.ts';

export interface TimeoutSweeperOptions {
  /** Pause between sweeps. Default 60 000 ms; the final notice is planned two intervals early. */
  readonly intervalMs?: number;
  /**
   * How far back a sweep looks, in hours. Default 168 (a week): a provider down longer than that
   * no longer notifies for the messages of before. Bounds the work of every sweep.
   */
  readonly lookbackHours?: number;
  /** Messages read per page. Default 500. */
  readonly pageSize?: number;
  /** Failures of one notice or of a sweep. Default: ignored (the next sweep retries). */
  readonly onError?: (error: unknown) => void;
  readonly ids?: IdentifierSource;
}

export interface SweepResult {
  /** 12 h notices issued by this sweep. */
  readonly firstNotices: number;
  /** Final notices issued by this sweep. */
  readonly finalNotices: number;
  /** Notices not issued because something else closed or advanced the recipient first. */
  readonly superseded: number;
  readonly failures: number;
}

export interface TimeoutSweeper {
  /** Starts sweeping every interval (the first sweep at once); idempotent. */
  start(): void;
  /** Stops and waits for the sweep in progress. */
  stop(): Promise<void>;
  /** One sweep at `now` (default: the clock); notices then carry `now` as time reference. */
  runOnce(now?: Date): Promise<SweepResult>;
  readonly schedule: TimeoutSchedule;
}

const hourMs = 3_600_000;

export function createTimeoutSweeper(
  deps: TimeoutSweeperDependencies,
  options: TimeoutSweeperOptions = {},
): TimeoutSweeper {
  const intervalMs = options.intervalMs ?? 60_000;
  const lookbackMs = (options.lookbackHours ?? 168) * hourMs;
  const pageSize = options.pageSize ?? 500;
  const report = options.onError ?? (() => undefined);
  const ids = options.ids ?? createIdentifierSource(deps.settings.identity.domain);
  const schedule = timeoutSchedule(deps.settings, intervalMs);

  async function sweepMessage(message: TrackedMessage, at: Date | undefined, now: Date, totals: Totals) {
    const due = message.recipients.flatMap((recipient) =>
      dueTimeoutStages(message, recipient, now, schedule).map((stage) => ({ recipient, stage })),
    );
    if (due.length === 0) return;
    const sender = await deps.storage.accounts.findMailboxByAddress(message.sender);
    const facts = await recoverOriginalFacts(deps.storage, deps.blobs, message, sender?.id);
    for (const { recipient, stage } of due) {
      try {
        const outcome = await issueTimeoutNotice(deps, ids, {
          message,
          recipient: recipient.address,
          stage,
          facts,
          now: at ?? deps.clock.now(),
        });
        if (!outcome.issued) totals.superseded++;
        else if (stage === 'first') totals.firstNotices++;
        else totals.finalNotices++;
      } catch (error) {
        totals.failures++;
        report(error);
      }
    }
  }

  async function runOnce(at?: Date): Promise<SweepResult> {
    const now = at ?? deps.clock.now();
    const totals: Totals = { firstNotices: 0, finalNotices: 0, superseded: 0, failures: 0 };
    // `acceptedBefore` is exclusive: messages exactly firstAfterMs old are due.
    const acceptedBefore = new Date(now.getTime() - schedule.firstAfterMs + 1);
    let acceptedFrom = new Date(now.getTime() - lookbackMs);
    const seen = new Set<string>();
    for (;;) {
      const page = await deps.storage.tracking.listOpen({ acceptedBefore, acceptedFrom, limit: pageSize });
      const fresh = page.filter((message) => !seen.has(message.identifier));
      for (const message of fresh) {
        seen.add(message.identifier);
        await sweepMessage(message, at, now, totals);
      }
      const last = page.at(-1);
      if (page.length < pageSize || last === undefined) break;
      // The cursor is inclusive; a page of one instant only moves it past that instant.
      acceptedFrom =
        fresh.length === 0 ? new Date(last.acceptedAt.getTime() + 1) : new Date(last.acceptedAt.getTime());
    }
    return totals;
  }

  const task = createPeriodicTask({ intervalMs, tick: runOnce, onError: report });

  return {
    schedule,
    runOnce,
    start: () => {
      task.start();
    },
    stop: () => task.stop(),
  };
}

interface Totals {
  firstNotices: number;
  finalNotices: number;
  superseded: number;
  failures: number;
}
