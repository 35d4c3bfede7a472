// Failed logins counted on one node hold back the same address on another: two authenticators on
// two storages opened on one database (an SQLite file; a PostgreSQL database when
// PEC_TEST_POSTGRES_URL is set, one new database per run). After 30 wrong passwords from one
// address on node 1, the holder signs in from another address on node 2, while the guessing
// address is delayed on node 2 too.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { Storage } from '../../ports/storage.ts';
import { openPostgresStorage } from '../../storage/postgres/open-postgres-storage.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createAccountService } from './create-account-service.ts';
import { createAuthenticator } from './create-authenticator.ts';

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

type Opener = () => Promise<[Storage, Storage]>;

function describeSharedThrottle(name: string, open: Opener): void {
  void describe(`login throttle shared by two nodes (${name})`, () => {
    it('counts failures on node 1 against the address on node 2, never against the holder elsewhere', async () => {
      const [one, two] = await open();
      try {
        let now = new Date('2026-05-01T10:00:00Z');
        const clock = { now: () => now };
        const accounts = createAccountService({ storage: one, clock });
        await accounts.addDomain('pec.example.it');
        await accounts.createMailbox({ address: 'anna@pec.example.it', password: 'anna-password' });
        const node1 = createAuthenticator({
          accounts: one.accounts,
          throttleStore: one.loginThrottle,
          clock,
        });
        const node2 = createAuthenticator({
          accounts: two.accounts,
          throttleStore: two.loginThrottle,
          clock,
        });
        const login = (node: typeof node1, password: string, remoteAddress: string) =>
          node.authenticate({ username: 'anna@pec.example.it', password, protocol: 'imap', remoteAddress });

        const refusals = new Set<string>();
        for (let i = 0; i < 30; i++) {
          now = new Date(now.getTime() + 1000);
          const result = await login(node1, `guess-${i}`, '198.51.100.7');
          if (result.ok) assert.fail('a wrong password was accepted');
          refusals.add(result.refusal.reason);
        }
        assert.deepEqual([...refusals].sort(), ['authentication-failed', 'too-many-failures']);
        assert.deepEqual(await login(node2, 'anna-password', '198.51.100.7'), {
          ok: false,
          refusal: { reason: 'too-many-failures' },
        });
        assert.equal((await login(node2, 'anna-password', '203.0.113.20')).ok, true);
      } finally {
        await two.close();
        await one.close();
      }
    });
  });
}

const root = await mkdtemp(join(tmpdir(), 'pec-shared-throttle-'));
after(() => rm(root, { recursive: true, force: true }));

describeSharedThrottle('sqlite', async () => {
  const file = join(root, 'pec.sqlite');
  return [await openSqliteStorage({ file }), await openSqliteStorage({ file })];
});

if (postgresUrl !== undefined) {
  const url = postgresUrl;
  describeSharedThrottle('postgres', async () => [
    await openPostgresStorage({ url }),
    await openPostgresStorage({ url }),
  ]);
}
