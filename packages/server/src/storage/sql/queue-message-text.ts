/**
 * The filing half of the search-text queue (decision 0049): in the transaction that files a
 * message, queue its blob for the indexer (`message_text_pending`, migration 40) unless the blob
 * already has a text. On PostgreSQL (READ COMMITTED, several connections) the statement also takes
 * the row locks that keep concurrent transactions from undoing it before this one commits:
 * - the blob's text row, FOR KEY SHARE: deleting the blob's last other message (the trigger of
 *   migration 36 locks the text FOR UPDATE, then re-reads the messages) waits for this filing and
 *   then sees its message, so it keeps the text; a delete already under way makes this statement
 *   wait and find no text, so the blob is queued;
 * - the blob's existing marker, through ON CONFLICT DO UPDATE (which locks the conflicting row
 *   even when its WHERE is false, PostgreSQL manual, INSERT): an indexer's claim skips it (SKIP
 *   LOCKED) instead of dropping it for want of a message it cannot see yet, and a store of the
 *   text that found no message waits and hands the marker back (sql-message-text-index.ts `put`).
 * SQLite has one writer at a time: the plain statement has no concurrent transaction to fear.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export async function queueMessageText(
  tx: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  blobKey: string,
): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`insert into message_text_pending (blob_key)
      select ${blobKey} where not exists (select 1 from message_texts where blob_key = ${blobKey})
      on conflict (blob_key) do nothing`.execute(tx);
    return;
  }
  await sql`insert into message_text_pending (blob_key)
    select ${blobKey}
    where not exists (select 1 from message_texts where blob_key = ${blobKey} for key share)
    on conflict (blob_key) do update set claimed_until = excluded.claimed_until where false`.execute(tx);
}
