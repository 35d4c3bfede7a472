/**
 * ApiTokenStore on SQL (SQLite or PostgreSQL), table `api_tokens` of
 * migrations/0014-integration.ts: the shared token statements (sql-token-rows.ts) with a mailbox
 * (its id and address) as owner.
 */
import type { ApiTokenStore } from '../../ports/api-token-store.ts';
import type { SqlContext } from './sql-context.ts';
import { createSqlTokenRows, type SqlTokenColumns } from './sql-token-rows.ts';

export interface ApiTokenTable extends SqlTokenColumns {
  mailbox_id: number;
  address: string;
}

export function createSqlApiTokenStore(ctx: SqlContext): ApiTokenStore {
  const rows = createSqlTokenRows<ApiTokenTable, { mailboxId: number; address: string }>(ctx, {
    table: 'api_tokens',
    ownerColumn: 'mailbox_id',
    ownerColumnsOf: (owner) => ({ mailbox_id: owner.mailboxId, address: owner.address }),
    ownerOf: (row) => ({ mailboxId: row.mailbox_id, address: row.address }),
  });
  return {
    insert: (token) => rows.insert(token),
    findByHash: (tokenHash) => rows.findByHash(tokenHash),
    list: (mailboxId) => rows.list(mailboxId),
    revoke: async (id, at, mailboxId) => (await rows.revoke(at, id, mailboxId)) > 0,
    touch: (id, at) => rows.touch(id, at),
  };
}
