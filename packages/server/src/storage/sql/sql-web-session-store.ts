/**
 * WebSessionStore on SQL (SQLite or PostgreSQL), table `web_sessions` of
 * migrations/0006-web-sessions.ts: one row per session, keyed by the token's SHA-256, so every
 * node sharing the storage serves every session.
 */
import type { WebSessionRecord, WebSessionStore } from '../../ports/web-session-store.ts';
import type { SqlContext } from './sql-context.ts';

export interface WebSessionTable {
  id_hash: string;
  mailbox_id: number;
  address: string;
  display_name: string;
  stay_signed_in: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_agent: string | null;
  remote_address: string;
  second_factor_pending: number;
}

function recordOf(row: WebSessionTable): WebSessionRecord {
  return {
    idHash: row.id_hash,
    mailboxId: row.mailbox_id,
    address: row.address,
    displayName: row.display_name,
    staySignedIn: row.stay_signed_in === 1,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    userAgent: row.user_agent,
    remoteAddress: row.remote_address,
    ...(row.second_factor_pending === 1 ? { secondFactorPending: true as const } : {}),
  };
}

export function createSqlWebSessionStore(ctx: SqlContext): WebSessionStore {
  const db = ctx.db.withTables<{ web_sessions: WebSessionTable }>();

  return {
    async insert(record) {
      await db
        .insertInto('web_sessions')
        .values({
          id_hash: record.idHash,
          mailbox_id: record.mailboxId,
          address: record.address,
          display_name: record.displayName,
          stay_signed_in: record.staySignedIn ? 1 : 0,
          created_at: record.createdAt.getTime(),
          last_seen_at: record.lastSeenAt.getTime(),
          expires_at: record.expiresAt.getTime(),
          user_agent: record.userAgent,
          remote_address: record.remoteAddress,
          second_factor_pending: record.secondFactorPending === true ? 1 : 0,
        })
        .execute();
    },

    async find(idHash) {
      const row = await db
        .selectFrom('web_sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row === undefined ? undefined : recordOf(row);
    },

    async touch(idHash, at) {
      await db
        .updateTable('web_sessions')
        .set({ last_seen_at: at.getTime() })
        .where('id_hash', '=', idHash)
        .where('last_seen_at', '<', at.getTime())
        .execute();
    },

    async remove(idHash) {
      await db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute();
    },

    async listForMailbox(mailboxId) {
      const rows = await db
        .selectFrom('web_sessions')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('created_at', 'desc')
        .orderBy('id_hash')
        .execute();
      return rows.map(recordOf);
    },

    async removeForMailbox(mailboxId, exceptIdHash) {
      let query = db.deleteFrom('web_sessions').where('mailbox_id', '=', mailboxId);
      if (exceptIdHash !== undefined) query = query.where('id_hash', '!=', exceptIdHash);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async purgeExpired(now, idleBefore) {
      const result = await db
        .deleteFrom('web_sessions')
        .where((eb) =>
          eb.or([
            eb('expires_at', '<=', now.getTime()),
            eb.and([eb('stay_signed_in', '=', 0), eb('last_seen_at', '<', idleBefore.getTime())]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
