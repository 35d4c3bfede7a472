/**
 * VEVENT to and from the calendar's events (RFC 5545 §3.6.1). Export: UID, DTSTAMP, DTSTART and
 * DTEND with TZID (a VTIMEZONE per zone) or VALUE=DATE, SUMMARY, LOCATION, DESCRIPTION, RRULE and
 * one VALARM (DISPLAY, TRIGGER before the start) per reminder. Import reads the same and what other
 * programs write for it (UTC or floating times, DURATION, BYDAY equal to the start's weekday);
 * anything the calendar cannot keep (INTERVAL other than 1, EXDATE, RDATE, RECURRENCE-ID, other
 * BY rules) rejects the event, naming the property.
 */
import {
  defaultTimeZone,
  maxReminders,
  type EventFields,
  type EventRejection,
  type Frequency,
} from './calendar.ts';
import { escapeText, unescapeText, type Component, type ContentLine } from './ics-lines.ts';
import { renderVtimezone } from './vtimezone.ts';
import {
  formatLocal,
  formatLocalDate,
  instantOf,
  isKnownZone,
  localTimeOf,
  normalise,
  parseLocal,
  type LocalTime,
} from './wall-clock.ts';

const compact = (text: string): string => text.replace(/[-:]/g, '');
const utcStamp = (at: Date): string => `${compact(at.toISOString().slice(0, 19))}Z`;
const byDayNames = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export interface ExportedEvent extends EventFields {
  readonly uid: string;
  readonly updatedAt: Date;
}

function eventLines(event: ExportedEvent): string[] {
  const start = parseLocal(event.start);
  const end = parseLocal(event.end);
  if (start === undefined || end === undefined) return [];
  const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utcStamp(event.updatedAt)}`];
  if (event.allDay) {
    const after = normalise({ ...end, day: end.day + 1 });
    lines.push(`DTSTART;VALUE=DATE:${compact(formatLocalDate(start))}`);
    lines.push(`DTEND;VALUE=DATE:${compact(formatLocalDate(after))}`);
  } else {
    lines.push(`DTSTART;TZID=${event.timeZone}:${compact(event.start)}00`);
    lines.push(`DTEND;TZID=${event.timeZone}:${compact(event.end)}00`);
  }
  lines.push(`SUMMARY:${escapeText(event.title)}`);
  if (event.location !== '') lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.notes !== '') lines.push(`DESCRIPTION:${escapeText(event.notes)}`);
  const { frequency, until, count } = event.repeat;
  if (frequency !== 'none') {
    let rule = `RRULE:FREQ=${frequency.toUpperCase()}`;
    if (count !== null) rule += `;COUNT=${String(count)}`;
    const last = until === null ? undefined : parseLocal(until);
    if (last !== undefined)
      // §3.3.10: UNTIL is a DATE with a DATE start, else a UTC time (the end of the local day).
      rule += event.allDay
        ? `;UNTIL=${compact(formatLocalDate(last))}`
        : `;UNTIL=${utcStamp(new Date(instantOf({ ...last, minutes: 24 * 60 }, event.timeZone).getTime() - 1000))}`;
    lines.push(rule);
  }
  for (const minutes of event.reminders)
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(event.title)}`,
      `TRIGGER:-PT${String(minutes)}M`,
      'END:VALARM',
    );
  lines.push('END:VEVENT');
  return lines;
}

/** A whole VCALENDAR with a VTIMEZONE for every zone a timed event names. */
export function renderCalendar(events: readonly ExportedEvent[], productId: string): string[] {
  const zones = new Map<string, number>();
  for (const event of events)
    if (!event.allDay && !zones.has(event.timeZone))
      zones.set(event.timeZone, Number(event.start.slice(0, 4)));
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...[...zones].flatMap(([zone, year]) => renderVtimezone(zone, year)),
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
}

type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: EventRejection; readonly detail: string };
const fail = (
  reason: EventRejection,
  detail: string,
): { ok: false; reason: EventRejection; detail: string } => ({
  ok: false,
  reason,
  detail,
});

const dateTimePattern = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

/** A DATE or DATE-TIME (§3.3.4, §3.3.5) as a local time in `zone` (UTC and TZID times converted). */
function readTime(line: ContentLine, zone: string): Read<{ local: LocalTime; allDay: boolean }> {
  const match = dateTimePattern.exec(line.value.trim());
  if (match === null) return fail('bad-date', `${line.name}:${line.value}`);
  const [y, mo, d, h, mi, , z] = match.slice(1);
  const local = parseLocal(`${y ?? ''}-${mo ?? ''}-${d ?? ''}${h === undefined ? '' : `T${h}:${mi ?? ''}`}`);
  if (local === undefined) return fail('bad-date', `${line.name}:${line.value}`);
  if (h === undefined) return { ok: true, value: { local, allDay: true } };
  const tzid = line.params.get('TZID')?.replace(/^\//, '');
  if (z === 'Z') {
    const at = new Date(Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes));
    return { ok: true, value: { local: localTimeOf(at, zone), allDay: false } };
  }
  if (tzid !== undefined && tzid !== zone) {
    if (!isKnownZone(tzid)) return fail('unknown-time-zone', tzid);
    return { ok: true, value: { local: localTimeOf(instantOf(local, tzid), zone), allDay: false } };
  }
  return { ok: true, value: { local, allDay: false } };
}

