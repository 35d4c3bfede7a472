/**
 * AccessLog on SQL (SQLite or PostgreSQL): the access history table of migrations/0002-access-log.ts.
 * Rows are only inserted and purged by age; listings are newest first. The table's Kysely shape is
 * declared here and added to the shared Database type with `withTables`.
 */
import type { ExpressionBuilder, Generated, Selectable } from 'kysely';
import {
  accessOutcomes,
  accessProtocols,
  type AccessLog,
  type AccessLogEntry,
  type AccessLogQuery,
  type AccessOutcome,
  type AccessProtocol,
} from '../../ports/access-log.ts';
import { StorageError } from '../../ports/storage-error.ts';
import type { Database } from './schema.ts';
import type { SqlContext } from './sql-context.ts';
import { monthsBefore } from './sql-legal-log.ts';

export interface AccessLogTable {
  id: Generated<number>;
  mailbox_id: number | null;
  address: string;
  at: number;
  protocol: string;
  remote_address: string;
  client_id: string | null;
  outcome: string;
}

type AccessLogDatabase = Database & { access_log: AccessLogTable };

const defaultLimit = 100;

export function createSqlAccessLog(ctx: SqlContext): AccessLog {
  const db = ctx.db.withTables<{ access_log: AccessLogTable }>();

  function filter(eb: ExpressionBuilder<AccessLogDatabase, 'access_log'>, query: AccessLogQuery) {
    const conditions = [];
    if (query.mailboxId !== undefined) conditions.push(eb('mailbox_id', '=', query.mailboxId));
    if (query.address !== undefined) conditions.push(eb('address', '=', query.address.toLowerCase()));
    if (query.protocol !== undefined) conditions.push(eb('protocol', '=', query.protocol));
    if (query.outcome !== undefined) conditions.push(eb('outcome', '=', query.outcome));
    if (query.since !== undefined) conditions.push(eb('at', '>=', query.since.getTime()));
    if (query.until !== undefined) conditions.push(eb('at', '<', query.until.getTime()));
    return eb.and(conditions);
  }

  return {
    async append(entry) {
      if (Number.isNaN(entry.at.getTime()))
        throw new StorageError('invalid', 'access log entry without a time');
      if (!accessProtocols.includes(entry.protocol)) {
        throw new StorageError('invalid', `unknown protocol ${entry.protocol}`);
      }
      if (!accessOutcomes.includes(entry.outcome)) {
        throw new StorageError('invalid', `unknown outcome ${entry.outcome}`);
      }
      const row = {
        mailbox_id: entry.mailboxId,
        address: entry.address.toLowerCase(),
        at: entry.at.getTime(),
        protocol: entry.protocol,
        remote_address: entry.remoteAddress,
        client_id: entry.clientId,
        outcome: entry.outcome,
      };
      const inserted = await db
        .insertInto('access_log')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      return toEntry({ ...row, id: inserted.id });
    },

    async list(query = {}) {
      const rows = await db
        .selectFrom('access_log')
        .selectAll()
        .where((eb) => filter(eb, query))
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit ?? defaultLimit)
        .offset(query.offset ?? 0)
        .execute();
      return rows.map(toEntry);
    },

    async count(query = {}) {
      const row = await db
        .selectFrom('access_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => filter(eb, query))
        .executeTakeFirstOrThrow();
      return row.n;
    },

    async purge(options) {
      const before = monthsBefore(options.now ?? ctx.clock.now(), options.olderThanMonths);
      const result = await db.deleteFrom('access_log').where('at', '<', before.getTime()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toEntry(row: Selectable<AccessLogTable>): AccessLogEntry {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    address: row.address,
    at: new Date(row.at),
    protocol: row.protocol as AccessProtocol,
    remoteAddress: row.remote_address,
    clientId: row.client_id,
    outcome: row.outcome as AccessOutcome,
  };
}
