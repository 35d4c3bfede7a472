/**
 * MessageTrackingStore on SQL. A recipient event is one UPDATE that keeps the first time and
 * receipt of each event (COALESCE) and moves the status only forward by rank, so concurrent or
 * duplicated receipts cannot lose or rewind state (pec-spec §6.3: a final status closes tracking).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { RecipientKind } from '@pec/core';
import type {
  DeliveryEventRecord,
  DeliveryEventStatus,
  DeliveryStatus,
  MessageTrackingStore,
  TrackedMessage,
  TrackedRecipient,
} from '../../ports/message-tracking-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import type { Database, TrackedMessagesTable, TrackedRecipientsTable } from './schema.ts';
import { atomically, isUniqueViolation, type SqlContext } from './sql-context.ts';

/** Column prefix of each event in tracked_recipients. */
const eventColumns = {
  'taken-in-charge': 'taken_in_charge',
  'timeout-12h': 'timeout_12h',
  delivered: 'delivered',
  error: 'error',
  'timeout-24h': 'timeout_24h',
} as const satisfies Record<DeliveryEventStatus, string>;

const rank: Record<DeliveryStatus, number> = {
  accepted: 0,
  'taken-in-charge': 1,
  'timeout-12h': 2,
  delivered: 3,
  error: 3,
  'timeout-24h': 3,
};
const finalRank = 3;

