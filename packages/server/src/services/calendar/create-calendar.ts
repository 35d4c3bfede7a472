/**
 * The calendar service over its store (decision 0040): validates events, keeps each as one JSON
 * document with the columns the store queries on (first start, end of series, next reminder),
 * expands recurrences for a range, and reads and writes iCalendar. An event imported again (same
 * UID) replaces the one kept. The next reminder is always one after the time of the change, so an
 * edit never sends a reminder for a moment already past.
 */
import { randomUUID } from 'node:crypto';
import type { CalendarEventRow, CalendarStore, StoredCalendarEvent } from '../../ports/calendar-store.ts';
import type { Clock } from '../../ports/clock.ts';
import {
  defaultTimeZone,
  frequencies,
  maxCount,
  maxEvents,
  maxLocationLength,
  maxNotesLength,
  maxReminderMinutes,
  maxReminders,
  maxTitleLength,
  type CalendarEvent,
  type CalendarService,
  type EventFields,
  type EventProblem,
  type Occurrence,
  type RejectedEvent,
  type SaveOutcome,
} from './calendar.ts';
import { readVevent, renderCalendar } from './ics-event.ts';
import { parseIcs, renderLines } from './ics-lines.ts';
import { nextReminder, occurrencesBetween, seriesEnd, type Schedule } from './occurrences.ts';
import { formatLocal, instantOf, isKnownZone, parseLocal } from './wall-clock.ts';

export interface CalendarDependencies {
  readonly store: CalendarStore;
  readonly clock: Clock;
  /** PRODID of exported files (RFC 5545 §3.7.3). */
  readonly productId: string;
}

type Checked =
  | { readonly ok: true; readonly fields: EventFields; readonly schedule: Schedule }
  | { readonly ok: false; readonly problem: EventProblem };

const timedPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Trims the texts, sorts the reminders, and checks every limit of calendar.ts. */
export function checkEvent(input: EventFields): Checked {
  const title = input.title.trim();
  if (title === '' || title.length > maxTitleLength) return { ok: false, problem: 'title' };
  const location = input.location.trim();
  if (location.length > maxLocationLength) return { ok: false, problem: 'location' };
  const notes = input.notes.trim();
  if (notes.length > maxNotesLength) return { ok: false, problem: 'notes' };
  const timeZone = input.timeZone.trim() === '' ? defaultTimeZone : input.timeZone.trim();
  if (!isKnownZone(timeZone)) return { ok: false, problem: 'time-zone' };
  const shape = input.allDay ? datePattern : timedPattern;
  const start = shape.test(input.start) ? parseLocal(input.start) : undefined;
  if (start === undefined) return { ok: false, problem: 'start' };
  const end = shape.test(input.end) ? parseLocal(input.end) : undefined;
  if (end === undefined) return { ok: false, problem: 'end' };
  const before = input.allDay
    ? input.end < input.start
    : instantOf(end, timeZone) < instantOf(start, timeZone);
  if (before) return { ok: false, problem: 'end-before-start' };
  const { frequency, count } = input.repeat;
  const until = input.repeat.until === null ? undefined : parseLocal(input.repeat.until);
  if (
    !frequencies.includes(frequency) ||
    (input.repeat.until !== null &&
      (until === undefined ||
        !datePattern.test(input.repeat.until) ||
        input.repeat.until < input.start.slice(0, 10))) ||
    (count !== null && (!Number.isInteger(count) || count < 1 || count > maxCount)) ||
    (count !== null && until !== undefined)
  )
    return { ok: false, problem: 'repeat' };
  const reminders = [...new Set(input.reminders)].sort((a, b) => a - b);
  if (
    reminders.length > maxReminders ||
    reminders.some((m) => !Number.isInteger(m) || m < 0 || m > maxReminderMinutes)
  )
    return { ok: false, problem: 'reminder' };
  const repeat =
    frequency === 'none'
      ? { frequency, until: null, count: null }
      : { frequency, until: input.repeat.until, count };
  const fields: EventFields = {
    title,
    location,
    notes,
    allDay: input.allDay,
    start: input.start,
    end: input.end,
    timeZone,
    repeat,
    reminders,
  };
  return { ok: true, fields, schedule: { allDay: input.allDay, start, end, timeZone, repeat, until } };
}

/** The stored document read leniently: an older or damaged row never breaks the calendar. */
export function eventOf(stored: StoredCalendarEvent): CalendarEvent {
  const raw = JSON.parse(stored.details) as Partial<EventFields>;
  return {
    id: stored.id,
    uid: stored.uid,
    updatedAt: stored.updatedAt,
    title: raw.title ?? '',
    location: raw.location ?? '',
    notes: raw.notes ?? '',
    allDay: raw.allDay ?? false,
    start: raw.start ?? '',
    end: raw.end ?? raw.start ?? '',
    timeZone: raw.timeZone ?? defaultTimeZone,
    repeat: raw.repeat ?? { frequency: 'none', until: null, count: null },
    reminders: raw.reminders ?? [],
  };
}

