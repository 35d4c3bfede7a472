/**
 * ContactChangeStore on SQL (SQLite or PostgreSQL), table `contact_changes` of
 * migrations/0030-notice-digests-sms.ts.
 */
import { sql } from 'kysely';
import type { ContactChangeStore, ContactKind } from '../../ports/contact-change-store.ts';
import type { SqlContext } from './sql-context.ts';

interface ContactChangeTable {
  mailbox_id: number;
  kind: string;
  new_value: string;
  code_hash: string;
  failed_tries: number;
  created_at: number;
}

export function createSqlContactChangeStore(ctx: SqlContext): ContactChangeStore {
  const db = ctx.db.withTables<{ contact_changes: ContactChangeTable }>();
  const where = (mailboxId: number, kind: ContactKind) =>
    db.updateTable('contact_changes').where('mailbox_id', '=', mailboxId).where('kind', '=', kind);
  return {
    async list(mailboxId) {
      const rows = await db
        .selectFrom('contact_changes')
        .select(['kind', 'new_value', 'created_at'])
        .where('mailbox_id', '=', mailboxId)
        .orderBy('kind')
        .execute();
      return rows.map((r) => ({
        kind: r.kind === 'mobile' ? 'mobile' : 'email',
        value: r.new_value,
        createdAt: new Date(r.created_at),
      }));
    },
    async start(mailboxId, kind, value, codeHash, at) {
      await db
        .insertInto('contact_changes')
        .values({
          mailbox_id: mailboxId,
          kind,
          new_value: value,
          code_hash: codeHash,
          failed_tries: 0,
          created_at: at.getTime(),
        })
        .onConflict((oc) =>
          oc.columns(['mailbox_id', 'kind']).doUpdateSet({
            new_value: value,
            code_hash: codeHash,
            failed_tries: 0,
            created_at: at.getTime(),
          }),
        )
        .execute();
    },
    async confirm(mailboxId, kind, codeHash, since, maxTries) {
      const row = await db
        .selectFrom('contact_changes')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      if (row === undefined || row.created_at < since.getTime()) return { outcome: 'unknown' };
      if (row.failed_tries >= maxTries) return { outcome: 'too-many-tries' };
      if (row.code_hash !== codeHash) {
        await where(mailboxId, kind)
          .set({ failed_tries: sql`failed_tries + 1` })
          .execute();
        return { outcome: 'wrong-code' };
      }
      const done = await db
        .deleteFrom('contact_changes')
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .where('code_hash', '=', codeHash)
        .where('failed_tries', '<', maxTries)
        .executeTakeFirst();
      return done.numDeletedRows > 0n
        ? { outcome: 'confirmed', value: row.new_value }
        : { outcome: 'unknown' };
    },
    async cancel(mailboxId, kind) {
      await db
        .deleteFrom('contact_changes')
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .execute();
    },
  };
}
