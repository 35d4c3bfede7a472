/**
 * ApiTokenStore on SQL (SQLite or PostgreSQL), table `api_tokens` of
 * migrations/0014-integration.ts: tokens keyed by their SHA-256, scopes space-separated.
 */
import type { ApiTokenRecord, ApiTokenStore } from '../../ports/api-token-store.ts';
import { toDate, toMillis, type SqlContext } from './sql-context.ts';

export interface ApiTokenTable {
  id: number;
  token_hash: string;
  mailbox_id: number;
  address: string;
  name: string;
  scopes: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

function recordOf(row: ApiTokenTable): ApiTokenRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    mailboxId: row.mailbox_id,
    address: row.address,
    name: row.name,
    scopes: row.scopes === '' ? [] : row.scopes.split(' '),
    createdAt: new Date(row.created_at),
    expiresAt: toDate(row.expires_at),
    revokedAt: toDate(row.revoked_at),
    lastUsedAt: toDate(row.last_used_at),
  };
}

export function createSqlApiTokenStore(ctx: SqlContext): ApiTokenStore {
  const db = ctx.db.withTables<{ api_tokens: ApiTokenTable }>();
  return {
    async insert(token) {
      const row = await db
        .insertInto('api_tokens')
        .values({
          token_hash: token.tokenHash,
          mailbox_id: token.mailboxId,
          address: token.address,
          name: token.name,
          scopes: token.scopes.join(' '),
          created_at: token.createdAt.getTime(),
          expires_at: toMillis(token.expiresAt),
          revoked_at: null,
          last_used_at: null,
        } as Omit<ApiTokenTable, 'id'> as ApiTokenTable)
        .returningAll()
        .executeTakeFirstOrThrow();
      return recordOf(row);
    },
    async findByHash(tokenHash) {
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : recordOf(row);
    },
    async list(mailboxId) {
      let query = db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc');
      if (mailboxId !== undefined) query = query.where('mailbox_id', '=', mailboxId);
      return (await query.execute()).map(recordOf);
    },
    async revoke(id, at, mailboxId) {
      let query = db
        .updateTable('api_tokens')
        .set({ revoked_at: at.getTime() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null);
      if (mailboxId !== undefined) query = query.where('mailbox_id', '=', mailboxId);
      const result = await query.executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async touch(id, at) {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: at.getTime() })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at.getTime())]))
        .execute();
    },
  };
}
