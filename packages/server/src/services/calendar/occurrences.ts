/**
 * An event's occurrences (decision 0040): the first start plus n days, weeks, months or years in
 * the event's zone (RFC 5545 §3.3.10 FREQ, INTERVAL 1); a month or year without the start's day
 * (31 April, 29 February) has no occurrence and does not count towards COUNT (§3.3.10: invalid
 * dates are ignored); UNTIL is the last local day an occurrence may start. Also the next reminder
 * instant after a given time, for future occurrences only.
 */
import type { Repeat } from './calendar.ts';
import { daysBetween, instantOf, localTimeOf, normalise, type LocalTime } from './wall-clock.ts';

export interface Schedule {
  readonly allDay: boolean;
  readonly start: LocalTime;
  /** Timed: the end time; all-day: the last day (inclusive). */
  readonly end: LocalTime;
  readonly timeZone: string;
  readonly repeat: Repeat;
  /** `repeat.until` parsed. */
  readonly until: LocalTime | undefined;
}

export interface Instance {
  readonly start: LocalTime;
  readonly end: LocalTime;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

const dayMs = 86_400_000;
/** A repeating event without end is followed this many occurrences at most in one walk. */
const walkLimit = 20_000;

function shifted(start: LocalTime, frequency: Repeat['frequency'], n: number): LocalTime | undefined {
  const moved =
    frequency === 'daily'
      ? { ...start, day: start.day + n }
      : frequency === 'weekly'
        ? { ...start, day: start.day + 7 * n }
        : frequency === 'monthly'
          ? { ...start, month: start.month + n }
          : { ...start, year: start.year + n };
  const real = normalise(moved);
  return real.day === start.day || frequency === 'daily' || frequency === 'weekly' ? real : undefined;
}

function instance(schedule: Schedule, start: LocalTime): Instance {
  const zone = schedule.timeZone;
  if (schedule.allDay) {
    const day = { ...start, minutes: 0 };
    const span = daysBetween(schedule.start, schedule.end);
    const end = normalise({ ...day, day: day.day + span });
    return {
      start: day,
      end,
      startsAt: instantOf(day, zone),
      endsAt: instantOf({ ...end, day: end.day + 1 }, zone),
    };
  }
  const length = instantOf(schedule.end, zone).getTime() - instantOf(schedule.start, zone).getTime();
  const startsAt = instantOf(start, zone);
  const endsAt = new Date(startsAt.getTime() + length);
  return { start, end: localTimeOf(endsAt, zone), startsAt, endsAt };
}

function afterUntil(schedule: Schedule, start: LocalTime): boolean {
  const until = schedule.until;
  if (until === undefined) return false;
  return daysBetween(until, start) > 0;
}

/** Occurrences in order, from the first that ends after `from` (or starts at it), lazily. */
export function* occurrencesFrom(schedule: Schedule, from: Date): Generator<Instance> {
  const { frequency, count } = schedule.repeat;
  if (frequency === 'none') {
    const only = instance(schedule, schedule.start);
    if (only.endsAt > from || only.startsAt >= from) yield only;
    return;
  }
  let n = 0;
  if ((frequency === 'daily' || frequency === 'weekly') && count === null) {
    // Skip whole periods before `from`; two spare ones absorb summer-time shifts and the length.
    const period = (frequency === 'daily' ? 1 : 7) * dayMs;
    const first = instance(schedule, schedule.start);
    const span = first.endsAt.getTime() - first.startsAt.getTime();
    n = Math.max(0, Math.floor((from.getTime() - first.startsAt.getTime() - span) / period) - 2);
  }
  let seen = 0;
  for (let step = 0; step < walkLimit; step += 1, n += 1) {
    const start = shifted(schedule.start, frequency, n);
    if (start === undefined) continue;
    if (afterUntil(schedule, start)) return;
    seen += 1;
    if (count !== null && seen > count) return;
    const next = instance(schedule, start);
    if (next.endsAt > from || next.startsAt >= from) yield next;
  }
}

/** Occurrences that start before `to` and end after `from` (or start at `from`). */
export function occurrencesBetween(schedule: Schedule, from: Date, to: Date): Instance[] {
  const out: Instance[] = [];
  for (const occurrence of occurrencesFrom(schedule, from)) {
    if (occurrence.startsAt >= to) break;
    out.push(occurrence);
  }
  return out;
}

/** The end of the last occurrence; null when the event repeats without end. */
export function seriesEnd(schedule: Schedule): Date | null {
  const { frequency, count } = schedule.repeat;
  if (frequency !== 'none' && count === null && schedule.until === undefined) return null;
  let last: Instance | undefined;
  for (const occurrence of occurrencesFrom(schedule, new Date(-8.64e15))) last = occurrence;
  return last?.endsAt ?? instance(schedule, schedule.start).endsAt;
}

/**
 * The earliest reminder instant after `after` (start minus an offset, in minutes) of an occurrence
 * that starts after `after`, and that occurrence's start; undefined when none is left.
 */
export function nextReminder(
  schedule: Schedule,
  offsets: readonly number[],
  after: Date,
): { readonly remindAt: Date; readonly remindFor: Date } | undefined {
  if (offsets.length === 0) return undefined;
  const widest = Math.max(...offsets) * 60_000;
  let best: { remindAt: Date; remindFor: Date } | undefined;
  for (const occurrence of occurrencesFrom(schedule, after)) {
    const start = occurrence.startsAt.getTime();
    if (best !== undefined && start - widest > best.remindAt.getTime()) break;
    if (start <= after.getTime()) continue;
    for (const offset of offsets) {
      const at = start - offset * 60_000;
      if (at > after.getTime() && (best === undefined || at < best.remindAt.getTime()))
        best = { remindAt: new Date(at), remindFor: occurrence.startsAt };
    }
  }
  return best;
}
