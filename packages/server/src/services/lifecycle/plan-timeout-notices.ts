/**
 * When the timeout notices of one PEC recipient are due (pec-spec §3.7, §6.3): the 12 h preavviso
 * when neither a presa in carico nor a delivery receipt arrived within `takeChargeHours`; the final
 * notice when no delivery receipt arrived, never before 22 h and planned early enough that a sweep
 * running every `sweepIntervalMs` still sends it by `deliveryHours`. Pure: no I/O, no clock.
 */
import type { TrackedMessage, TrackedRecipient } from '../../ports/message-tracking-store.ts';
import { finalDeliveryStatuses } from '../../ports/message-tracking-store.ts';

export type TimeoutStage = 'first' | 'final';

export interface TimeoutSchedule {
  /** Age after acceptance at which the 12 h preavviso becomes due. */
  readonly firstAfterMs: number;
  /** Age after acceptance at which the final notice becomes due; within [22 h, deliveryHours]. */
  readonly finalAfterMs: number;
}

const hourMs = 3_600_000;
/** RFC 6109 §3.1.6: the final notice is not sent before 22 h (pec-spec §3.7). */
export const earliestFinalNoticeMs = 22 * hourMs;

/**
 * The schedule for the configured timers. The final notice is planned two sweep intervals before
 * `deliveryHours` (a sweep may start up to one interval late and take time), but never before 22 h.
 */
export function timeoutSchedule(
  timeouts: { readonly takeChargeHours: number; readonly deliveryHours: number },
  sweepIntervalMs: number,
): TimeoutSchedule {
  const deliveryMs = timeouts.deliveryHours * hourMs;
  const finalAfterMs = Math.min(
    deliveryMs,
    Math.max(earliestFinalNoticeMs, deliveryMs - 2 * sweepIntervalMs),
  );
  return { firstAfterMs: Math.min(timeouts.takeChargeHours * hourMs, finalAfterMs), finalAfterMs };
}

/** Whether `event` happened at or before `deadline`. */
function arrivedBy(event: { readonly at: Date } | undefined, deadline: number): boolean {
  return event !== undefined && event.at.getTime() <= deadline;
}

/** The notices due now for one recipient, in the order they must be issued. */
export function dueTimeoutStages(
  message: Pick<TrackedMessage, 'acceptedAt'>,
  recipient: TrackedRecipient,
  now: Date,
  schedule: TimeoutSchedule,
): TimeoutStage[] {
  // Timers apply to PEC recipients only (pec-spec §3.7); a final status closes them (§6.3).
  if (recipient.kind !== 'certificato' || finalDeliveryStatuses.includes(recipient.status)) return [];
  const accepted = message.acceptedAt.getTime();
  const age = now.getTime() - accepted;
  const stages: TimeoutStage[] = [];
  const firstDeadline = accepted + schedule.firstAfterMs;
  const { events } = recipient;
  const firstDue =
    age >= schedule.firstAfterMs &&
    events['timeout-12h'] === undefined &&
    !arrivedBy(events['taken-in-charge'], firstDeadline) &&
    !arrivedBy(events.delivered, firstDeadline);
  if (firstDue) stages.push('first');
  // pec-spec §3.7 table: no delivery receipt by then → the final notice, with or without the first.
  if (age >= schedule.finalAfterMs && events['timeout-24h'] === undefined) stages.push('final');
  return stages;
}
