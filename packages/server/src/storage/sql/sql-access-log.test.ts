// The access log on both SQL dialects: the shared contract (also run by the adapters' own test
// files), plus the upgrade of a database created before migration 2 (so
// `node scripts/run-tests.js access-log` checks the whole store on its own). PostgreSQL runs when
// PEC_TEST_POSTGRES_URL is set, in a throwaway schema per storage.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Storage } from '../../ports/storage.ts';
import { describeAccessLog } from '../contract/access-log.contract.ts';
import type { StorageHarness } from '../contract/storage-harness.ts';
import { openPostgresStorage } from '../postgres/open-postgres-storage.ts';
import { openSqliteStorage } from '../sqlite/open-sqlite-storage.ts';
import { initial } from './migrations/0001-initial.ts';
import { migrations } from './migrations/migration.ts';

const root = await mkdtemp(join(tmpdir(), 'pec-access-log-'));
after(() => rm(root, { recursive: true, force: true }));
let opened = 0;

const unsupported = (): Promise<never> => Promise.reject(new Error('not used by the access log contract'));

const sqliteHarness: StorageHarness = {
  open(options) {
    opened += 1;
    const file = join(root, `access-log-${opened}.sqlite`);
    return openSqliteStorage({ file, ...(options?.clock ? { clock: options.clock } : {}) });
  },
  openSecond: (storage) => Promise.resolve({ ...storage, close: () => Promise.resolve() }),
  tamperLegalLogEntry: unsupported,
  deleteLegalLogEntry: unsupported,
  clearSentTimes: unsupported,
};

describeAccessLog('sqlite', sqliteHarness);

void describe('access log migration on SQLite', () => {
  it('upgrades a version 1 database and links existing mailboxes', async () => {
    const file = join(root, 'upgrade.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec(
      'create table schema_migrations (version integer primary key, name text not null, applied_at bigint not null)',
    );
    for (const statement of initial.statements('sqlite')) raw.exec(statement);
    raw.prepare("insert into schema_migrations values (1, 'initial', 0)").run();
    raw.prepare("insert into domains values ('pec.example.it', null, 0)").run();
    raw
      .prepare(
        `insert into mailboxes (address, domain, holder_name, quota_bytes, status, ordinary_mail_policy, created_at, updated_at)
         values ('old@pec.example.it', 'pec.example.it', 'Anna', 1000, 'active', 'reject', 0, 0)`,
      )
      .run();
    raw.close();
    const storage = await openSqliteStorage({ file });
    try {
      const mailbox = await storage.accounts.findMailboxByAddress('old@pec.example.it');
      assert.ok(mailbox !== undefined);
      await storage.accessLog.append({
        mailboxId: mailbox.id,
        address: mailbox.address,
        at: new Date('2026-01-01T00:00:00Z'),
        protocol: 'pop3',
        remoteAddress: '127.0.0.1',
        clientId: null,
        outcome: 'success',
      });
      assert.equal(await storage.accessLog.count({ mailboxId: mailbox.id }), 1);
    } finally {
      await storage.close();
    }
    const check = new BetterSqlite3(file, { readonly: true });
    try {
      assert.deepEqual(
        check.prepare('select version from schema_migrations order by version').all(),
        migrations.map((migration) => ({ version: migration.version })),
      );
    } finally {
      check.close();
    }
  });
});

const adminUrl = process.env['PEC_TEST_POSTGRES_URL'];
if (adminUrl === undefined || adminUrl === '') {
  void describe('access log on PostgreSQL', () => {
    it('runs the access log contract on PostgreSQL', {
      skip: 'PEC_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
    });
  });
} else {
  const prefix = `access_log_${randomBytes(4).toString('hex')}`;
  const schemas: string[] = [];
  after(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });
  const postgresHarness: StorageHarness = {
    open(options): Promise<Storage> {
      const schema = `${prefix}_${schemas.length + 1}`;
      schemas.push(schema);
      return openPostgresStorage({
        url: adminUrl,
        schema,
        maxConnections: 2,
        ...(options?.clock ? { clock: options.clock } : {}),
      });
    },
    openSecond: unsupported,
    tamperLegalLogEntry: unsupported,
    deleteLegalLogEntry: unsupported,
    clearSentTimes: unsupported,
  };
  describeAccessLog('postgres', postgresHarness);
}
