/**
 * RFC 5256 §2.2 sent date of a message in milliseconds: its `Date:` header when it can be read,
 * else its internal date. What SORT (DATE) and THREAD order by, and what the stores index so that a
 * page of a folder by date is one indexed query.
 */
import { parseMailDate } from './parse-mail-date.ts';

export function sentTime(dateHeader: string | null | undefined, internalDate: Date): number {
  return (parseMailDate(dateHeader ?? undefined) ?? internalDate).getTime();
}
