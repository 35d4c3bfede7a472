/**
 * Wall-clock times in an IANA zone (decision 0040): an event's start is a local date and time in
 * its zone, so a weekly meeting at 09:00 in Rome stays at 09:00 across summer time. Converts
 * between local `YYYY-MM-DD[THH:MM]` texts and instants with Intl, no zone database of our own.
 */

export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export function localTimeOf(at: Date, zone: string): LocalTime {
  const parts = formatter(zone).formatToParts(at);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    minutes: part('hour') * 60 + part('minute'),
  };
}

/** The instant at which local `year-month-day` (day may overflow) reads `minutes` in `zone`. */
export function instantOf(local: LocalTime, zone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  let guess = wall;
  // Two rounds settle the zone's offset, also next to a summer-time change.
  for (let round = 0; round < 2; round += 1) {
    const shown = localTimeOf(new Date(guess), zone);
    guess += wall - Date.UTC(shown.year, shown.month - 1, shown.day, 0, shown.minutes);
  }
  return new Date(guess);
}

const pattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/** Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`; undefined when it is not a real date and time. */
export function parseLocal(text: string): LocalTime | undefined {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = match
    .slice(1)
    .map((v: string | undefined) => (v === undefined ? 0 : Number(v)));
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) return undefined;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59) return undefined;
  return { year, month, day, minutes: (hour ?? 0) * 60 + (minute ?? 0) };
}

/** Normalises overflowing days and months (e.g. day 32) into a real date. */
export function normalise(local: LocalTime): LocalTime {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    minutes: date.getUTCHours() * 60 + date.getUTCMinutes(),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

export function formatLocalDate(local: LocalTime): string {
  return `${String(local.year).padStart(4, '0')}-${two(local.month)}-${two(local.day)}`;
}

export function formatLocal(local: LocalTime, allDay: boolean): string {
  const date = formatLocalDate(local);
  return allDay ? date : `${date}T${two(Math.floor(local.minutes / 60))}:${two(local.minutes % 60)}`;
}

/** Whole days from `a` to `b` (dates only). */
export function daysBetween(a: LocalTime, b: LocalTime): number {
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}
