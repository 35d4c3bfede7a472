/**
 * The embedded storage adapter: one SQLite database file through better-sqlite3 and Kysely, in WAL
 * mode, foreign keys on, and a busy timeout for other processes (the CLI) sharing the file.
 * Migrations run before the Storage is handed out.
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
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { Storage } from '../../ports/storage.ts';
import { createSqlStorage } from '../sql/create-sql-storage.ts';
import { runMigrations } from '../sql/run-migrations.ts';
import type { Database } from '../sql/schema.ts';
import { dirname } from 'node:path';
import { createGroupCommit, syncFileAt } from '../group-commit.ts';
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

export async function openSqliteStorage(options: SqliteStorageOptions): Promise<Storage> {
  const clock = options.clock ?? systemClock;
  const database = new BetterSqlite3(options.file);
  try {
    database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    const mode = database.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && options.file !== ':memory:') {
      throw new Error(`SQLite refused WAL mode for ${options.file} (got ${String(mode)})`);
    }
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const walSync = options.syncWal ?? syncFileAt(`${options.file}-wal`, syncFileAt(dirname(options.file)));
  const groupCommit = options.file === ':memory:' ? undefined : createGroupCommit(walSync);
  const dialect = new ImmediateSqliteDialect({
    database: cacheStatements(database),
    ...(groupCommit === undefined ? {} : { groupCommit }),
  });
  const db = new Kysely<Database>({ dialect });
  try {
    await runMigrations(db, 'sqlite', clock);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlStorage({
    db,
    dialect: 'sqlite',
    clock,
    deferDurability: (fn) => dialect.deferDurability(fn),
  });
}
