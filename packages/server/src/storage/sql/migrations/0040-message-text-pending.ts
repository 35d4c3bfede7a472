/**
 * Migration 40: texts indexed at delivery (decision 0049). `message_text_pending` holds one marker
 * per filed blob without text, written in the filing transaction and drained in batches by the
 * message-text indexer (claimed with a lease, so several nodes share the work). `message_texts`
 * gains `addresses_regular`: 1 when every letter-and-digit run of the folded From, To and Cc texts
 * of the stored envelope is in the folded header text, so FROM/TO/CC needles may narrow by the
 * header column; texts indexed before this column existed are dropped and queued again, as the
 * flag is unknown for them.
 */
import type { Migration } from './migration.ts';

export const messageTextPending: Migration = {
  version: 40,
  name: 'message-text-pending',
  statements: () => [
    `create table message_text_pending (
      blob_key text primary key,
      claimed_until bigint not null default 0)`,
    `create index message_text_pending_due on message_text_pending (claimed_until)`,
    `delete from message_texts`,
    `alter table message_texts add column addresses_regular integer not null default 0`,
    // The few texts whose address runs are not all in the header column: candidates of every
    // FROM/TO/CC search of their folder.
    `create index message_texts_irregular on message_texts (id) where addresses_regular = 0`,
    `insert into message_text_pending (blob_key) select distinct blob_key from messages`,
  ],
};
