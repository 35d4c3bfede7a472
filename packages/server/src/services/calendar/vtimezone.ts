/**
 * A VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone, derived from the runtime's zone data: the
 * offsets of `year` and, when the zone keeps summer time, its two yearly changes as RRULEs
 * (`BYMONTH`, `BYDAY` n-th or last weekday), so that every TZID the export names is defined in
 * the file as §3.2.19 requires.
 */
import { localTimeOf } from './wall-clock.ts';

const hourMs = 3_600_000;
const days = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** Minutes the zone is ahead of UTC at `at`. */
function offsetAt(zone: string, at: number): number {
  const local = localTimeOf(new Date(at), zone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  return Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The change of offset within (low, high]: the first minute with the new offset. */
function changeBetween(zone: string, low: number, high: number): number {
  const before = offsetAt(zone, low);
  let lo = low;
  let hi = high;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function observance(zone: string, at: number): string[] {
  const from = offsetAt(zone, at - 60_000);
  const to = offsetAt(zone, at);
  // The wall-clock time the change happens at, in the offset before it.
  const wall = new Date(at + from * 60_000);
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  const weekday = wall.getUTCDay();
  const monthLength = new Date(Date.UTC(wall.getUTCFullYear(), month, 0)).getUTCDate();
  const nth = day + 7 > monthLength ? -1 : Math.ceil(day / 7);
  // The same rule's first day in 1970, the observance's DTSTART.
  let first = new Date(Date.UTC(1970, month - 1, nth === -1 ? monthLength : 1));
  while (first.getUTCDay() !== weekday)
    first = new Date(first.getTime() + (nth === -1 ? -1 : 1) * 24 * hourMs);
  if (nth > 1) first = new Date(first.getTime() + (nth - 1) * 7 * 24 * hourMs);
  const hhmm = `${String(wall.getUTCHours()).padStart(2, '0')}${String(wall.getUTCMinutes()).padStart(2, '0')}00`;
  const date = `1970${String(month).padStart(2, '0')}${String(first.getUTCDate()).padStart(2, '0')}`;
  const kind = to > from ? 'DAYLIGHT' : 'STANDARD';
  return [
    `BEGIN:${kind}`,
    `DTSTART:${date}T${hhmm}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    `RRULE:FREQ=YEARLY;BYMONTH=${String(month)};BYDAY=${String(nth)}${days[weekday] ?? 'SU'}`,
    `END:${kind}`,
  ];
}

export function renderVtimezone(zone: string, year: number): string[] {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const changes: number[] = [];
  let previous = start;
  for (let at = start + 24 * hourMs; at <= end; at += 24 * hourMs) {
    if (offsetAt(zone, at) !== offsetAt(zone, previous)) changes.push(changeBetween(zone, previous, at));
    previous = at;
  }
  const body =
    changes.length === 2
      ? changes.flatMap((at) => observance(zone, at))
      : [
          'BEGIN:STANDARD',
          'DTSTART:19700101T000000',
          `TZOFFSETFROM:${formatOffset(offsetAt(zone, end))}`,
          `TZOFFSETTO:${formatOffset(offsetAt(zone, end))}`,
          'END:STANDARD',
        ];
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...body, 'END:VTIMEZONE'];
}
