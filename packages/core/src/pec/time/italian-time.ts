/**
 * Italian legal time (Europe/Rome) for daticert `<data>`, human-readable receipt text and
 * RFC 5322 `Date:` headers (pec-spec §4.3, §6.2). Deterministic: the EU summer-time rule is
 * computed directly (no Intl, no host time zone): CEST (+0200) from the last Sunday of March
 * 01:00 UTC up to, not including, the last Sunday of October 01:00 UTC; CET (+0100) otherwise.
 * The rule is applied to every year (it is the EU rule since 1996; older instants may differ).
 */
import type { ItalianDateTime } from '../daticert/daticert.ts';

const minuteMs = 60_000;
const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** Local calendar fields of an instant in Italian legal time. */
interface LocalFields {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly offsetMinutes: number;
}

/** UTC milliseconds of 01:00 UTC on the last Sunday of a 31-day month (March or October). */
function lastSundayOneAmUtc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex, 31));
  lastDay.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999.
  const lastSunday = 31 - lastDay.getUTCDay();
  const at = new Date(Date.UTC(year, monthIndex, lastSunday, 1));
  at.setUTCFullYear(year);
  return at.getTime();
}

function checkedTime(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('Italian time: invalid Date');
  return t;
}

/** Offset of Italian legal time from UTC at `instant`, in minutes: 60 (CET) or 120 (CEST). */
export function italianOffsetMinutes(instant: Date): number {
  const t = checkedTime(instant);
  const year = instant.getUTCFullYear();
  const summerStart = lastSundayOneAmUtc(year, 2);
  const summerEnd = lastSundayOneAmUtc(year, 9);
  return t >= summerStart && t < summerEnd ? 120 : 60;
}

function localFields(instant: Date): LocalFields {
  const offsetMinutes = italianOffsetMinutes(instant);
  const local = new Date(checkedTime(instant) + offsetMinutes * minuteMs);
  const year = local.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new RangeError(`Italian time: year ${year} cannot be written with four digits`);
  }
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    hours: local.getUTCHours(),
    minutes: local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
    offsetMinutes,
  };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** `+0100` / `+0200`: the offset as daticert `zona` and RFC 5322 write it (pec-spec §1.4, §4.3). */
function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

/**
 * The instant as daticert writes it: `giorno` dd/mm/yyyy, `ora` hh:mm:ss (milliseconds
 * truncated), `zona` +0100/+0200 (pec-spec §4.3). Throws RangeError for an invalid Date or a
 * local year outside 0–9999.
 */
export function toItalianDateTime(instant: Date): ItalianDateTime {
  const f = localFields(instant);
  return {
    day: `${pad(f.day, 2)}/${pad(f.month, 2)}/${pad(f.year, 4)}`,
    time: `${pad(f.hours, 2)}:${pad(f.minutes, 2)}:${pad(f.seconds, 2)}`,
    zone: formatOffset(f.offsetMinutes),
  };
}

/**
 * The human-readable time phrase of receipt texts, built from daticert date pieces so the text
 * and the XML show the same single time reference (pec-spec §6.2):
 * `Il giorno 05/12/2024 alle ore 00:02:10 (+0100)`. With `sentenceStart: false` the phrase
 * starts lower-case (`il giorno …`) for use inside a sentence.
 */
export function formatItalianHumanDateTime(
  dateTime: ItalianDateTime,
  options: { readonly sentenceStart?: boolean } = {},
): string {
  const lead = options.sentenceStart === false ? 'il giorno' : 'Il giorno';
  return `${lead} ${dateTime.day} alle ore ${dateTime.time} (${dateTime.zone})`;
}

/** `Il giorno dd/mm/yyyy alle ore hh:mm:ss (+0100)` for an instant (pec-spec §6.2). */
export function formatItalianHuman(
  instant: Date,
  options: { readonly sentenceStart?: boolean } = {},
): string {
  return formatItalianHumanDateTime(toItalianDateTime(instant), options);
}

/**
 * RFC 5322 §3.3 date-time in Italian legal time with its numeric offset, English day and month
 * names, day of month without a leading zero, as real PEC headers show it (pec-spec §3.1):
 * `Thu, 5 Dec 2024 00:02:10 +0100`.
 */
export function formatRfc5322Date(instant: Date): string {
  const f = localFields(instant);
  const weekday = weekdayNames[f.weekday] ?? '';
  const month = monthNames[f.month - 1] ?? '';
  const time = `${pad(f.hours, 2)}:${pad(f.minutes, 2)}:${pad(f.seconds, 2)}`;
  return `${weekday}, ${f.day} ${month} ${pad(f.year, 4)} ${time} ${formatOffset(f.offsetMinutes)}`;
}
