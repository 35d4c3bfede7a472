/**
 * Calendar-month arithmetic for retention periods, in UTC: the same day and time N months later, or
 * the last day of the target month when it has no such day (31 August + 30 months = 28 February),
 * as Italian law counts terms in months (codice civile art. 2963).
 */

export function addCalendarMonths(date: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError('months must be an integer');
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return result;
}