const durationPattern = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** A DURATION (§3.3.6) in minutes, signed; undefined when malformed. */
export function durationMinutes(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  if (match === null || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [sign, w, d, h, m, s] = match.slice(1).map((v: string | undefined) => v ?? '0');
  const minutes =
    Number(w) * 7 * 1440 + Number(d) * 1440 + Number(h) * 60 + Number(m) + Math.floor(Number(s) / 60);
  return sign === '-' ? -minutes : minutes;
}

function readRule(value: string, start: LocalTime, zone: string): Read<EventFields['repeat']> {
  let frequency: Frequency | undefined;
  let until: string | null = null;
  let count: number | null = null;
  for (const part of value.split(';')) {
    const [key = '', val = ''] = part.split('=');
    const name = key.toUpperCase();
    if (name === 'FREQ') {
      const f = val.toLowerCase();
      if (f !== 'daily' && f !== 'weekly' && f !== 'monthly' && f !== 'yearly')
        return fail('unsupported-recurrence', part);
      frequency = f;
    } else if (name === 'INTERVAL') {
      if (val !== '1') return fail('unsupported-recurrence', part);
    } else if (name === 'COUNT') {
      if (!/^[1-9]\d{0,5}$/.test(val)) return fail('unsupported-recurrence', part);
      count = Number(val);
    } else if (name === 'UNTIL') {
      const read = readTime({ name: 'UNTIL', params: new Map(), value: val }, zone);
      if (!read.ok) return read;
      until = formatLocalDate(read.value.local);
    } else if (name === 'BYDAY') {
      const weekday = new Date(Date.UTC(start.year, start.month - 1, start.day)).getUTCDay();
      if (val.toUpperCase() !== byDayNames[weekday]) return fail('unsupported-recurrence', part);
    } else if (name === 'BYMONTHDAY') {
      if (Number(val) !== start.day) return fail('unsupported-recurrence', part);
    } else if (name === 'BYMONTH') {
      if (Number(val) !== start.month) return fail('unsupported-recurrence', part);
    } else if (name !== 'WKST') {
      return fail('unsupported-recurrence', part);
    }
  }
  if (frequency === undefined) return fail('unsupported-recurrence', value);
  return { ok: true, value: { frequency, until, count } };
}

const first = (component: Component, name: string): ContentLine | undefined =>
  component.properties.find((p) => p.name === name);

/** A VEVENT as the calendar's fields and UID, or why it cannot be kept. */
export function readVevent(event: Component): Read<{ uid: string | undefined; fields: EventFields }> {
  for (const name of ['RDATE', 'EXDATE', 'RECURRENCE-ID'])
    if (first(event, name) !== undefined) return fail('unsupported-recurrence', name);
  const dtstart = first(event, 'DTSTART');
  if (dtstart === undefined) return fail('no-start', 'DTSTART');
  const tzid = dtstart.params.get('TZID')?.replace(/^\//, '');
  if (tzid !== undefined && !isKnownZone(tzid)) return fail('unknown-time-zone', tzid);
  const zone = tzid ?? defaultTimeZone;
  const start = readTime(dtstart, zone);
  if (!start.ok) return start;
  const { allDay } = start.value;
  let end: LocalTime = start.value.local;
  const dtend = first(event, 'DTEND');
  const duration = first(event, 'DURATION');
  if (dtend !== undefined) {
    const read = readTime(dtend, zone);
    if (!read.ok) return read;
    end = read.value.local;
    // An all-day DTEND is the day after the last (§3.6.1).
    if (allDay) end = normalise({ ...end, day: end.day - 1 });
  } else if (duration !== undefined) {
    const minutes = durationMinutes(duration.value);
    if (minutes === undefined || minutes < 0) return fail('bad-date', `DURATION:${duration.value}`);
    end = allDay
      ? normalise({ ...end, day: end.day + Math.max(0, Math.ceil(minutes / 1440) - 1) })
      : localTimeOf(new Date(instantOf(end, zone).getTime() + minutes * 60_000), zone);
  }
  if (
    allDay &&
    (end.year < start.value.local.year || formatLocalDate(end) < formatLocalDate(start.value.local))
  )
    end = start.value.local;
  const rrule = first(event, 'RRULE');
  let repeat: EventFields['repeat'] = { frequency: 'none', until: null, count: null };
  if (rrule !== undefined) {
    const read = readRule(rrule.value, start.value.local, zone);
    if (!read.ok) return read;
    repeat = read.value;
  }
  const reminders: number[] = [];
  for (const alarm of event.components.filter((c) => c.name === 'VALARM')) {
    const trigger = first(alarm, 'TRIGGER');
    if (trigger === undefined || trigger.params.get('RELATED')?.toUpperCase() === 'END') continue;
    const minutes = durationMinutes(trigger.value);
    // Only alarms at or before the start become e-mail reminders.
    if (minutes !== undefined && minutes <= 0 && !reminders.includes(-minutes)) reminders.push(-minutes);
  }
  const text = (name: string): string => unescapeText(first(event, name)?.value ?? '').trim();
  return {
    ok: true,
    value: {
      uid: first(event, 'UID')?.value.trim() || undefined,
      fields: {
        title: text('SUMMARY'),
        location: text('LOCATION'),
        notes: text('DESCRIPTION'),
        allDay,
        start: formatLocal(start.value.local, allDay),
        end: formatLocal(end, allDay),
        timeZone: zone,
        repeat,
        reminders: reminders.slice(0, maxReminders),
      },
    },
  };
}
