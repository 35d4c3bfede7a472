/**
 * Local times of day in a holder's time zone (decision 0036): the digests' due times and the
 * quiet hours are wall-clock `HH:MM` in an IANA zone, so they follow summer time.
 */

export const timeOfDay = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly minutes: number;
}

function localParts(at: Date, zone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    minutes: part('hour') * 60 + part('minute'),
  };
}

const minutesOf = (time: string): number => {
  const match = timeOfDay.exec(time);
  return match === null ? 0 : Number(match[1]) * 60 + Number(match[2]);
};

/** Whether `zone` is an IANA time zone this runtime knows. */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The instant at which the local date `year-month-day` (day may overflow) reads `minutes` in `zone`. */
function zonedInstant(year: number, month: number, day: number, minutes: number, zone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let guess = wall;
  // Two rounds settle the zone's offset, also next to a summer-time change.
  for (let round = 0; round < 2; round += 1) {
    const local = localParts(new Date(guess), zone);
    const shown = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** The local calendar day of `at` in `zone`, `YYYY-MM-DD`. */
export function localDay(at: Date, zone: string): string {
  const { year, month, day } = localParts(at, zone);
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The latest of today's or yesterday's `times` (local) not after `now`; undefined without times. */
export function latestDueTime(times: readonly string[], zone: string, now: Date): Date | undefined {
  const today = localParts(now, zone);
  let latest: Date | undefined;
  for (const offset of [0, -1])
    for (const time of times) {
      const due = zonedInstant(today.year, today.month, today.day + offset, minutesOf(time), zone);
      if (due.getTime() <= now.getTime() && (latest === undefined || due > latest)) latest = due;
    }
  return latest;
}

/**
 * When the quiet hours `start`–`end` (local, possibly across midnight) hold at `now`, the instant
 * they end; undefined outside them or when none are set.
 */
export function quietUntil(
  start: string | null,
  end: string | null,
  zone: string,
  now: Date,
): Date | undefined {
  if (start === null || end === null || start === end) return undefined;
  const local = localParts(now, zone);
  const from = minutesOf(start);
  const to = minutesOf(end);
  const inside =
    from < to ? local.minutes >= from && local.minutes < to : local.minutes >= from || local.minutes < to;
  if (!inside) return undefined;
  const endsTomorrow = from > to && local.minutes >= from;
  return zonedInstant(local.year, local.month, local.day + (endsTomorrow ? 1 : 0), to, zone);
}
