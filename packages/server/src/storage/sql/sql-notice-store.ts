/**
 * NoticeStore on SQL (SQLite or PostgreSQL), tables `notice_addresses` and `notice_hours` of
 * migrations/0023-new-pec-notices.ts.
 */
import { sql } from 'kysely';
import type { NoticeStore } from '../../ports/notice-store.ts';
import type { SqlContext } from './sql-context.ts';

interface NoticeAddressTable {
  mailbox_id: number;
  address: string;
  code_hash: string;
  failed_tries: number;
  created_at: number;
  verified_at: number | null;
}

interface QuotaNoticeLevelTable {
  mailbox_id: number;
  level: number;
  changed_at: number;
}

interface NoticeHourTable {
  mailbox_id: number;
  hour_start: number;
  sent: number;
  folded: number;
  flushed_at: number | null;
}

export function createSqlNoticeStore(ctx: SqlContext): NoticeStore {
  const db = ctx.db.withTables<{
    notice_addresses: NoticeAddressTable;
    notice_hours: NoticeHourTable;
    quota_notice_levels: QuotaNoticeLevelTable;
  }>();
  return {
    async list(mailboxId) {
      const rows = await db
        .selectFrom('notice_addresses')
        .select(['address', 'created_at', 'verified_at'])
        .where('mailbox_id', '=', mailboxId)
        .orderBy('created_at')
        .orderBy('address')
        .execute();
      return rows.map((row) => ({
        address: row.address,
        createdAt: new Date(row.created_at),
        verifiedAt: row.verified_at === null ? null : new Date(row.verified_at),
      }));
    },
    async addOrRecode(mailboxId, address, codeHash, at) {
      await db
        .insertInto('notice_addresses')
        .values({
          mailbox_id: mailboxId,
          address,
          code_hash: codeHash,
          failed_tries: 0,
          created_at: at.getTime(),
          verified_at: null,
        })
        .onConflict((oc) => oc.columns(['mailbox_id', 'address']).doNothing())
        .execute();
      const updated = await db
        .updateTable('notice_addresses')
        .set({ code_hash: codeHash, failed_tries: 0 })
        .where('mailbox_id', '=', mailboxId)
        .where('address', '=', address)
        .where('verified_at', 'is', null)
        .executeTakeFirst();
      return updated.numUpdatedRows > 0n;
    },
    async verify(mailboxId, address, codeHash, at, maxTries) {
      const row = await db
        .selectFrom('notice_addresses')
        .select(['code_hash', 'failed_tries', 'verified_at'])
        .where('mailbox_id', '=', mailboxId)
        .where('address', '=', address)
        .executeTakeFirst();
      if (row === undefined) return 'unknown';
      if (row.verified_at !== null) return 'verified';
      if (row.failed_tries >= maxTries) return 'too-many-tries';
      const where = db
        .updateTable('notice_addresses')
        .where('mailbox_id', '=', mailboxId)
        .where('address', '=', address)
        .where('verified_at', 'is', null);
      if (row.code_hash !== codeHash) {
        await where.set({ failed_tries: sql`failed_tries + 1` }).execute();
        return 'wrong-code';
      }
      const done = await where
        .set({ verified_at: at.getTime() })
        .where('failed_tries', '<', maxTries)
        .executeTakeFirst();
      return done.numUpdatedRows > 0n ? 'verified' : 'too-many-tries';
    },
    async remove(mailboxId, address) {
      const result = await db
        .deleteFrom('notice_addresses')
        .where('mailbox_id', '=', mailboxId)
        .where('address', '=', address)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async countNotice(mailboxId, hourStart, cap) {
      const hour = hourStart.getTime();
      await db
        .insertInto('notice_hours')
        .values({ mailbox_id: mailboxId, hour_start: hour, sent: 0, folded: 0, flushed_at: null })
        .onConflict((oc) => oc.columns(['mailbox_id', 'hour_start']).doNothing())
        .execute();
      const sent = await db
        .updateTable('notice_hours')
        .set({ sent: sql`sent + 1` })
        .where('mailbox_id', '=', mailboxId)
        .where('hour_start', '=', hour)
        .where('sent', '<', cap)
        .executeTakeFirst();
      if (sent.numUpdatedRows > 0n) return 'send';
      await db
        .updateTable('notice_hours')
        .set({ folded: sql`folded + 1` })
        .where('mailbox_id', '=', mailboxId)
        .where('hour_start', '=', hour)
        .execute();
      return 'folded';
    },
    async dueFolds(before) {
      const rows = await db
        .selectFrom('notice_hours')
        .select(['mailbox_id', 'hour_start', 'folded'])
        .where('hour_start', '<', before.getTime())
        .where('folded', '>', 0)
        .where('flushed_at', 'is', null)
        .orderBy('hour_start')
        .execute();
      return rows.map((row) => ({
        mailboxId: row.mailbox_id,
        hourStart: new Date(row.hour_start),
        folded: row.folded,
      }));
    },
    async markFlushed(mailboxId, hourStart, at) {
      const result = await db
        .updateTable('notice_hours')
        .set({ flushed_at: at.getTime() })
        .where('mailbox_id', '=', mailboxId)
        .where('hour_start', '=', hourStart.getTime())
        .where('flushed_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async quotaLevel(mailboxId) {
      const row = await db
        .selectFrom('quota_notice_levels')
        .select('level')
        .where('mailbox_id', '=', mailboxId)
        .executeTakeFirst();
      return row?.level ?? 0;
    },
    async setQuotaLevel(mailboxId, level, at) {
      await db
        .insertInto('quota_notice_levels')
        .values({ mailbox_id: mailboxId, level, changed_at: at.getTime() })
        .onConflict((oc) => oc.column('mailbox_id').doUpdateSet({ level, changed_at: at.getTime() }))
        .execute();
    },
  };
}
