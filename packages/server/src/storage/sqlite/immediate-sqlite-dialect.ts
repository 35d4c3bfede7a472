/**
 * Kysely's SQLite dialect with transactions opened by `BEGIN IMMEDIATE`: the write lock is taken at
 * the start (waiting up to busy_timeout when another process holds it) instead of at the first
 * write, where a stale WAL snapshot would fail with SQLITE_BUSY instead of waiting.
 */
import {
  CompiledQuery,
  SqliteDialect,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type SqliteDialectConfig,
} from 'kysely';

export class ImmediateSqliteDialect implements Dialect {
  readonly #inner: SqliteDialect;

  constructor(config: SqliteDialectConfig) {
    this.#inner = new SqliteDialect(config);
  }

  createDriver(): Driver {
    const inner = this.#inner.createDriver();
    return {
      init: () => inner.init(),
      acquireConnection: () => inner.acquireConnection(),
      beginTransaction: async (connection: DatabaseConnection) => {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      },
      commitTransaction: (connection) => inner.commitTransaction(connection),
      rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
      releaseConnection: (connection) => inner.releaseConnection(connection),
      destroy: () => inner.destroy(),
    };
  }

  createQueryCompiler(): QueryCompiler {
    return this.#inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return this.#inner.createAdapter();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Dialect signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.#inner.createIntrospector(db);
  }
}
