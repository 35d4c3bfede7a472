/**
 * Migration 31: each message's RFC 5256 §2.2 sent time (the `Date:` header, else the internal date)
 * as a column with an index, so the first page of a folder sorted by date is one indexed query
 * instead of a sort of every message. Rows stored before this migration keep it NULL; parsing a
 * `Date:` header is not SQL, so the store fills a folder's NULLs the first time it is listed by date
 * (sql-sent-time-listing.ts).
 */
import type { Migration } from './migration.ts';

export const messageSentTimes: Migration = {
  version: 31,
  name: 'message-sent-times',
  statements: () => [
    `alter table messages add column sent_at bigint`,
    `create index messages_sent on messages (folder_id, sent_at, uid)`,
  ],
};
