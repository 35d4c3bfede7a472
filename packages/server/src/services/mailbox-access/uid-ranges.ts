/**
 * Ascending UIDs as the storage port's inclusive ranges (ports/mailbox-store.ts `UidRange`), joining
 * consecutive runs so a command over a large set stays one short query per chunk.
 */
import type { UidRange } from '../../ports/mailbox-store.ts';

export function toUidRanges(uids: readonly number[]): UidRange[] {
  const ranges: { from: number; to: number }[] = [];
  for (const uid of uids) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && uid === last.to + 1) last.to = uid;
    else ranges.push({ from: uid, to: uid });
  }
  return ranges;
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
