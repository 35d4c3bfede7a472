/**
 * LoginThrottleStore on SQL (SQLite or PostgreSQL), table `login_throttle` of
 * migrations/0004-shared-state.ts: one row per key. An increment is one upsert per key, atomic on
 * both engines, so failures counted at once on several nodes are all kept; the newer of the stored
 * and the given time wins, so a node whose clock lags cannot shorten a delay.
 */
import { sql } from 'kysely';
import type { LoginThrottleCounter, LoginThrottleStore } from '../../ports/login-throttle-store.ts';
import type { SqlContext } from './sql-context.ts';

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_at: number;
}

export function createSqlLoginThrottleStore(ctx: SqlContext): LoginThrottleStore {
  const db = ctx.db.withTables<{ login_throttle: LoginThrottleTable }>();

  return {
    async read(keys) {
      const found = new Map<string, LoginThrottleCounter>();
      if (keys.length === 0) return found;
      const rows = await db
        .selectFrom('login_throttle')
        .selectAll()
        .where('key', 'in', [...keys])
        .execute();
      for (const row of rows) {
        found.set(row.key, { failures: row.failures, lastAt: new Date(row.last_at) });
      }
      return found;
    },

    async increment(keys, at, restartBefore) {
      const now = at.getTime();
      const restart = restartBefore.getTime();
      // Sorted, so that two nodes updating the same keys lock them in the same order.
      for (const key of [...new Set(keys)].sort()) {
        await db
          .insertInto('login_throttle')
          .values({ key, failures: 1, last_at: now })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              failures: sql<number>`case when login_throttle.last_at < ${restart} then 1 else login_throttle.failures + 1 end`,
              last_at: sql<number>`case when login_throttle.last_at > ${now} then login_throttle.last_at else ${now} end`,
            }),
          )
          .execute();
      }
    },

    async remove(keys) {
      if (keys.length === 0) return;
      await db
        .deleteFrom('login_throttle')
        .where('key', 'in', [...keys])
        .execute();
    },

    async purge(before) {
      const result = await db
        .deleteFrom('login_throttle')
        .where('last_at', '<', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
