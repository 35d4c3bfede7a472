/**
 * SignInNetworkStore on SQL (SQLite or PostgreSQL), tables `sign_in_networks` and
 * `access_network_refusals` of migrations/0020-self-service.ts.
 */
import type { SignInNetworkStore } from '../../ports/sign-in-network-store.ts';
import { atomically, isUniqueViolation, type SqlContext } from './sql-context.ts';

interface SignInNetworkTable {
  mailbox_id: number;
  cidr: string;
  /** The holder's order. */
  position: number;
  created_at: number;
}

interface AccessNetworkRefusalTable {
  access_log_id: number;
}

export function createSqlSignInNetworkStore(ctx: SqlContext): SignInNetworkStore {
  const db = ctx.db.withTables<{
    sign_in_networks: SignInNetworkTable;
    access_network_refusals: AccessNetworkRefusalTable;
  }>();
  return {
    async list(mailboxId) {
      const rows = await db
        .selectFrom('sign_in_networks')
        .select('cidr')
        .where('mailbox_id', '=', mailboxId)
        .orderBy('position')
        .execute();
      return rows.map((row) => row.cidr);
    },
    async replace(mailboxId, cidrs, at) {
      await atomically(ctx, async (trx) => {
        const tx = trx.withTables<{ sign_in_networks: SignInNetworkTable }>();
        await tx.deleteFrom('sign_in_networks').where('mailbox_id', '=', mailboxId).execute();
        const unique = [...new Set(cidrs)];
        if (unique.length === 0) return;
        await tx
          .insertInto('sign_in_networks')
          .values(
            unique.map((cidr, position) => ({
              mailbox_id: mailboxId,
              cidr,
              position,
              created_at: at.getTime(),
            })),
          )
          .execute();
      });
    },
    async markRefused(accessLogId) {
      try {
        await db.insertInto('access_network_refusals').values({ access_log_id: accessLogId }).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },
    async refusedAccesses(accessLogIds) {
      if (accessLogIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('access_network_refusals')
        .select('access_log_id')
        .where('access_log_id', 'in', [...accessLogIds])
        .execute();
      return new Set(rows.map((row) => row.access_log_id));
    },
  };
}