/** The schedule of a stored event; undefined when its document no longer fits. */
export function scheduleOf(event: CalendarEvent): Schedule | undefined {
  const checked = checkEvent(event);
  return checked.ok ? checked.schedule : undefined;
}

function rowOf(uid: string, fields: EventFields, schedule: Schedule, now: Date): CalendarEventRow {
  const first = occurrencesBetween(schedule, new Date(-8.64e15), new Date(8.64e15))[0];
  const next = nextReminder(schedule, fields.reminders, now);
  return {
    uid,
    details: JSON.stringify(fields),
    startsAt: first?.startsAt ?? instantOf(schedule.start, schedule.timeZone),
    seriesEnd: seriesEnd(schedule),
    remindAt: next?.remindAt ?? null,
    remindFor: next?.remindFor ?? null,
  };
}

export function createCalendar(deps: CalendarDependencies): CalendarService {
  const { store, clock } = deps;

  async function save(
    mailboxId: number,
    id: number | undefined,
    input: EventFields,
    uid?: string,
  ): Promise<SaveOutcome> {
    const checked = checkEvent(input);
    if (!checked.ok) return { kind: 'invalid', problem: checked.problem };
    const now = clock.now();
    if (id === undefined) {
      if ((await store.count(mailboxId)) >= maxEvents) return { kind: 'invalid', problem: 'calendar-full' };
      const created = await store.create(
        mailboxId,
        rowOf(uid ?? randomUUID(), checked.fields, checked.schedule, now),
        now,
      );
      return { kind: 'saved', event: eventOf(created) };
    }
    const existing = await store.get(mailboxId, id);
    if (existing === undefined) return { kind: 'not-found' };
    await store.update(mailboxId, id, rowOf(existing.uid, checked.fields, checked.schedule, now), now);
    const saved = await store.get(mailboxId, id);
    return saved === undefined ? { kind: 'not-found' } : { kind: 'saved', event: eventOf(saved) };
  }

  return {
    async occurrences(mailboxId, from, to) {
      const events = (await store.list(mailboxId, from, to)).map(eventOf);
      const occurrences: Occurrence[] = [];
      for (const event of events) {
        const schedule = scheduleOf(event);
        if (schedule === undefined) continue;
        for (const o of occurrencesBetween(schedule, from, to))
          occurrences.push({
            eventId: event.id,
            start: formatLocal(o.start, event.allDay),
            end: formatLocal(o.end, event.allDay),
            startsAt: o.startsAt,
            endsAt: o.endsAt,
          });
      }
      occurrences.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.eventId - b.eventId);
      return { events, occurrences };
    },
    async get(mailboxId, id) {
      const stored = await store.get(mailboxId, id);
      return stored === undefined ? undefined : eventOf(stored);
    },
    create: (mailboxId, fields) => save(mailboxId, undefined, fields),
    update: (mailboxId, id, fields) => save(mailboxId, id, fields),
    remove: (mailboxId, id) => store.remove(mailboxId, id),
    async exportIcs(mailboxId, id) {
      let stored: StoredCalendarEvent[];
      if (id === undefined) stored = await store.listAll(mailboxId);
      else {
        const one = await store.get(mailboxId, id);
        if (one === undefined) return undefined;
        stored = [one];
      }
      return renderLines(renderCalendar(stored.map(eventOf), deps.productId));
    },
    async importIcs(mailboxId, text) {
      const parsed = parseIcs(text);
      if (!parsed.ok) return { kind: 'not-icalendar', line: parsed.line, reason: parsed.reason };
      const vevents = parsed.calendars.flatMap((c) => c.components.filter((e) => e.name === 'VEVENT'));
      if (vevents.length === 0)
        return { kind: 'not-icalendar', line: 1, reason: 'no VEVENT in the calendar' };
      const rejected: RejectedEvent[] = [];
      let imported = 0;
      for (const [index, vevent] of vevents.entries()) {
        const title = vevent.properties.find((p) => p.name === 'SUMMARY')?.value ?? null;
        const read = readVevent(vevent);
        if (!read.ok) {
          rejected.push({ event: index + 1, title, reason: read.reason, detail: read.detail });
          continue;
        }
        const uid = read.value.uid;
        const existing = uid === undefined ? undefined : await store.findByUid(mailboxId, uid);
        const outcome = await save(mailboxId, existing?.id, read.value.fields, uid);
        if (outcome.kind === 'saved') imported += 1;
        else
          rejected.push({
            event: index + 1,
            title,
            reason: outcome.kind === 'invalid' ? outcome.problem : 'start',
          });
      }
      return { kind: 'imported', imported, rejected };
    },
  };
}
