/**
 * SmsOutboxStore on SQL (SQLite or PostgreSQL), tables `sms_outbox` and `sms_days` of
 * migrations/0030-notice-digests-sms.ts.
 */
import { sql } from 'kysely';
import type { SmsOutboxStore } from '../../ports/sms-outbox-store.ts';
import type { SqlContext } from './sql-context.ts';

interface SmsOutboxTable {
  id: string;
  mailbox_id: number;
  recipient: string;
  body: string;
  not_before: number;
  created_at: number;
  claimed_at: number | null;
  sent_at: number | null;
  attempts: number;
  problem: string | null;
  given_up: number;
}

interface SmsDayTable {
  mailbox_id: number;
  day: string;
  sent: number;
}

export function createSqlSmsOutboxStore(ctx: SqlContext): SmsOutboxStore {
  const db = ctx.db.withTables<{ sms_outbox: SmsOutboxTable; sms_days: SmsDayTable }>();
  const queued = (r: SmsOutboxTable) => ({
    id: r.id,
    mailboxId: r.mailbox_id,
    to: r.recipient,
    text: r.body,
    notBefore: new Date(r.not_before),
  });
  return {
    async enqueue(sms, at) {
      await db
        .insertInto('sms_outbox')
        .values({
          id: sms.id,
          mailbox_id: sms.mailboxId,
          recipient: sms.to,
          body: sms.text,
          not_before: sms.notBefore.getTime(),
          created_at: at.getTime(),
          claimed_at: null,
          sent_at: null,
          attempts: 0,
          problem: null,
          given_up: 0,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    async countDay(mailboxId, day, cap) {
      await db
        .insertInto('sms_days')
        .values({ mailbox_id: mailboxId, day, sent: 0 })
        .onConflict((oc) => oc.columns(['mailbox_id', 'day']).doNothing())
        .execute();
      const result = await db
        .updateTable('sms_days')
        .set({ sent: sql`sent + 1` })
        .where('mailbox_id', '=', mailboxId)
        .where('day', '=', day)
        .where('sent', '<', cap)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async due(now, staleBefore, limit) {
      const rows = await db
        .selectFrom('sms_outbox')
        .selectAll()
        .where('sent_at', 'is', null)
        .where('given_up', '=', 0)
        .where('not_before', '<=', now.getTime())
        .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', staleBefore.getTime())]))
        .orderBy('not_before')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(queued);
    },
    async claim(id, now, staleBefore) {
      const result = await db
        .updateTable('sms_outbox')
        .set({ claimed_at: now.getTime(), attempts: sql`attempts + 1` })
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .where('given_up', '=', 0)
        .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', staleBefore.getTime())]))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async finish(id, outcome) {
      if ('sentAt' in outcome) {
        await db
          .updateTable('sms_outbox')
          .set({ sent_at: outcome.sentAt.getTime(), problem: null })
          .where('id', '=', id)
          .execute();
        return;
      }
      await db
        .updateTable('sms_outbox')
        .set(
          outcome.retryAt === null
            ? { problem: outcome.problem, given_up: 1 }
            : { problem: outcome.problem, claimed_at: null, not_before: outcome.retryAt.getTime() },
        )
        .where('id', '=', id)
        .execute();
    },
    async listForMailbox(mailboxId) {
      const rows = await db
        .selectFrom('sms_outbox')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r) => ({
        ...queued(r),
        sentAt: r.sent_at === null ? null : new Date(r.sent_at),
        attempts: r.attempts,
        problem: r.problem,
      }));
    },
  };
}
