/**
 * The two stores of the embedded deployment on one database: the Storage, and the blob store that
 * keeps small blobs in that database and larger ones (and every blob from before migration 39) as
 * files under `blobsDir` (decision 0048). They share one connection and one group commit, so a
 * blob `put` is a unit of work like any other and shares the WAL fsync of concurrent commits.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { openFsBlobStore } from '../blobs-fs/open-fs-blob-store.ts';
import { createSqliteBlobStore } from '../blobs-sqlite/create-sqlite-blob-store.ts';
import { createSqlStorage } from '../sql/create-sql-storage.ts';
import { openSqliteDatabase, type SqliteStorageOptions } from './open-sqlite-database.ts';

export interface SqliteStoresOptions extends SqliteStorageOptions {
  /** The folder of blobs kept as files, conventionally `<data>/blobs`; created when missing. */
  readonly blobsDir: string;
  /** Blobs of at most this many bytes are kept in the database; default 64 KiB. */
  readonly inlineBlobMaxBytes?: number;
}

/** The Storage and the BlobStore; closing the Storage closes the connection both use. */
export interface SqliteStores {
  readonly storage: Storage;
  readonly blobs: BlobStore;
}

export async function openSqliteStores(options: SqliteStoresOptions): Promise<SqliteStores> {
  const database = await openSqliteDatabase(options);
  const { db, clock, deferringDb } = database;
  const files = await openFsBlobStore({ dir: options.blobsDir }).catch(async (error: unknown) => {
    await db.destroy();
    throw error;
  });
  const blobs = createSqliteBlobStore({
    database,
    files,
    ...(options.inlineBlobMaxBytes === undefined ? {} : { inlineMaxBytes: options.inlineBlobMaxBytes }),
  });
  return { storage: createSqlStorage({ db, dialect: 'sqlite', clock, deferringDb }), blobs };
}