export function createSqlMessageTrackingStore(ctx: SqlContext): MessageTrackingStore {
  const { db } = ctx;

  async function load(
    executor: Kysely<Database>,
    messages: readonly Selectable<TrackedMessagesTable>[],
  ): Promise<TrackedMessage[]> {
    if (messages.length === 0) return [];
    const recipients = await executor
      .selectFrom('tracked_recipients')
      .selectAll()
      .where(
        'message_id',
        'in',
        messages.map((message) => message.id),
      )
      .orderBy('message_id')
      .orderBy('ordinal')
      .execute();
    const byMessage = new Map<number, TrackedRecipient[]>();
    for (const row of recipients) {
      byMessage.set(row.message_id, [...(byMessage.get(row.message_id) ?? []), toRecipient(row)]);
    }
    return messages.map((message) => ({
      identifier: message.identifier,
      sender: message.sender,
      subject: message.subject,
      originalMsgid: message.original_msgid,
      acceptedAt: new Date(message.accepted_at),
      envelopeBlobKey: message.envelope_blob_key,
      recipients: byMessage.get(message.id) ?? [],
    }));
  }

  async function getOne(executor: Kysely<Database>, identifier: string): Promise<TrackedMessage | undefined> {
    const row = await executor
      .selectFrom('tracked_messages')
      .selectAll()
      .where('identifier', '=', identifier)
      .executeTakeFirst();
    return row === undefined ? undefined : (await load(executor, [row]))[0];
  }

  return {
    async track(message) {
      return atomically(ctx, async (tx) => {
        if ((await getOne(tx, message.identifier)) !== undefined) {
          throw new StorageError('conflict', `already tracking ${message.identifier}`);
        }
        const acceptedAt = message.acceptedAt.getTime();
        let inserted: { id: number };
        try {
          inserted = await tx
            .insertInto('tracked_messages')
            .values({
              identifier: message.identifier,
              sender: message.sender.toLowerCase(),
              subject: message.subject,
              original_msgid: message.originalMsgid,
              accepted_at: acceptedAt,
              envelope_blob_key: message.envelopeBlobKey ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
        } catch (error) {
          if (isUniqueViolation(error))
            throw new StorageError('conflict', `already tracking ${message.identifier}`);
          throw error;
        }
        const unique = new Map(message.recipients.map((r) => [r.address.toLowerCase(), r.kind]));
        const rows = [...unique].map(([address, kind], ordinal) => ({
          message_id: inserted.id,
          ordinal,
          address,
          kind,
          status: 'accepted',
          status_at: acceptedAt,
          is_final: 0,
        }));
        if (rows.length > 0) await tx.insertInto('tracked_recipients').values(rows).execute();
        const tracked = await getOne(tx, message.identifier);
        if (tracked === undefined) throw new Error('tracked message vanished inside its transaction');
        return tracked;
      });
    },

    async get(identifier) {
      return getOne(db, identifier);
    },

    async findByOriginalMsgid(originalMsgid) {
      const rows = await db
        .selectFrom('tracked_messages')
        .selectAll()
        .where('original_msgid', '=', originalMsgid)
        .orderBy('accepted_at')
        .orderBy('id')
        .execute();
      return load(db, rows);
    },

    async listBySender(sender, options = {}) {
      let select = db
        .selectFrom('tracked_messages')
        .selectAll()
        .where('sender', '=', sender.toLowerCase())
        .orderBy('accepted_at', 'desc')
        .orderBy('id', 'desc');
      if (options.since !== undefined) select = select.where('accepted_at', '>=', options.since.getTime());
      select = select.limit(options.limit ?? 1000).offset(options.offset ?? 0);
      return load(db, await select.execute());
    },

    async recordEvent(identifier, recipient, event) {
      const prefix = eventColumns[event.status];
      const at = event.at.getTime();
      const newRank = rank[event.status];
      return atomically(ctx, async (tx) => {
        const message = await tx
          .selectFrom('tracked_messages')
          .select('id')
          .where('identifier', '=', identifier)
          .executeTakeFirst();
        if (message === undefined) throw new StorageError('not-found', `not tracking ${identifier}`);
        const advances = sql<boolean>`(case status when 'accepted' then 0 when 'taken-in-charge' then 1
          when 'timeout-12h' then 2 else ${finalRank} end) < ${newRank}`;
        const row = await tx
          .updateTable('tracked_recipients')
          .set({
            [`${prefix}_at`]: sql`coalesce(${sql.ref(`${prefix}_at`)}, ${at})`,
            [`${prefix}_receipt`]: sql`case when ${sql.ref(`${prefix}_at`)} is null
              then ${event.receiptId ?? null} else ${sql.ref(`${prefix}_receipt`)} end`,
            [`${prefix}_detail`]: sql`case when ${sql.ref(`${prefix}_at`)} is null
              then ${event.detail ?? null} else ${sql.ref(`${prefix}_detail`)} end`,
            status: sql`case when ${advances} then ${event.status} else status end`,
            status_at: sql`case when ${advances} then ${at} else status_at end`,
            is_final: sql`case when ${advances} then ${newRank === finalRank ? 1 : 0} else is_final end`,
          })
          .where('message_id', '=', message.id)
          .where('address', '=', recipient.toLowerCase())
          .returningAll()
          .executeTakeFirst();
        if (row === undefined)
          throw new StorageError('not-found', `${recipient} is not a recipient of ${identifier}`);
        return toRecipient(row);
      });
    },

    async listOpen(options) {
      let select = db
        .selectFrom('tracked_messages')
        .selectAll()
        .where('accepted_at', '<', options.acceptedBefore.getTime());
      if (options.acceptedFrom !== undefined)
        select = select.where('accepted_at', '>=', options.acceptedFrom.getTime());
      const rows = await select
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('tracked_recipients')
              .select('message_id')
              .whereRef('tracked_recipients.message_id', '=', 'tracked_messages.id')
              .where('tracked_recipients.is_final', '=', 0),
          ),
        )
        .orderBy('accepted_at')
        .orderBy('id')
        .limit(options.limit ?? 1000)
        .execute();
      return load(db, rows);
    },

    async purge(acceptedBefore) {
      return atomically(ctx, async (tx) => {
        const old = tx
          .selectFrom('tracked_messages')
          .select('id')
          .where('accepted_at', '<', acceptedBefore.getTime());
        await tx.deleteFrom('tracked_recipients').where('message_id', 'in', old).execute();
        const result = await tx
          .deleteFrom('tracked_messages')
          .where('accepted_at', '<', acceptedBefore.getTime())
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
}

function toRecipient(row: Selectable<TrackedRecipientsTable>): TrackedRecipient {
  const events: Partial<Record<DeliveryEventStatus, DeliveryEventRecord>> = {};
  for (const [status, prefix] of Object.entries(eventColumns) as [DeliveryEventStatus, string][]) {
    const at = row[`${prefix}_at` as keyof TrackedRecipientsTable] as number | null;
    if (at === null) continue;
    events[status] = {
      at: new Date(at),
      receiptId: row[`${prefix}_receipt` as keyof TrackedRecipientsTable] as string | null,
      detail: row[`${prefix}_detail` as keyof TrackedRecipientsTable] as string | null,
    };
  }
  return {
    address: row.address,
    kind: row.kind as RecipientKind,
    status: row.status as DeliveryStatus,
    statusAt: new Date(row.status_at),
    events,
  };
}
