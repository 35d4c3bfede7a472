/**
 * `Date:` header values (RFC 5322 §3.3 and the obsolete forms of §4.3): optional day name, two- or
 * three-digit years, named zones (UT, GMT, US zones, military letters as -0000, plus the CET/CEST
 * seen in Italian traffic), optional seconds, trailing comments such as "(UTC)". Falls back to
 * ISO 8601. Returns undefined for anything it cannot read or an impossible calendar date.
 */

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Named zones in minutes east of UTC (RFC 5322 §4.3, plus Central European names). */
const namedZones: ReadonlyMap<string, number> = new Map([
  ['ut', 0],
  ['utc', 0],
  ['gmt', 0],
  ['z', 0],
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
  ['cet', 60],
  ['met', 60],
  ['cest', 120],
  ['mest', 120],
  ['bst', 60],
]);

function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 0; // No zone: read as UTC (RFC 5322 -0000).
  const numeric = /^(?:gmt|utc|ut)?([+-])(\d{2}):?(\d{2})$/i.exec(zone);
  if (numeric !== null) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    if (Number(numeric[3]) > 59) return undefined;
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const named = namedZones.get(zone.toLowerCase());
  if (named !== undefined) return named;
  if (/^[a-ik-z]$/i.test(zone)) return 0; // Military zones: meaning unreliable, §4.3 says -0000.
  return undefined;
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

function build(
  year: number,
  month: number,
  day: number,
  time: readonly [number, number, number],
  offset: number,
): Date | undefined {
  const [hour, minute, second] = time;
  if (month < 0 || month > 11 || day < 1 || day > 31) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  const check = new Date(utc);
  if (Number.isNaN(utc) || check.getUTCDate() !== day) return undefined;
  return new Date(utc - offset * 60_000);
}

const rfc5322 =
  /^(?:[a-z]+\s*,?\s*)?(\d{1,2})\s*[-\s]\s*([a-z]{3})[a-z]*\.?\s*[-\s]\s*(\d{2,4})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?\s*([+-]\d{2}:?\d{2}|[a-z]+(?:[+-]\d{2}:?\d{2})?)?$/i;
const iso8601 =
  /^(\d{4})-(\d{2})-(\d{2})[T\s](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(z|[+-]\d{2}:?\d{2})?$/i;

export function parseMailDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const text = value
    .slice(0, 200)
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const match = rfc5322.exec(text);
  if (match !== null) {
    const month = months.indexOf((match[2] ?? '').toLowerCase());
    const offset = zoneOffset(match[7]);
    if (offset === undefined) return undefined;
    const time = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)] as const;
    return build(fullYear(match[3] ?? ''), month, Number(match[1]), time, offset);
  }
  const iso = iso8601.exec(text);
  if (iso !== null) {
    const offset = zoneOffset(iso[7]);
    if (offset === undefined) return undefined;
    const time = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)] as const;
    return build(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), time, offset);
  }
  return undefined;
}
