/**
 * AdminTokenStore on SQL (SQLite or PostgreSQL), table `admin_api_tokens` of
 * migrations/0035-admin-tokens.ts: the shared token statements (sql-token-rows.ts) with an
 * administrative principal as owner.
 */
import type { AdminTokenStore } from '../../ports/admin-token-store.ts';
import type { SqlContext } from './sql-context.ts';
import { createSqlTokenRows, type SqlTokenColumns } from './sql-token-rows.ts';

export interface AdminTokenTable extends SqlTokenColumns {
  principal_id: number;
}

export function createSqlAdminTokenStore(ctx: SqlContext): AdminTokenStore {
  const rows = createSqlTokenRows<AdminTokenTable, { principalId: number }>(ctx, {
    table: 'admin_api_tokens',
    ownerColumn: 'principal_id',
    ownerColumnsOf: (owner) => ({ principal_id: owner.principalId }),
    ownerOf: (row) => ({ principalId: row.principal_id }),
  });
  return {
    insert: (token) => rows.insert(token),
    findByHash: (tokenHash) => rows.findByHash(tokenHash),
    list: (principalId) => rows.list(principalId),
    revoke: async (id, principalId, at) => (await rows.revoke(at, id, principalId)) > 0,
    revokeAll: (principalId, at) => rows.revoke(at, undefined, principalId),
    touch: (id, at) => rows.touch(id, at),
  };
}
