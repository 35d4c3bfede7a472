/**
 * AuditTrail on SQL (SQLite or PostgreSQL), table `admin_audit` of migrations/0015-administration.ts:
 * appended, searched newest first by id with a cursor.
 */
import type { AuditEntry, AuditOutcome, AuditTrail } from '../../ports/audit-trail.ts';
import { sql, type SqlBool } from 'kysely';
import type { SqlContext } from './sql-context.ts';

export interface AdminAuditTable {
  id: number;
  at: number;
  actor: string;
  role: string;
  action: string;
  target: string | null;
  domain: string | null;
  outcome: string;
  detail: string | null;
  remote_address: string | null;
  user_agent: string | null;
}

function entryOf(row: AdminAuditTable): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at),
    actor: row.actor,
    role: row.role,
    action: row.action,
    target: row.target,
    domain: row.domain,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail,
    remoteAddress: row.remote_address,
    userAgent: row.user_agent,
  };
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createSqlAuditTrail(ctx: SqlContext): AuditTrail {
  const db = ctx.db.withTables<{ admin_audit: AdminAuditTable }>();
  return {
    async record(entry) {
      const row = await db
        .insertInto('admin_audit')
        .values({
          at: entry.at.getTime(),
          actor: entry.actor,
          role: entry.role,
          action: entry.action,
          target: entry.target,
          domain: entry.domain,
          outcome: entry.outcome,
          detail: entry.detail,
          remote_address: entry.remoteAddress,
          user_agent: entry.userAgent,
        } as Omit<AdminAuditTable, 'id'> as AdminAuditTable)
        .returningAll()
        .executeTakeFirstOrThrow();
      return entryOf(row);
    },

    async search(query) {
      let select = db.selectFrom('admin_audit').selectAll().orderBy('id', 'desc').limit(query.limit);
      if (query.before !== undefined) select = select.where('id', '<', query.before);
      if (query.actor !== undefined) select = select.where('actor', '=', query.actor.trim().toLowerCase());
      if (query.action !== undefined) select = select.where('action', '=', query.action);
      if (query.domain !== undefined) select = select.where('domain', '=', query.domain.trim().toLowerCase());
      if (query.outcome !== undefined) select = select.where('outcome', '=', query.outcome);
      if (query.from !== undefined) select = select.where('at', '>=', query.from.getTime());
      if (query.to !== undefined) select = select.where('at', '<', query.to.getTime());
      if (query.text !== undefined && query.text.trim() !== '') {
        const pattern = likePattern(query.text.trim());
        select = select.where((eb) =>
          eb.or(
            (['actor', 'action', 'target', 'detail'] as const).map(
              (column) => sql<SqlBool>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
            ),
          ),
        );
      }
      return (await select.execute()).map(entryOf);
    },
  };
}
