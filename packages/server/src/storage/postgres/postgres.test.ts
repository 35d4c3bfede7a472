// Runs the shared storage contract on PostgreSQL when PEC_TEST_POSTGRES_URL is set: one new
// database per run (pec_test_<random>, dropped at the end), one schema per opened storage.
// Plus what only PostgreSQL has: concurrent first opens, schemas, the append-only trigger, int8.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { Storage } from '../../ports/storage.ts';
import { sampleMessage, seedMailbox, type StorageHarness } from '../contract/storage-harness.ts';
import { describeAccessLog } from '../contract/access-log.contract.ts';
import { describeLogTimestamps } from '../contract/log-timestamps.contract.ts';
import { describeRouteStore } from '../contract/route-store.contract.ts';
import { describeSharedState } from '../contract/shared-state.contract.ts';
import { describeStorage } from '../contract/storage.contract.ts';
import { migrations } from '../sql/migrations/migration.ts';
import { openPostgresStorage } from './open-postgres-storage.ts';

const adminUrl = process.env['PEC_TEST_POSTGRES_URL'];

if (adminUrl === undefined || adminUrl === '') {
  void describe('PostgreSQL storage', () => {
    it('runs the storage contract on PostgreSQL', {
      skip:
        'PEC_TEST_POSTGRES_URL is not set; set it to an admin URL such as ' +
        'postgres://postgres@127.0.0.1:5432/postgres to run the PostgreSQL contract suites',
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
  after(async () => {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${database} with (force)`);
    await dropper.end();
  });

  const schemas = new WeakMap<Storage, string>();
  let opened = 0;

  async function raw<T>(storage: Storage, fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const schema = schemas.get(storage);
    assert.ok(schema !== undefined, 'storage was not opened by this harness');
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  const harness: StorageHarness = {
    async open(options) {
      opened += 1;
      const schema = `contract_${opened}`;
      const storage = await openPostgresStorage({
        url,
        schema,
        ...(options?.clock ? { clock: options.clock } : {}),
      });
      schemas.set(storage, schema);
      return storage;
    },
    async openSecond(storage) {
      const schema = schemas.get(storage);
      assert.ok(schema !== undefined);
      const second = await openPostgresStorage({ url, schema });
      schemas.set(second, schema);
      return second;
    },
    tamperLegalLogEntry: (storage, seq) =>
      raw(storage, async (client) => {
        await client.query('alter table legal_log disable trigger legal_log_append_only');
        await client.query("update legal_log set subject = 'altered' where seq = $1", [seq]);
        await client.query('alter table legal_log enable trigger legal_log_append_only');
      }),
    clearSentTimes: (storage) =>
      raw(storage, async (client) => {
        await client.query('update messages set sent_at = null');
      }),
    deleteLegalLogEntry: (storage, seq) =>
      raw(storage, async (client) => {
        await client.query('delete from legal_log_terms where seq = $1', [seq]);
        await client.query('delete from legal_log where seq = $1', [seq]);
      }),
  };

  describeStorage('postgres', harness);
  describeAccessLog('postgres', harness);
  describeRouteStore('postgres', harness);
  describeSharedState('postgres', harness);
  describeLogTimestamps('postgres', harness);

  void describe('PostgreSQL adapter', () => {
    it('survives concurrent first opens of one schema and migrates it once', async () => {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openPostgresStorage({ url, schema: 'concurrent_open' })),
      );
      try {
        const first = stores[0];
        assert.ok(first !== undefined);
        schemas.set(first, 'concurrent_open');
        const versions = await raw(
          first,
          async (client) =>
            (await client.query<{ version: number }>('select version from schema_migrations')).rows,
        );
        assert.deepEqual(
          versions,
          migrations.map((migration) => ({ version: migration.version })),
        );
        await first.accounts.addDomain({ name: 'pec.example.it' });
        assert.equal((await stores[3]?.accounts.listDomains())?.length, 1);
      } finally {
        await Promise.all(stores.map((storage) => storage.close()));
      }
    });

    it('keeps schemas apart and refuses names that are not plain identifiers', async () => {
      const a = await harness.open();
      const b = await harness.open();
      try {
        await a.accounts.addDomain({ name: 'only-in-a.example.it' });
        assert.deepEqual(await b.accounts.listDomains(), []);
      } finally {
        await a.close();
        await b.close();
      }
      await assert.rejects(
        openPostgresStorage({ url, schema: 'x; drop table y' }),
        /plain PostgreSQL schema name/,
      );
    });

    it('migration 21 gives messages stored before it their internal date as save date', async () => {
      const first = await harness.open();
      const schema = schemas.get(first);
      assert.ok(schema !== undefined);
      const mailbox = await seedMailbox(first);
      const folder = await first.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
      await first.mailboxes.append(
        folder.id,
        sampleMessage({ internalDate: new Date('2021-06-01T08:00:00Z') }),
      );
      // Back to the schema before migration 21, then reopen: the migration runs on the existing row.
      await raw(first, async (client) => {
        await client.query('alter table messages drop column save_date');
        await client.query('delete from schema_migrations where version = 21');
      });
      await first.close();
      const second = await openPostgresStorage({ url, schema });
      try {
        const message = await second.mailboxes.getMessage(folder.id, 1);
        assert.equal(message?.saveDate.toISOString(), '2021-06-01T08:00:00.000Z');
      } finally {
        await second.close();
      }
    });

    it('refuses UPDATE on the legal log even through raw SQL', async () => {
      const storage = await harness.open();
      try {
        await storage.legalLog.append({
          at: new Date(),
          eventType: 'pec.acceptance.issued',
          msgid: 'm@x',
          sender: 's@x',
          recipients: [],
          subject: 'a',
          relatedMsgids: [],
          sendingProvider: null,
        });
        await assert.rejects(
          raw(storage, (client) => client.query("update legal_log set subject = 'b'")),
          /append-only/,
        );
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 1 });
      } finally {
        await storage.close();
      }
    });

    it('returns 64-bit columns as numbers and refuses values beyond 2^53', async () => {
      const storage = await harness.open();
      try {
        const mailbox = await seedMailbox(storage, 2 ** 40);
        const reread = await storage.accounts.getMailbox(mailbox.id);
        assert.equal(reread?.quotaBytes, 2 ** 40);
        assert.equal(typeof reread.id, 'number');
        await raw(storage, (client) =>
          client.query('update mailboxes set quota_bytes = 9007199254740993 where id = $1', [mailbox.id]),
        );
        await assert.rejects(storage.accounts.getMailbox(mailbox.id), /does not fit a JavaScript number/);
      } finally {
        await storage.close();
      }
    });
  });
}
