/**
 * Builds the Storage aggregate over one Kysely handle: the SQL stores bound to the root database,
 * and `transaction` handing out the same stores bound to one transaction, with nested calls as
 * savepoints. Shared by the SQLite and PostgreSQL adapters, which only open the connection.
 * Appends are announced to `watchAppends` listeners only once they are committed (after the
 * outermost transaction, and never for a rolled-back savepoint), so a listener that re-reads the
 * folder always finds the message (the IMAP IDLE push of deliveries relies on this).
 * On PostgreSQL a transaction aborted by a deadlock or a serialization failure runs again, so its
 * function must have no effect outside `tx` (blobs are content-addressed and may be put again).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../ports/clock.ts';
import type { LegalLog, NewLegalLogEntry, TransactionLegalLog } from '../../ports/legal-log.ts';
import type { AppendedMessage, Storage, StorageStores, StorageTransaction } from '../../ports/storage.ts';
import type { Database } from './schema.ts';
import { isTransientConflict, type SqlContext } from './sql-context.ts';
import { appendLegalLogEntries, createSqlLegalLog } from './sql-legal-log.ts';
import { createSqlMailboxStore } from './sql-mailbox-store.ts';
import { lazySqlStores } from './lazy-sql-stores.ts';

export interface SqlStorageOptions {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  readonly clock: Clock;
  /**
   * A second handle over the same connection whose units of work return once committed, without
   * awaiting the fsync: the Storage handed to `deferDurability`'s function is built over it.
   */
  readonly deferringDb?: Kysely<Database>;
}

/** What a transaction leaves for its commit: appends to announce after it, legal log entries to chain before it. */
interface Pending {
  readonly appends: AppendedMessage[];
  readonly legalLog: NewLegalLogEntry[];
}

/** Runs of one transaction that PostgreSQL aborted for a deadlock or a serialization failure. */
const maxConflictAttempts = 12;

export function createSqlStorage(options: SqlStorageOptions): Storage {
  const { db, dialect, clock } = options;
  let savepoints = 0;
  let closing: Promise<void> | undefined;

  const listeners = new Set<(event: AppendedMessage) => void>();
  function announce(events: readonly AppendedMessage[]): void {
    for (const event of events) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A listener's failure must not undo or hide a committed write.
        }
      }
    }
  }

  /** `pending` collects the appends of a transaction; without it they are announced at once. */
  function stores(
    ctx: SqlContext,
    pending?: AppendedMessage[],
  ): StorageStores & { readonly legalLog: LegalLog } {
    return lazySqlStores(ctx, () => {
      const mailboxes = createSqlMailboxStore(ctx);
      return {
        ...mailboxes,
        async append(folderId, message) {
          const { uidValidity, message: stored, mailboxId } = await mailboxes.append(folderId, message);
          const event = { mailboxId, folderId, uid: stored.uid };
          if (pending === undefined) announce([event]);
          else pending.push(event);
          return { uidValidity, message: stored };
        },
      };
    });
  }

  function bind(trx: Kysely<Database>, pending: Pending): StorageTransaction {
    // Not spread: that would make every store at once, what lazySqlStores avoids.
    const ctx: SqlContext = { db: trx, dialect, clock };
    const tx = stores(ctx, pending.appends) as StorageStores & Partial<StorageTransaction>;
    let legalLog: TransactionLegalLog | undefined;
    Object.defineProperty(tx, 'legalLog', {
      enumerable: true,
      get: () =>
        (legalLog ??= {
          ...createSqlLegalLog(ctx),
          // Chained right before the commit (decision 0058): the head row is locked only then.
          append(entry) {
            pending.legalLog.push(entry);
            return Promise.resolve();
          },
        }),
    });
    tx.transaction = (fn) => withSavepoint(trx, pending, fn);
    return tx as StorageTransaction;
  }

  async function withSavepoint<T>(
    trx: Kysely<Database>,
    pending: Pending,
    fn: (tx: StorageTransaction) => Promise<T>,
  ): Promise<T> {
    savepoints += 1;
    const name = sql.id(`pec_savepoint_${savepoints}`);
    const mark = pending.appends.length;
    const legalMark = pending.legalLog.length;
    await sql`savepoint ${name}`.execute(trx);
    let result: T;
    try {
      result = await fn(bind(trx, pending));
    } catch (error) {
      pending.appends.length = mark;
      pending.legalLog.length = legalMark;
      await sql`rollback to savepoint ${name}`.execute(trx);
      await sql`release savepoint ${name}`.execute(trx);
      throw error;
    }
    await sql`release savepoint ${name}`.execute(trx);
    return result;
  }

  function watchAppends(listener: (event: AppendedMessage) => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }

  function close(): Promise<void> {
    // Taking a connection waits for the work that holds one (SQLite has exactly one).
    closing ??= db
      .connection()
      .execute(() => Promise.resolve())
      .then(() => db.destroy());
    return closing;
  }

  /** The Storage over one handle; both handles share the listeners, savepoint names and `close`. */
  function over(handle: Kysely<Database>, extra: Pick<Storage, 'deferDurability'> = {}): Storage {
    return {
      dialect,
      ...stores({ db: handle, dialect, clock }),
      ...extra,
      transaction: (fn) => transaction(handle, fn),
      watchAppends,
      close,
    };
  }

  async function transaction<T>(
    handle: Kysely<Database>,
    fn: (tx: StorageTransaction) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const pending: Pending = { appends: [], legalLog: [] };
      try {
        const result = await handle.transaction().execute(async (trx) => {
          const value = await fn(bind(trx, pending));
          // Last, so that the legal log's head (one row for the whole cluster) is held only
          // from here to the commit.
          await appendLegalLogEntries(trx, dialect, pending.legalLog);
          return value;
        });
        announce(pending.appends);
        return result;
      } catch (error) {
        // Nodes that write the same rows in different orders (folders, the legal-log head) can
        // deadlock; PostgreSQL aborts one of them, which is safe to run again from the start
        // (PostgreSQL manual §13.3.4, §13.4). `fn` writes only through `tx`, so nothing of it remains.
        if (dialect !== 'postgres' || attempt >= maxConflictAttempts || !isTransientConflict(error)) {
          throw error;
        }
        await sleep(Math.random() * 25 * attempt);
      }
    }
  }

  const { deferringDb } = options;
  if (deferringDb === undefined) return over(db);
  // Made on first use, then kept: its stores are made on first read too.
  let deferring: Storage | undefined;
  return over(db, { deferDurability: (fn) => fn((deferring ??= over(deferringDb))) });
}
