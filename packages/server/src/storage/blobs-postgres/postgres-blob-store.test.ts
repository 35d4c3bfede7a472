// Runs the BlobStore contract on PostgreSQL when PEC_TEST_POSTGRES_URL is set: one new database per
// run (pec_test_<random>, dropped at the end), one schema per opened store. Plus what chunking
// adds: a blob larger than several chunks is stored as ordered chunks and read back whole, and a
// damaged chunk is reported instead of returning short bytes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { BlobStore } from '../../ports/blob-store.ts';
import { describeBlobStore } from '../contract/blob-store.contract.ts';
import { openPostgresBlobStore, type PostgresBlobStore } from './open-postgres-blob-store.ts';

const adminUrl = process.env['PEC_TEST_POSTGRES_URL'];

if (adminUrl === undefined || adminUrl === '') {
  void describe('PostgreSQL blob store', () => {
    it('runs the blob contract on PostgreSQL', {
      skip: 'PEC_TEST_POSTGRES_URL is not set; set it to an admin URL such as postgres://postgres@127.0.0.1:5432/postgres',
    });
  });
} else {
  const database = `pec_test_${randomBytes(6).toString('hex')}`;
  const testUrl = new URL(adminUrl);
  testUrl.pathname = `/${database}`;
  const url = testUrl.toString();

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();

  const schemas = new WeakMap<BlobStore, string>();
  const opened: PostgresBlobStore[] = [];
  let count = 0;

  async function open(schema: string, chunkBytes?: number): Promise<PostgresBlobStore> {
    const store = await openPostgresBlobStore({
      url,
      schema,
      ...(chunkBytes === undefined ? {} : { chunkBytes }),
    });
    schemas.set(store, schema);
    opened.push(store);
    return store;
  }

  after(async () => {
    await Promise.all(opened.map((store) => store.close()));
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${database} with (force)`);
    await dropper.end();
  });

  async function raw<T>(schema: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  // Small chunks, so that the contract's 100 KB and 512 KiB blobs span many of them.
  describeBlobStore('postgres', {
    open: () => open(`blobs_${(count += 1)}`, 16 * 1024),
    openSecond(store) {
      const schema = schemas.get(store);
      assert.ok(schema !== undefined);
      return open(schema, 16 * 1024);
    },
  });

  void describe('PostgreSQL blob store chunks', () => {
    it('stores a 2.5 MiB blob as three ordered 1 MiB chunks and reads it back byte for byte', async () => {
      const store = await open('chunks_default');
      const bytes = randomBytes(2.5 * 1024 * 1024);
      const key = await store.put(bytes);
      const rows = await raw(
        'chunks_default',
        async (client) =>
          (
            await client.query<{ seq: number; length: number }>(
              'select seq, length(data) as length from blob_chunks where sha256 = $1 order by seq',
              [key],
            )
          ).rows,
      );
      assert.deepEqual(rows, [
        { seq: 0, length: 1024 * 1024 },
        { seq: 1, length: 1024 * 1024 },
        { seq: 2, length: 512 * 1024 },
      ]);
      assert.equal(Buffer.compare(await store.get(key), bytes), 0);
      assert.equal(await store.size(key), bytes.length);
      assert.equal(await store.put(bytes), key, 'a second put is a no-op');
      assert.equal(
        await raw('chunks_default', async (client) =>
          Number((await client.query<{ n: string }>('select count(*) as n from blob_chunks')).rows[0]?.n),
        ),
        3,
      );
      assert.equal(await store.delete(key), true);
      assert.equal(
        await raw('chunks_default', async (client) =>
          Number((await client.query<{ n: string }>('select count(*) as n from blob_chunks')).rows[0]?.n),
        ),
        0,
        'deleting a blob deletes its chunks',
      );
    });

    it('refuses to return a blob whose chunk went missing', async () => {
      const store = await open('chunks_damaged', 1000);
      const key = await store.put(randomBytes(3500));
      await raw('chunks_damaged', (client) =>
        client.query('delete from blob_chunks where sha256 = $1 and seq = 2', [key]),
      );
      await assert.rejects(store.get(key), /damaged: 3\/4 chunks/);
    });

    it('shares blobs between two stores opened on one database', async () => {
      const first = await open('chunks_shared');
      const second = await open('chunks_shared');
      const key = await first.put(Buffer.from('Subject: shared\r\n\r\nbody\r\n'));
      assert.equal((await second.get(key)).toString(), 'Subject: shared\r\n\r\nbody\r\n');
    });
  });
}
