// Dates and sizes in the reader's locale, with cached Intl formatters.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format as Intl.DateTimeFormat;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format as Intl.NumberFormat;
}

/** List dates: the time today, day and month this year, the full date before. */
export function formatListDate(iso: string, locale: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) {
    return dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
  }
  if (date.getFullYear() === now.getFullYear()) {
    return dateFormat(locale, { day: 'numeric', month: 'short' }).format(date);
  }
  return dateFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** The reader's full date, with seconds: PEC times matter. */
export function formatFullDate(iso: string, locale: string): string {
  return dateFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }).format(new Date(iso));
}

const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** Sizes in 1024 steps with the locale's unit names (e.g. "12 kB", "1,5 MB"). */
export function formatSize(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: units[unit] ?? 'byte',
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

export function formatCount(count: number, locale: string): string {
  return numberFormat(locale, {}).format(count);
}
