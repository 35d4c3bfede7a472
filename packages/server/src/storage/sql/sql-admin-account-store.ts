/**
 * AdminAccountStore on SQL (SQLite or PostgreSQL): `admin_principals.disabled_at` and the table
 * `admin_recovery_tokens` of migrations/0035-admin-tokens.ts.
 */
import type { AdminAccountStore, AdminRecoveryTokenRecord } from '../../ports/admin-account-store.ts';
import { toDate, type SqlContext } from './sql-context.ts';

export interface AdminRecoveryTokenTable {
  token_hash: string;
  principal_id: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

type Tables = {
  admin_recovery_tokens: AdminRecoveryTokenTable;
  admin_principals: { id: number; disabled_at: number | null };
};

function recordOf(row: AdminRecoveryTokenTable): AdminRecoveryTokenRecord {
  return {
    tokenHash: row.token_hash,
    principalId: row.principal_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    usedAt: toDate(row.used_at),
  };
}

export function createSqlAdminAccountStore(ctx: SqlContext): AdminAccountStore {
  const db = ctx.db.withTables<Tables>();
  return {
    async setDisabled(principalId, at) {
      const result = await db
        .updateTable('admin_principals')
        .set({ disabled_at: at === null ? null : at.getTime() })
        .where('id', '=', principalId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async insertRecoveryToken(record) {
      await db
        .insertInto('admin_recovery_tokens')
        .values({
          token_hash: record.tokenHash,
          principal_id: record.principalId,
          created_at: record.createdAt.getTime(),
          expires_at: record.expiresAt.getTime(),
          used_at: null,
        })
        .execute();
    },
    async findRecoveryToken(tokenHash) {
      const row = await db
        .selectFrom('admin_recovery_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : recordOf(row);
    },
    async spendRecoveryToken(tokenHash, at) {
      const row = await db
        .updateTable('admin_recovery_tokens')
        .set({ used_at: at.getTime() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at.getTime())
        .returning('principal_id')
        .executeTakeFirst();
      if (row === undefined) return undefined;
      // The principal's other links die with this one: one reset per request.
      await db
        .updateTable('admin_recovery_tokens')
        .set({ used_at: at.getTime() })
        .where('principal_id', '=', row.principal_id)
        .where('used_at', 'is', null)
        .execute();
      return row.principal_id;
    },
    async purgeRecoveryTokens(before) {
      const result = await db
        .deleteFrom('admin_recovery_tokens')
        .where('expires_at', '<', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
