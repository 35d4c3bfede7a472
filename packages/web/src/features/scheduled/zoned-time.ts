// Wall-clock times in the holder's time zone (Europe/Rome unless the browser is elsewhere and the
// holder picks its zone): a date and a time as typed there become one instant, with the zone's
// daylight-saving offset of that day, and instants are shown back in the zone.

export const defaultTimeZone = 'Europe/Rome';
/** The furthest ahead the server accepts (decision 0024); the picker says so before sending. */
export const maxAheadMs = 365 * 24 * 3_600_000;

/** The browser's zone, when it has one. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall clock at `instant` in `zone`. */
export function wallClockAt(instant: Date, zone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const w = wallClockAt(new Date(instant), zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - (instant - (instant % 60_000));
}

/** `2026-12-08` and `08:00` in `zone` as an instant; null when either does not parse. */
export function zonedInstant(date: string, time: string, zone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (d === null || t === null) return null;
  const guess = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // Twice: the offset of the guessed instant may differ from that of the answer across a DST change.
  const first = guess - offsetAt(guess, zone);
  return new Date(guess - offsetAt(first, zone));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The date and time fields for `instant` in `zone`. */
export function fieldsAt(instant: Date, zone: string): { date: string; time: string } {
  const w = wallClockAt(instant, zone);
  return { date: `${String(w.year)}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** Today plus `days` at `hour`:00 in `zone` (the quick choices). */
export function daysAheadAt(days: number, hour: number, zone: string, now = new Date()): Date {
  const w = wallClockAt(now, zone);
  const day = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  const date = `${String(day.getUTCFullYear())}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  return zonedInstant(date, `${pad(hour)}:00`, zone) ?? now;
}

/** Days from today to next Monday (1–7). */
export function daysToMonday(zone: string, now = new Date()): number {
  const w = wallClockAt(now, zone);
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return (8 - weekday) % 7 || 7;
}

/** The instant as the holder reads it, in their zone and language. */
export function formatInZone(instant: Date | string, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** Why `instant` cannot be the send time (past, over a year ahead), or null when it can. */
export function timeProblem(instant: Date, now = new Date()): 'past' | 'tooFar' | null {
  if (instant.getTime() <= now.getTime()) return 'past';
  return instant.getTime() > now.getTime() + maxAheadMs ? 'tooFar' : null;
}

/** The first and last day the date field offers, in `zone`. */
export function pickerBounds(zone: string, now = new Date()): { min: string; max: string } {
  return { min: fieldsAt(now, zone).date, max: fieldsAt(new Date(now.getTime() + maxAheadMs), zone).date };
}
