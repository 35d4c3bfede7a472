/**
 * The embedded storage adapter: the Storage aggregate over the embedded database
 * (`openSqliteDatabase`: WAL, group commit, migrations). `openSqliteStores` opens it together with
 * the blob store that shares its connection.
 */
import type { Storage } from '../../ports/storage.ts';
import { createSqlStorage } from '../sql/create-sql-storage.ts';
import { openSqliteDatabase, type SqliteStorageOptions } from './open-sqlite-database.ts';

export type { SqliteStorageOptions } from './open-sqlite-database.ts';

export async function openSqliteStorage(options: SqliteStorageOptions): Promise<Storage> {
  const { db, clock, deferringDb } = await openSqliteDatabase(options);
  return createSqlStorage({ db, dialect: 'sqlite', clock, deferringDb });
}
