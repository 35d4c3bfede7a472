// The blob store follows `storage.kind` and `storage.blobs`: embedded, small blobs in the SQLite
// database and larger ones as files under blobsDir (decision 0048); PostgreSQL (shared by every node
// on the database) with `PEC_BLOBS=postgres`, run when PEC_TEST_POSTGRES_URL is set.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../config/load-config.ts';
import { openConfiguredStores } from './open-provider-stores.ts';

const adminUrl = process.env['PEC_TEST_POSTGRES_URL'];
const dir = await mkdtemp(join(tmpdir(), 'pec-blobs-config-'));
await writeFile(join(dir, 'pec.config.json'), JSON.stringify({ provider: { domain: 'pec.example.it' } }));
after(() => rm(dir, { recursive: true, force: true }));
const clock = { now: () => new Date() };

void describe('openConfiguredStores', () => {
  it('keeps small blobs in the embedded database and larger ones in files under blobsDir', async () => {
    const loaded = await loadConfig({ dataDir: dir, checkFiles: false });
    const { blobs, close } = await openConfiguredStores(loaded, clock);
    const small = await blobs.put(Buffer.from('Subject: small\r\n\r\n'));
    const large = randomBytes(64 * 1024 + 1);
    const key = await blobs.put(large);
    assert.deepEqual(await readdir(join(dir, 'blobs', key.slice(0, 2), key.slice(2, 4))), [key]);
    const smallShard = await readdir(join(dir, 'blobs', small.slice(0, 2), small.slice(2, 4))).catch(
      (): string[] => [],
    );
    assert.equal(smallShard.includes(small), false, 'no file for a small blob');
    assert.equal((await blobs.get(small)).toString(), 'Subject: small\r\n\r\n');
    await close();
  });

  it(
    'keeps blobs in PostgreSQL with PEC_BLOBS=postgres',
    { skip: adminUrl === undefined || adminUrl === '' },
    async () => {
      const admin = adminUrl ?? '';
      const database = `pec_test_${randomBytes(6).toString('hex')}`;
      const url = new URL(admin);
      url.pathname = `/${database}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`create database ${database}`);
      try {
        const loaded = await loadConfig({
          dataDir: dir,
          checkFiles: false,
          env: { PEC_STORAGE: 'postgres', PEC_POSTGRES_URL: url.toString(), PEC_BLOBS: 'postgres' },
        });
        const first = await openConfiguredStores(loaded, clock);
        const second = await openConfiguredStores(loaded, clock);
        const key = await first.blobs.put(Buffer.from('Subject: shared\r\n\r\n'));
        assert.equal((await second.blobs.get(key)).toString(), 'Subject: shared\r\n\r\n');
        await Promise.all([first.close(), second.close()]);
      } finally {
        await client.query(`drop database if exists ${database} with (force)`);
        await client.end();
      }
    },
  );
});
