/**
 * BlobStore on PostgreSQL, so that nodes on several machines share messages without a shared file
 * system. A blob is one row in `blobs` (its SHA-256, size and chunk count) and its bytes in ordered
 * `bytea` rows of `blob_chunks` (1 MiB by default, so that no single value nears PostgreSQL's
 * 1 GB field limit and a large message is never one huge parameter). `put` writes the blob row and
 * every chunk in one transaction, so a blob is either whole or absent; a concurrent `put` of the
 * same bytes waits on the primary key and then finds it stored. A commit is durable when it
 * returns (synchronous_commit on), as the port requires. `get` checks the chunks it reads against
 * the recorded size and count, so a damaged row is an error, never a short message.
 * Tables come from the shared migrations (migrations/0004-shared-state.ts), run at open.
 */
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { isBlobKey, type BlobKey, type BlobStore } from '../../ports/blob-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { StorageError } from '../../ports/storage-error.ts';
import { runMigrations } from '../sql/run-migrations.ts';
import type { Database } from '../sql/schema.ts';

export interface PostgresBlobStoreOptions {
  /** Connection URL, normally `storage.postgresUrl`: the metadata's database. */
  readonly url: string;
  /** Schema for the tables (created when missing); default the server's search_path. */
  readonly schema?: string;
  /** Pool size; default 4. */
  readonly maxConnections?: number;
  /** Bytes per chunk; default 1 MiB. */
  readonly chunkBytes?: number;
  readonly clock?: Clock;
  /** Errors of idle pooled connections (the pool drops them); default ignored. */
  readonly onIdleError?: (error: Error) => void;
}

/** A BlobStore that holds a connection pool, released by `close`. */
export interface PostgresBlobStore extends BlobStore {
  close(): Promise<void>;
}

interface BlobsTable {
  sha256: string;
  size: string | number;
  chunks: number;
  created_at: number;
}

interface BlobChunksTable {
  sha256: string;
  seq: number;
  data: Buffer;
}

const mebibyte = 1024 * 1024;
/** Keys listed per query by `keys()`. */
const keysPage = 1000;

export async function openPostgresBlobStore(options: PostgresBlobStoreOptions): Promise<PostgresBlobStore> {
  const clock = options.clock ?? systemClock;
  const chunkBytes = options.chunkBytes ?? mebibyte;
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1)
    throw new RangeError('chunkBytes must be positive');
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`not a plain PostgreSQL schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 4,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  const root = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== undefined) {
      await root.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`pec-schema:${schema}`}))`.execute(tx);
        await sql`create schema if not exists ${sql.id(schema)}`.execute(tx);
      });
    }
    await runMigrations(root, 'postgres', clock);
  } catch (error) {
    await root.destroy();
    throw error;
  }
  const db = root.withTables<{ blobs: BlobsTable; blob_chunks: BlobChunksTable }>();

  function checked(key: BlobKey): BlobKey {
    if (!isBlobKey(key)) throw new StorageError('invalid', `not a blob key: ${JSON.stringify(key)}`);
    return key;
  }

  async function sizeOf(key: BlobKey): Promise<number | undefined> {
    const row = await db.selectFrom('blobs').select('size').where('sha256', '=', key).executeTakeFirst();
    return row === undefined ? undefined : Number(row.size);
  }

  let closing: Promise<void> | undefined;
  const store = {
    async put(bytes) {
      const key = createHash('sha256').update(bytes).digest('hex');
      const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const chunks = Math.ceil(data.length / chunkBytes);
      await db.transaction().execute(async (tx) => {
        // A concurrent put of the same key waits here until the first commits, then inserts nothing.
        const inserted = await tx
          .insertInto('blobs')
          .values({ sha256: key, size: data.length, chunks, created_at: clock.now().getTime() })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .returning('sha256')
          .executeTakeFirst();
        if (inserted === undefined) return;
        for (let seq = 0; seq < chunks; seq++) {
          const chunk = data.subarray(seq * chunkBytes, (seq + 1) * chunkBytes);
          await tx.insertInto('blob_chunks').values({ sha256: key, seq, data: chunk }).execute();
        }
      });
      return key;
    },

    async get(key) {
      checked(key);
      // One snapshot for the header and the chunks, so a concurrent delete cannot cut it short.
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          const blob = await tx
            .selectFrom('blobs')
            .select(['size', 'chunks'])
            .where('sha256', '=', key)
            .executeTakeFirst();
          if (blob === undefined) throw new StorageError('not-found', `no blob ${key}`);
          const rows = await tx
            .selectFrom('blob_chunks')
            .select(['seq', 'data'])
            .where('sha256', '=', key)
            .orderBy('seq')
            .execute();
          const size = Number(blob.size);
          const whole = Buffer.concat(rows.map((row) => row.data));
          if (rows.length !== blob.chunks || rows.some((row, i) => row.seq !== i) || whole.length !== size) {
            throw new Error(
              `blob ${key} is damaged: ${rows.length}/${blob.chunks} chunks, ${whole.length}/${size} bytes`,
            );
          }
          return whole;
        });
    },

    async has(key) {
      return isBlobKey(key) && (await sizeOf(key)) !== undefined;
    },

    size(key) {
      return sizeOf(checked(key));
    },

    async delete(key) {
      const result = await db.deleteFrom('blobs').where('sha256', '=', checked(key)).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async *keys() {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('blobs')
          .select('sha256')
          .where('sha256', '>', after)
          .orderBy('sha256')
          .limit(keysPage)
          .execute();
        for (const row of rows) yield row.sha256;
        const last = rows.at(-1);
        if (last === undefined || rows.length < keysPage) return;
        after = last.sha256;
      }
    },

    close() {
      closing ??= root.destroy();
      return closing;
    },
  } satisfies Omit<PostgresBlobStore, 'getMany'>;
  return {
    ...store,
    // Each read on its own (overlapped): these adapters have no cheaper way to read many.
    getMany: (keys) => Promise.all(keys.map((key) => store.get(key))),
  };
}
