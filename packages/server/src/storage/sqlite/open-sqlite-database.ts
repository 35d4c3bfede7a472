/**
 * Opens the embedded database: one SQLite file through better-sqlite3 and Kysely, in WAL mode,
 * foreign keys on, and a busy timeout for other processes (the CLI) sharing the file. Migrations
 * run before the handle is given out. Shared by the Storage (`openSqliteStorage`) and, on the same
 * connection, the blob store that keeps small blobs in the database (`openSqliteStores`).
 *
 * Durability by group commit (decision 0044): with synchronous=NORMAL a COMMIT writes the WAL
 * without fsyncing it, and the dialect makes every unit of work that wrote await one shared,
 * asynchronous fsync of the WAL file before it returns, so every commit is still on disk when it
 * returns (a 250 may follow it) while concurrent commits share one fsync off the event loop.
 * Checkpoints keep synced data safe: with synchronous=NORMAL SQLite fsyncs the WAL before copying
 * it into the database and the database before the WAL is reused.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { dirname } from 'node:path';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { createGroupCommit, syncFileAt, type GroupCommit } from '../group-commit.ts';
import { runMigrations } from '../sql/run-migrations.ts';
import type { Database } from '../sql/schema.ts';
import { cacheStatements } from './cache-statements.ts';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.ts';

export interface SqliteStorageOptions {
  /** Path of the database file (created when missing), conventionally `<data>/pec.sqlite`. */
  readonly file: string;
  /** Milliseconds to wait for another process's write lock; default 5000. */
  readonly busyTimeoutMs?: number;
  /** Stamps created/updated times; default the system clock. */
  readonly clock?: Clock;
  /** Makes the WAL durable; default an fsync of `<file>-wal` (and of its folder when new). */
  readonly syncWal?: () => Promise<void>;
}

/** The open database: Kysely over the one connection, the connection itself and its group commit. */
export interface SqliteDatabase {
  readonly db: Kysely<Database>;
  /** The connection under `db`; only for statements that must not queue behind a unit of work. */
  readonly connection: BetterSqlite3.Database;
  /** Absent for `:memory:` (nothing to sync). */
  readonly groupCommit: GroupCommit | undefined;
  readonly clock: Clock;
  /**
   * A second handle over the same connection whose units of work skip the fsync wait, for
   * Storage.deferDurability (decisions 0053, 0065); closing `db` closes it too.
   */
  readonly deferringDb: Kysely<Database>;
}

export async function openSqliteDatabase(options: SqliteStorageOptions): Promise<SqliteDatabase> {
  const clock = options.clock ?? systemClock;
  const connection = new BetterSqlite3(options.file);
  try {
    connection.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    const mode = connection.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && options.file !== ':memory:') {
      throw new Error(`SQLite refused WAL mode for ${options.file} (got ${String(mode)})`);
    }
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
  } catch (error) {
    connection.close();
    throw error;
  }
  const walSync = options.syncWal ?? syncFileAt(`${options.file}-wal`, syncFileAt(dirname(options.file)));
  const groupCommit = options.file === ':memory:' ? undefined : createGroupCommit(walSync);
  // Statements are cached per SQL text (decision 0053); `connection` itself stays uncached.
  const dialect = new ImmediateSqliteDialect({
    database: cacheStatements(connection),
    ...(groupCommit === undefined ? {} : { groupCommit }),
  });
  const db = new Kysely<Database>({ dialect });
  try {
    await runMigrations(db, 'sqlite', clock);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    connection,
    groupCommit,
    clock,
    deferringDb: new Kysely<Database>({ dialect: dialect.withoutDurableWait() }),
  };
}
