/**
 * Builds the Storage aggregate over one Kysely handle: the SQL stores bound to the root database,
 * and `transaction` handing out the same stores bound to one transaction, with nested calls as
 * savepoints. Shared by the SQLite and PostgreSQL adapters, which only open the connection.
 */
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../ports/clock.ts';
import type { Storage, StorageStores, StorageTransaction } from '../../ports/storage.ts';
import type { Database } from './schema.ts';
import { createSqlAccessLog } from './sql-access-log.ts';
import { createSqlAccountStore } from './sql-account-store.ts';
import type { SqlContext } from './sql-context.ts';
import { createSqlLegalLog } from './sql-legal-log.ts';
import { createSqlMailboxStore } from './sql-mailbox-store.ts';
import { createSqlMessageTrackingStore } from './sql-message-tracking-store.ts';
import { createSqlQueueStore } from './sql-queue-store.ts';
import { createSqlRouteStore } from './sql-route-store.ts';

export interface SqlStorageOptions {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  readonly clock: Clock;
}

export function createSqlStorage(options: SqlStorageOptions): Storage {
  const { db, dialect, clock } = options;
  let savepoints = 0;
  let closing: Promise<void> | undefined;

  function stores(ctx: SqlContext): StorageStores {
    return {
      accounts: createSqlAccountStore(ctx),
      mailboxes: createSqlMailboxStore(ctx),
      queue: createSqlQueueStore(ctx),
      tracking: createSqlMessageTrackingStore(ctx),
      legalLog: createSqlLegalLog(ctx),
      accessLog: createSqlAccessLog(ctx),
      routes: createSqlRouteStore(ctx),
    };
  }

  function bind(trx: Kysely<Database>): StorageTransaction {
    return {
      ...stores({ db: trx, dialect, clock }),
      transaction: (fn) => withSavepoint(trx, fn),
    };
  }

  async function withSavepoint<T>(
    trx: Kysely<Database>,
    fn: (tx: StorageTransaction) => Promise<T>,
  ): Promise<T> {
    savepoints += 1;
    const name = sql.id(`pec_savepoint_${savepoints}`);
    await sql`savepoint ${name}`.execute(trx);
    let result: T;
    try {
      result = await fn(bind(trx));
    } catch (error) {
      await sql`rollback to savepoint ${name}`.execute(trx);
      await sql`release savepoint ${name}`.execute(trx);
      throw error;
    }
    await sql`release savepoint ${name}`.execute(trx);
    return result;
  }

  return {
    dialect,
    ...stores({ db, dialect, clock }),
    transaction: (fn) => db.transaction().execute((trx) => fn(bind(trx))),
    close() {
      // Taking a connection waits for the work that holds one (SQLite has exactly one).
      closing ??= db
        .connection()
        .execute(() => Promise.resolve())
        .then(() => db.destroy());
      return closing;
    },
  };
}
