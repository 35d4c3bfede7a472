/**
 * Kysely's SQLite dialect with transactions opened by `BEGIN IMMEDIATE`: the write lock is taken at
 * the start (waiting up to busy_timeout when another process holds it) instead of at the first
 * write, where a stale WAL snapshot would fail with SQLITE_BUSY instead of waiting.
 *
 * With a `groupCommit` (decision 0044), every commit of a transaction that wrote, and every writing
 * statement outside one, notes a write (a transaction that only read notes none, decision 0061), and
 * every unit of work gives the connection back first and then awaits `durable()` before its caller
 * resumes: the next unit runs while the fsync is pending, and the
 * commits made meanwhile share the next fsync. So a commit is still durable when it returns, and no
 * caller acts on data (even data it only read) that is not yet on disk; with nothing pending,
 * `durable()` resolves at once.
 */
import {
  CompiledQuery,
  RawNode,
  SelectQueryNode,
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
import type { GroupCommit } from '../group-commit.ts';

export interface ImmediateSqliteDialectConfig extends SqliteDialectConfig {
  /** Makes the writes durable after the connection is released; without it, commits are trusted. */
  readonly groupCommit?: GroupCommit;
}

export class ImmediateSqliteDialect implements Dialect {
  readonly #inner: SqliteDialect;
  readonly #groupCommit: GroupCommit | undefined;
  /** The one SQLite driver (one connection, one mutex) under both Kysely handles, and its start. */
  #shared: Driver | undefined;
  #sharedInit: Promise<void> | undefined;

  constructor(config: ImmediateSqliteDialectConfig) {
    const { groupCommit, ...sqlite } = config;
    this.#inner = new SqliteDialect(sqlite);
    this.#groupCommit = groupCommit;
  }

  createDriver(): Driver {
    return this.#driver(true);
  }

  /**
   * A dialect for a second Kysely handle over the same connection whose units of work return once
   * committed, before their fsync (Storage.deferDurability, decision 0053). Their writes are still
   * noted, so the next unit that does wait (any unit on the first handle) covers them: the WAL is
   * synced as a whole, in commit order. A separate handle rather than a flag carried by
   * AsyncLocalStorage, whose promise hooks every promise of the process paid for (decision 0065).
   * The first handle owns the connection: destroying this one closes nothing.
   */
  withoutDurableWait(): Dialect {
    return {
      createDriver: () => this.#driver(false),
      createQueryCompiler: () => this.createQueryCompiler(),
      createAdapter: () => this.createAdapter(),
      createIntrospector: (db) => this.createIntrospector(db),
    };
  }

  #driver(waits: boolean): Driver {
    const inner = (this.#shared ??= this.#inner.createDriver());
    const groupCommit = this.#groupCommit;
    if (groupCommit === undefined) {
      return {
        init: () => (this.#sharedInit ??= inner.init()),
        acquireConnection: () => inner.acquireConnection(),
        beginTransaction: (connection) => beginImmediate(connection),
        commitTransaction: (connection) => inner.commitTransaction(connection),
        rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
        releaseConnection: (connection) => inner.releaseConnection(connection),
        destroy: () => (waits ? inner.destroy() : Promise.resolve()),
      };
    }
    /** The connection under each wrapper handed to Kysely, and whether its open transaction wrote. */
    const units = new WeakMap<
      DatabaseConnection,
      { readonly raw: DatabaseConnection; open: boolean; wrote: boolean }
    >();
    const unitOf = (connection: DatabaseConnection) => {
      const unit = units.get(connection);
      if (unit === undefined) throw new Error('connection not acquired through this dialect');
      return unit;
    };
    return {
      init: () => (this.#sharedInit ??= inner.init()),
      acquireConnection: async () => {
        const raw = await inner.acquireConnection();
        const unit = { raw, open: false, wrote: false };
        // A write inside a transaction is noted at its COMMIT (a sync started before the commit
        // cannot cover it); one outside a transaction commits by itself and is noted at once. A
        // transaction that only read notes nothing, so it starts no fsync (an empty outbox claim).
        const noting: DatabaseConnection = {
          executeQuery: async <R>(query: CompiledQuery) => {
            const result = await raw.executeQuery<R>(query);
            if (mayWrite(query)) {
              if (unit.open) unit.wrote = true;
              else groupCommit.noteWrite();
            }
            return result;
          },
          streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => raw.streamQuery<R>(query, chunkSize),
        };
        units.set(noting, unit);
        return noting;
      },
      beginTransaction: async (connection) => {
        const unit = unitOf(connection);
        await beginImmediate(unit.raw);
        unit.open = true;
        unit.wrote = false;
      },
      commitTransaction: async (connection) => {
        const unit = unitOf(connection);
        await inner.commitTransaction(unit.raw);
        unit.open = false;
        if (unit.wrote) groupCommit.noteWrite();
      },
      rollbackTransaction: async (connection) => {
        const unit = unitOf(connection);
        unit.open = false;
        await inner.rollbackTransaction(unit.raw);
      },
      releaseConnection: async (connection) => {
        await inner.releaseConnection(unitOf(connection).raw);
        if (waits) await groupCommit.durable();
      },
      destroy: () => (waits ? inner.destroy() : Promise.resolve()),
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

async function beginImmediate(connection: DatabaseConnection): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw('begin immediate'));
}

/**
 * Whether `query` may change the database: anything but a SELECT (raw SQL counts unless a SELECT or a
 * savepoint marker, which changes nothing by itself).
 */
function mayWrite(query: CompiledQuery): boolean {
  if (SelectQueryNode.is(query.query)) return false;
  if (RawNode.is(query.query)) return !/^\s*(select|savepoint|release)\b/i.test(query.sql);
  return true;
}
