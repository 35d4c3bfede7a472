/**
 * Calendar days of the log register in Italian legal time (pec-spec §6.2: the provider's time
 * reference): `YYYY-MM-DD`, the instant a day starts and ends, and the day of an instant.
 */
import { italianOffsetMinutes, toItalianDateTime } from '@pec/core';

const dayMs = 24 * 60 * 60 * 1000;
const minuteMs = 60 * 1000;

/** The Italian calendar day of `instant`, `YYYY-MM-DD`. */
export function italianDayOf(instant: Date): string {
  const [day, month, year] = toItalianDateTime(instant).day.split('/');
  return `${year ?? ''}-${month ?? ''}-${day ?? ''}`;
}

/** The instant Italian midnight starts `day` (DST changes at 02:00/03:00, so midnight is unambiguous). */
export function italianDayStart(day: string): Date {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(day);
  if (match === null) throw new RangeError(`not a day: ${day}`);
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(utcMidnight - italianOffsetMinutes(new Date(utcMidnight)) * minuteMs);
}

/** The end of `day` (exclusive): the start of the next one. */
export function italianDayEnd(day: string): Date {
  const start = italianDayStart(day);
  // Noon of the next day is always inside it, whatever the DST change.
  return italianDayStart(italianDayOf(new Date(start.getTime() + dayMs + 12 * 60 * minuteMs)));
}

/** The day before `day`. */
export function previousItalianDay(day: string): string {
  return italianDayOf(new Date(italianDayStart(day).getTime() - 12 * 60 * minuteMs));
}
