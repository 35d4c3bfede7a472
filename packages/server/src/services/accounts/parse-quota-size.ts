/**
 * Mailbox quota sizes as people write them: a number of bytes with an optional binary unit
 * (`500M`, `2G`, `1.5GiB`, `10K`, `1073741824`); units are powers of 1024. Also the inverse, for
 * listings.
 */

const units = ['', 'K', 'M', 'G', 'T'] as const;

/** Bytes for `value`, or undefined when it is not a positive size. */
export function parseQuotaSize(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*$/i.exec(value);
  if (match === null) return undefined;
  const [, amount = '', unit = ''] = match;
  const bytes = Math.round(
    Number(amount) * 1024 ** units.indexOf(unit.toUpperCase() as (typeof units)[number]),
  );
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** `bytes` in the largest unit that keeps at least one whole unit, e.g. `1.5G`, `500M`, `12K`, `800`. */
export function formatQuotaSize(bytes: number): string {
  let index = 0;
  let amount = bytes;
  while (index < units.length - 1 && Math.abs(amount) >= 1024) {
    amount /= 1024;
    index += 1;
  }
  const rounded = Math.round(amount * 10) / 10;
  return `${String(rounded)}${units[index] ?? ''}`;
}
