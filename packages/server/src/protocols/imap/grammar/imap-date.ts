/**
 * IMAP dates (RFC 9051 §9 `date`, `date-time`; RFC 3501 §9): the `17-Jul-1996` search date and the
 * `17-Jul-1996 02:44:25 -0700` internal date. Parsers return null on anything malformed or impossible
 * (31-Feb); the formatter always writes the fixed-width form with a two-character day.
 */

/** A calendar date without time zone, as SEARCH BEFORE/ON/SINCE use it (RFC 9051 §6.4.4). */
export interface ImapDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

/** An instant plus the zone offset it was written with (APPEND date-time, INTERNALDATE). */
export interface ImapDateTime {
  readonly date: Date;
  /** East of UTC, in minutes (e.g. -420 for `-0700`). */
  readonly offsetMinutes: number;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthNumber(text: string): number {
  const lower = text.toLowerCase();
  return months.findIndex((m) => m.toLowerCase() === lower) + 1;
}

/** Date.UTC without its two-digit-year quirk (years 0–99 would become 1900–1999). */
function utcTime(year: number, monthIndex: number, day: number, h = 0, m = 0, s = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(h, m, s, 0);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcTime(year, month, 0)).getUTCDate();
}

/** Parses `d-Mon-yyyy` / `dd-Mon-yyyy`, optionally in double quotes. */
export function parseImapDate(text: string): ImapDate | null {
  const match = /^"?(\d{1,2})-([A-Za-z]{3})-(\d{4})"?$/.exec(text);
  if (match === null || text.startsWith('"') !== text.endsWith('"') || text === '"') return null;
  const day = Number(match[1]);
  const month = monthNumber(match[2] ?? '');
  const year = Number(match[3]);
  if (month === 0 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Parses `dd-Mon-yyyy hh:mm:ss +zzzz` (day may be space-padded or one digit), optionally quoted. */
export function parseImapDateTime(text: string): ImapDateTime | null {
  const unquoted = text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
  const match = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(
    unquoted,
  );
  if (match === null) return null;
  const [, d, mon, y, hh, mm, ss, sign, zh, zm] = match;
  const day = Number(d);
  const month = monthNumber(mon ?? '');
  const year = Number(y);
  const hour = Number(hh);
  const minute = Number(mm);
  const second = Number(ss);
  const zoneMinutes = Number(zh) * 60 + Number(zm);
  if (month === 0 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60 || Number(zm) > 59) return null;
  const offsetMinutes = sign === '-' ? -zoneMinutes : zoneMinutes;
  const utc = utcTime(year, month - 1, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000;
  return { date: new Date(utc), offsetMinutes };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Formats `date-time` without quotes: `17-Jul-1996 02:44:25 -0700`, the day space-padded
 * (RFC 9051 `date-day-fixed`), in the zone `offsetMinutes` east of UTC.
 */
export function formatImapDateTime(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const day = String(local.getUTCDate()).padStart(2, ' ');
  const month = months[local.getUTCMonth()] ?? 'Jan';
  const year = String(local.getUTCFullYear()).padStart(4, '0');
  const time = `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}`;
  const abs = Math.abs(offsetMinutes);
  const zone = `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
  return `${day}-${month}-${year} ${time} ${zone}`;
}

/** Formats a search date `1-Feb-1994` (used when echoing or logging search keys). */
export function formatImapDate(date: ImapDate): string {
  return `${date.day}-${months[date.month - 1] ?? 'Jan'}-${String(date.year).padStart(4, '0')}`;
}
