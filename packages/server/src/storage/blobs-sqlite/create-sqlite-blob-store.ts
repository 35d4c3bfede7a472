/**
 * BlobStore of the embedded deployment (decision 0048): blobs up to `inlineMaxBytes` (64 KiB by
 * default) are rows of `inline_blobs` in the embedded database, larger ones are files as before
 * (`files`, the file-system store under `blobs/`). Filing a small message then costs one row that
 * shares the group commit's WAL fsync (decision 0044) instead of a temporary file, its fsync, a
 * rename and a directory fsync; reading it costs one indexed lookup instead of a file open.
 *
 * - Every lookup tries the table first and then the files, so blobs written as files before
 *   migration 39 (of any size) stay readable where they are: nothing is moved at start.
 * - `put` is durable on return, as the port promises: the row is written and then awaits the
 *   shared fsync of the WAL. The same bytes put twice, even concurrently, are one row
 *   (`on conflict do nothing`); a small blob already present as an old file gets a row too, and
 *   `delete` removes both, `keys` lists the key once.
 * - Statements run synchronously on the Storage's own connection (SQLite allows one writer, and a
 *   second connection would wait on the event loop for the Storage's open transactions). While a
 *   Storage transaction is open on it, a `put` writes a file instead (a caller may be putting from
 *   inside its own transaction, which would then wait for itself), and a `delete` becomes part of
 *   that transaction (a rollback only leaves an orphan blob, which the sweeps remove).
 * - Reads do not wait for a pending fsync: a key is learnt from a durable row that references it
 *   or from the caller's own `put`, and any later durable commit makes the WAL frames before it
 *   durable too.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { isBlobKey, type BlobKey, type BlobStore } from '../../ports/blob-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import type { SqliteDatabase } from '../sqlite/open-sqlite-database.ts';

/** The largest blob kept in the database; the reasons for 64 KiB are in decision 0048. */
export const defaultInlineMaxBytes = 64 * 1024;

/** Keys looked up per statement by `getMany` (SQLite's default bound-parameter limit is 32,766). */
const manyPerStatement = 500;
/** Keys listed per query by `keys()` (no statement stays open across a `yield`). */
const keysPage = 1000;

export interface SqliteBlobStoreOptions {
  /** The embedded database, whose migration 39 created `inline_blobs`. */
  readonly database: Pick<SqliteDatabase, 'db' | 'connection' | 'groupCommit'>;
  /** Where blobs larger than `inlineMaxBytes` go, and where blobs from before are found. */
  readonly files: BlobStore;
  /** Blobs of at most this many bytes are rows; default `defaultInlineMaxBytes`. */
  readonly inlineMaxBytes?: number;
}

export function createSqliteBlobStore(options: SqliteBlobStoreOptions): BlobStore {
  const { files } = options;
  const { connection, groupCommit } = options.database;
  const inlineMaxBytes = options.inlineMaxBytes ?? defaultInlineMaxBytes;
  if (!Number.isSafeInteger(inlineMaxBytes) || inlineMaxBytes < 0) {
    throw new RangeError('inlineMaxBytes must be a non-negative integer');
  }

  const selectData = connection.prepare<[string], { data: Buffer }>(
    'select data from inline_blobs where sha256 = ?',
  );
  const selectSize = connection.prepare<[string], { size: number }>(
    'select size from inline_blobs where sha256 = ?',
  );
  const insert = connection.prepare<[string, number, Buffer]>(
    'insert into inline_blobs (sha256, size, data) values (?, ?, ?) on conflict (sha256) do nothing',
  );
  const remove = connection.prepare<[string]>('delete from inline_blobs where sha256 = ?');
  const selectKeys = connection.prepare<[string, number], { sha256: string }>(
    'select sha256 from inline_blobs where sha256 > ? order by sha256 limit ?',
  );

  /** `select … where sha256 in (?, …)` per key count, prepared once each. */
  const selectMany = new Map<number, BetterSqlite3.Statement<string[], { sha256: string; data: Buffer }>>();
  function selectManyOf(count: number): BetterSqlite3.Statement<string[], { sha256: string; data: Buffer }> {
    let statement = selectMany.get(count);
    if (statement === undefined) {
      statement = connection.prepare<string[], { sha256: string; data: Buffer }>(
        `select sha256, data from inline_blobs where sha256 in (${new Array(count).fill('?').join(', ')})`,
      );
      selectMany.set(count, statement);
    }
    return statement;
  }

  /** Runs a writing statement outside any Storage transaction, then waits until it is durable. */
  async function write(run: () => BetterSqlite3.RunResult): Promise<BetterSqlite3.RunResult> {
    const result = run();
    groupCommit?.noteWrite();
    await groupCommit?.durable();
    return result;
  }

  function checked(key: BlobKey): BlobKey {
    if (!isBlobKey(key)) throw new StorageError('invalid', `not a blob key: ${JSON.stringify(key)}`);
    return key;
  }

  return {
    async put(bytes) {
      // Inside an open Storage transaction a row could be neither part of it (another unit's
      // rollback would take it) nor queued behind it (a caller that puts from within its own
      // transaction would wait for itself): such a put is a file, durable on return as before.
      if (bytes.length > inlineMaxBytes || connection.inTransaction) return files.put(bytes);
      const key = createHash('sha256').update(bytes).digest('hex');
      const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      await write(() => insert.run(key, data.length, data));
      return key;
    },

    async get(key) {
      const row = selectData.get(checked(key));
      return row === undefined ? files.get(key) : row.data;
    },

    async getMany(keys) {
      // One statement per `manyPerStatement` keys instead of one per key (a FETCH of 1,000 small
      // messages); keys without a row are files from before migration 39, or larger blobs.
      const found = new Map<string, Buffer>();
      for (let start = 0; start < keys.length; start += manyPerStatement) {
        const slice = keys.slice(start, start + manyPerStatement).map(checked);
        for (const row of selectManyOf(slice.length).all(...slice)) found.set(row.sha256, row.data);
      }
      return Promise.all(keys.map(async (key) => found.get(key) ?? (await files.get(key))));
    },

    async has(key) {
      return isBlobKey(key) && (selectSize.get(key) !== undefined || (await files.has(key)));
    },

    async size(key) {
      return selectSize.get(checked(key))?.size ?? files.size(key);
    },

    async delete(key) {
      // Inside an open transaction (a purge deleting from within its own) the row goes with that
      // transaction: rolled back, the blob stays (an orphan the sweeps remove); never a wait for
      // the transaction the caller is part of.
      const { changes } = connection.inTransaction
        ? remove.run(checked(key))
        : await write(() => remove.run(checked(key)));
      const fromFiles = await files.delete(key);
      return changes > 0 || fromFiles;
    },

    async *keys() {
      let after = '';
      for (;;) {
        const rows = selectKeys.all(after, keysPage);
        for (const row of rows) yield row.sha256;
        const last = rows.at(-1);
        if (last === undefined || rows.length < keysPage) break;
        after = last.sha256;
      }
      // Files, minus the small blobs that also have a row (put again after migration 39).
      for await (const key of files.keys()) {
        if (selectSize.get(key) === undefined) yield key;
      }
    },
  };
}
