/**
 * The calendar day of a `Date:` header in the zone it was written in (RFC 9051 §6.4.4: SENTBEFORE,
 * SENTON and SENTSINCE disregard time and time zone), as `yyyymmdd`. Null when the header is
 * missing or unreadable, in which case searches fall back to the internal date.
 */
import { parseMailDate } from '@pec/core';

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

export function sentDay(date: string | null): number | null {
  if (date === null || parseMailDate(date) === undefined) return null;
  const text = date.replace(/\([^()]*\)/g, ' ');
  const written = /(\d{1,2})\s*[-\s]\s*([a-z]{3})[a-z]*\.?\s*[-\s]\s*(\d{2,4})\s/i.exec(text);
  if (written !== null) {
    const month = months.indexOf((written[2] ?? '').toLowerCase()) + 1;
    if (month > 0) return fullYear(written[3] ?? '') * 10_000 + month * 100 + Number(written[1]);
  }
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return iso === null ? null : Number(iso[1]) * 10_000 + Number(iso[2]) * 100 + Number(iso[3]);
}
