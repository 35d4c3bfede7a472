// The shared quarantine (records in storage, bytes in the blob store) against the QuarantineStore
// contract: on SQLite with file blobs, and on PostgreSQL with PostgreSQL blobs when
// PEC_TEST_POSTGRES_URL is set (one new database per run, one schema per opened quarantine).
// Plus: bytes that a mailbox message also uses survive the purge.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { Clock } from '../../ports/clock.ts';
import { openFsBlobStore } from '../../storage/blobs-fs/open-fs-blob-store.ts';
import { openPostgresBlobStore } from '../../storage/blobs-postgres/open-postgres-blob-store.ts';
import { openPostgresStorage } from '../../storage/postgres/open-postgres-storage.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createSharedQuarantine } from './create-shared-quarantine.ts';
import { describeQuarantineStore } from './quarantine-store.contract.ts';

const adminUrl = process.env['PEC_TEST_POSTGRES_URL'];
/** A new database for this run (dropped at the end), created before any test is declared. */
const postgresUrl =
  adminUrl === undefined || adminUrl === '' ? undefined : await createTestDatabase(adminUrl);

async function createTestDatabase(admin: string): Promise<string> {
  const database = `pec_test_${randomBytes(6).toString('hex')}`;
  const testUrl = new URL(admin);
  testUrl.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${database}`);
  await client.end();
  after(async () => {
    const dropper = new pg.Client({ connectionString: admin });
    await dropper.connect();
    await dropper.query(`drop database if exists ${database} with (force)`);
    await dropper.end();
  });
  return testUrl.toString();
}

const root = await mkdtemp(join(tmpdir(), 'pec-shared-quarantine-'));
after(() => rm(root, { recursive: true, force: true }));
let opened = 0;

describeQuarantineStore('shared, sqlite', {
  async open(clock: Clock) {
    opened += 1;
    const dir = join(root, `q${opened}`);
    const file = join(root, `q${opened}.sqlite`);
    // One process per SQLite file: the second handle shares its storage (PostgreSQL below has two).
    const storage = await openSqliteStorage({ file, clock });
    const blobs = await openFsBlobStore({ dir });
    const make = (s: typeof storage) =>
      createSharedQuarantine({
        records: s.quarantine,
        blobs,
        isBlobReferenced: (key) => s.mailboxes.isBlobReferenced(key),
        retentionMonths: 30,
        clock,
      });
    return {
      store: make(storage),
      second: make(storage),
      close: () => storage.close(),
    };
  },
});

void describe('shared quarantine and mailboxes', () => {
  it('keeps bytes that a mailbox message also uses when their last record expires', async () => {
    const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
    const storage = await openSqliteStorage({ file: ':memory:', clock });
    const blobs = await openFsBlobStore({ dir: join(root, 'referenced') });
    const bytes = Buffer.from('Subject: both\r\n\r\nx\r\n');
    const quarantine = createSharedQuarantine({
      records: storage.quarantine,
      blobs,
      isBlobReferenced: (key) => Promise.resolve(key === 'none' || key.length === 64),
      retentionMonths: 30,
      clock,
    });
    try {
      const record = await quarantine.put(bytes, {
        point: 'reception',
        signature: 'Eicar',
        sender: 'a@x.it',
        recipients: ['b@y.it'],
      });
      const purge = await quarantine.purgeExpired(new Date('2030-01-01T00:00:00Z'));
      assert.deepEqual(
        purge.purged.map((r) => r.id),
        [record.id],
      );
      assert.deepEqual(purge.deletedMessages, []);
      assert.equal(await blobs.has(record.sha256), true);
    } finally {
      await storage.close();
    }
  });
});

if (postgresUrl !== undefined) {
  const url = postgresUrl;
  describeQuarantineStore('shared, postgres', {
    async open(clock: Clock) {
      opened += 1;
      const schema = `quarantine_${opened}`;
      // Two nodes: each its own storage pool and blob pool on one database.
      const nodes = await Promise.all(
        [0, 1].map(async () => ({
          storage: await openPostgresStorage({ url, schema, clock }),
          blobs: await openPostgresBlobStore({ url, schema, clock, chunkBytes: 8 }),
        })),
      );
      const [one, two] = nodes.map(({ storage, blobs }) =>
        createSharedQuarantine({
          records: storage.quarantine,
          blobs,
          isBlobReferenced: (key) => storage.mailboxes.isBlobReferenced(key),
          retentionMonths: 30,
          clock,
        }),
      );
      assert.ok(one !== undefined && two !== undefined);
      return {
        store: one,
        second: two,
        close: async () => {
          for (const node of nodes) {
            await node.blobs.close();
            await node.storage.close();
          }
        },
      };
    },
  });
}
