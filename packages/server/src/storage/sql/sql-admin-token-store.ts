/**
 * AdminTokenStore on SQL (SQLite or PostgreSQL), table `admin_api_tokens` of
 * migrations/0035-admin-tokens.ts: tokens keyed by their SHA-256, scopes space-separated.
 */
import type { AdminTokenRecord, AdminTokenStore } from '../../ports/admin-token-store.ts';
import { toDate, toMillis, type SqlContext } from './sql-context.ts';

export interface AdminTokenTable {
  id: number;
  token_hash: string;
  principal_id: number;
  name: string;
  scopes: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

function recordOf(row: AdminTokenTable): AdminTokenRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    principalId: row.principal_id,
    name: row.name,
    scopes: row.scopes === '' ? [] : row.scopes.split(' '),
    createdAt: new Date(row.created_at),
    expiresAt: toDate(row.expires_at),
    revokedAt: toDate(row.revoked_at),
    lastUsedAt: toDate(row.last_used_at),
  };
}

export function createSqlAdminTokenStore(ctx: SqlContext): AdminTokenStore {
  const db = ctx.db.withTables<{ admin_api_tokens: AdminTokenTable }>();
  return {
    async insert(token) {
      const row = await db
        .insertInto('admin_api_tokens')
        .values({
          token_hash: token.tokenHash,
          principal_id: token.principalId,
          name: token.name,
          scopes: token.scopes.join(' '),
          created_at: token.createdAt.getTime(),
          expires_at: toMillis(token.expiresAt),
          revoked_at: null,
          last_used_at: null,
        } as Omit<AdminTokenTable, 'id'> as AdminTokenTable)
        .returningAll()
        .executeTakeFirstOrThrow();
      return recordOf(row);
    },
    async findByHash(tokenHash) {
      const row = await db
        .selectFrom('admin_api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : recordOf(row);
    },
    async list(principalId) {
      const rows = await db
        .selectFrom('admin_api_tokens')
        .selectAll()
        .where('principal_id', '=', principalId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(recordOf);
    },
    async revoke(id, principalId, at) {
      const result = await db
        .updateTable('admin_api_tokens')
        .set({ revoked_at: at.getTime() })
        .where('id', '=', id)
        .where('principal_id', '=', principalId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async revokeAll(principalId, at) {
      const result = await db
        .updateTable('admin_api_tokens')
        .set({ revoked_at: at.getTime() })
        .where('principal_id', '=', principalId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async touch(id, at) {
      await db
        .updateTable('admin_api_tokens')
        .set({ last_used_at: at.getTime() })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at.getTime())]))
        .execute();
    },
  };
}
