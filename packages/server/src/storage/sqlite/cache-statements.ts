/**
 * A statement cache in front of better-sqlite3 for Kysely's SQLite driver, which prepares every
 * query afresh (`db.prepare(sql)` per execution): compiling the SQL was 3–4 % of a provider's CPU
 * profile (docs/benchmarks.md, "Pipeline speed"). Kysely compiles the same query shape to the same
 * SQL text with `?` placeholders, so a cache keyed by the text hits for nearly every query.
 *
 * The cache is bounded (least recently used out first), because queries with `in (?, ?, …)` lists
 * produce one text per list length. A cached statement still iterating (a streamed SELECT whose
 * consumer runs the same query meanwhile) is `busy` and cannot be re-entered: a fresh one is
 * prepared for that call. SQLite re-prepares a statement by itself when the schema changes
 * (sqlite3_prepare_v3), so statements cached before a migration stay valid.
 */
import type { Database as BetterSqlite3Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Default number of distinct SQL texts kept prepared. */
export const defaultStatementCacheSize = 500;

export function cacheStatements(
  database: BetterSqlite3Database,
  capacity: number = defaultStatementCacheSize,
): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Moved to the end: the Map's insertion order is the recency order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached === undefined) {
        cache.set(sql, statement);
        if (cache.size > capacity) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}
