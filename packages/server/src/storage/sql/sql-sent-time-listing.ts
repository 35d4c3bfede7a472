/**
 * A folder's messages by RFC 5256 §2.2 sent time, one page at a time, from the `messages_sent`
 * index (migration 31): what the webmail's first page costs, whatever the folder's size. Rows stored
 * before migration 31 have no sent time; the first listing of their folder fills them in (the
 * `Date:` header needs core's parser, not SQL), in batches, and later listings find none.
 */
import { sentTime } from '@pec/core';
import type { MailboxStore, MessageEnvelope } from '../../ports/mailbox-store.ts';
import { toStoredMessage } from './mailbox-rows.ts';
import { atomically, parseJson, type SqlContext } from './sql-context.ts';

const fillBatch = 500;

export function createSqlSentTimeListing(ctx: SqlContext): Pick<MailboxStore, 'listMessagesBySentTime'> {
  const { db } = ctx;

  /** Gives every row of the folder without a sent time its value; idempotent, so nodes may race. */
  async function fillMissing(folderId: number): Promise<void> {
    for (;;) {
      const rows = await db
        .selectFrom('messages')
        .select(['uid', 'envelope', 'internal_date'])
        .where('folder_id', '=', folderId)
        .where('sent_at', 'is', null)
        .limit(fillBatch)
        .execute();
      if (rows.length === 0) return;
      await atomically(ctx, async (tx) => {
        for (const row of rows) {
          const envelope = parseJson<MessageEnvelope>(row.envelope);
          await tx
            .updateTable('messages')
            .set({ sent_at: sentTime(envelope.date, new Date(row.internal_date)) })
            .where('folder_id', '=', folderId)
            .where('uid', '=', row.uid)
            .execute();
        }
      });
      if (rows.length < fillBatch) return;
    }
  }

  return {
    async listMessagesBySentTime(folderId, page) {
      await fillMissing(folderId);
      const direction = page.descending ? 'desc' : 'asc';
      let select = db.selectFrom('messages').selectAll().where('folder_id', '=', folderId);
      const { after } = page;
      if (after !== undefined) {
        select = select.where((eb) =>
          eb.or([
            eb('sent_at', page.descending ? '<' : '>', after.sentTime),
            eb.and([eb('sent_at', '=', after.sentTime), eb('uid', '>', after.uid)]),
          ]),
        );
      }
      const rows = await select
        .orderBy('sent_at', direction)
        .orderBy('uid', 'asc')
        .limit(Math.max(0, page.limit))
        .offset(Math.max(0, page.offset ?? 0))
        .execute();
      return rows.map(toStoredMessage);
    },
  };
}
