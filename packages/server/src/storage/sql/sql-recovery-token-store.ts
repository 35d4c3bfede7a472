/**
 * RecoveryTokenStore on SQL (SQLite or PostgreSQL), table `recovery_tokens` of
 * migrations/0020-self-service.ts.
 */
import type { RecoveryTokenRecord, RecoveryTokenStore } from '../../ports/recovery-token-store.ts';
import { toDate, type SqlContext } from './sql-context.ts';

export interface RecoveryTokenTable {
  token_hash: string;
  mailbox_id: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

function recordOf(row: RecoveryTokenTable): RecoveryTokenRecord {
  return {
    tokenHash: row.token_hash,
    mailboxId: row.mailbox_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    usedAt: toDate(row.used_at),
  };
}

export function createSqlRecoveryTokenStore(ctx: SqlContext): RecoveryTokenStore {
  const db = ctx.db.withTables<{ recovery_tokens: RecoveryTokenTable }>();
  return {
    async insert(record) {
      await db
        .insertInto('recovery_tokens')
        .values({
          token_hash: record.tokenHash,
          mailbox_id: record.mailboxId,
          created_at: record.createdAt.getTime(),
          expires_at: record.expiresAt.getTime(),
          used_at: null,
        })
        .execute();
    },
    async find(tokenHash) {
      const row = await db
        .selectFrom('recovery_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : recordOf(row);
    },
    async spend(tokenHash, at) {
      const row = await db
        .updateTable('recovery_tokens')
        .set({ used_at: at.getTime() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at.getTime())
        .returning('mailbox_id')
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const mailboxId = row.mailbox_id;
      // The other links of the box die with this one: one reset per request.
      await db
        .updateTable('recovery_tokens')
        .set({ used_at: at.getTime() })
        .where('mailbox_id', '=', mailboxId)
        .where('used_at', 'is', null)
        .execute();
      return mailboxId;
    },
    async purge(before) {
      const result = await db
        .deleteFrom('recovery_tokens')
        .where('expires_at', '<', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
