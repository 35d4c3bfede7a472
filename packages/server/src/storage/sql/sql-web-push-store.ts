/**
 * WebPushStore on SQL (SQLite or PostgreSQL), tables `vapid_keys`, `push_subscriptions` and
 * `push_hours` of migrations/0026-passkeys-web-push.ts. The key pair is inserted only when absent
 * and then read back, so every node uses the first one stored.
 */
import { sql, type Generated } from 'kysely';
import type { PushSubscriptionRecord, WebPushStore } from '../../ports/web-push-store.ts';
import type { SqlContext } from './sql-context.ts';

interface SubscriptionRow {
  id: number;
  mailbox_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  session_id: string;
  device: string | null;
  created_at: number;
}

type WebPushTables = {
  vapid_keys: { id: number; public_key: string; private_key: string };
  push_subscriptions: Omit<SubscriptionRow, 'id'> & { id: Generated<number> };
  push_hours: { mailbox_id: number; hour_start: number; sent: number };
};

function subscription(row: SubscriptionRow): PushSubscriptionRecord {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    sessionId: row.session_id,
    device: row.device,
    createdAt: new Date(row.created_at),
  };
}

export function createSqlWebPushStore(ctx: SqlContext): WebPushStore {
  const db = ctx.db.withTables<WebPushTables>();
  return {
    async vapidKeys(candidate) {
      const read = () => db.selectFrom('vapid_keys').selectAll().where('id', '=', 1).executeTakeFirst();
      let row = await read();
      if (row === undefined) {
        const keys = candidate();
        await db
          .insertInto('vapid_keys')
          .values({ id: 1, public_key: keys.publicKey, private_key: keys.privateKey })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        row = await read();
      }
      if (row === undefined) throw new Error('the VAPID key pair could not be stored');
      return { publicKey: row.public_key, privateKey: row.private_key };
    },
    async subscribe(record) {
      const values = {
        mailbox_id: record.mailboxId,
        endpoint: record.endpoint,
        p256dh: record.p256dh,
        auth: record.auth,
        session_id: record.sessionId,
        device: record.device,
        created_at: record.createdAt.getTime(),
      };
      const row = await db
        .insertInto('push_subscriptions')
        .values(values)
        .onConflict((oc) => oc.column('endpoint').doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      return subscription(row);
    },
    async list(mailboxId) {
      const rows = await db
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('id')
        .execute();
      return rows.map(subscription);
    },
    async remove(mailboxId, id) {
      const result = await db
        .deleteFrom('push_subscriptions')
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async removeEndpoint(endpoint) {
      const result = await db
        .deleteFrom('push_subscriptions')
        .where('endpoint', '=', endpoint)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async removeForSession(sessionId) {
      const result = await db
        .deleteFrom('push_subscriptions')
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async countPush(mailboxId, hourStart, cap) {
      const hour = hourStart.getTime();
      await db
        .insertInto('push_hours')
        .values({ mailbox_id: mailboxId, hour_start: hour, sent: 0 })
        .onConflict((oc) => oc.columns(['mailbox_id', 'hour_start']).doNothing())
        .execute();
      const counted = await db
        .updateTable('push_hours')
        .set({ sent: sql`sent + 1` })
        .where('mailbox_id', '=', mailboxId)
        .where('hour_start', '=', hour)
        .where('sent', '<', cap)
        .executeTakeFirst();
      return counted.numUpdatedRows > 0n;
    },
  };
}
