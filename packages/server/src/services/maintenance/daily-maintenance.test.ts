// Daily maintenance run by two nodes on one database (an SQLite file; a PostgreSQL database when
// PEC_TEST_POSTGRES_URL is set): both tick on the same day and each purge runs exactly once; rows
// past their retention are gone (legal log prefix with its purge record, access history,
// quarantine records and bytes, stale throttle counters) and recent ones stay. The next day runs
// again; a failing job is recorded and does not stop the others.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { openFsBlobStore } from '../../storage/blobs-fs/open-fs-blob-store.ts';
import { openPostgresBlobStore } from '../../storage/blobs-postgres/open-postgres-blob-store.ts';
import { openPostgresStorage } from '../../storage/postgres/open-postgres-storage.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createLoginThrottle } from '../accounts/create-login-throttle.ts';
import { createSharedQuarantine } from '../quarantine/create-shared-quarantine.ts';
import { createDailyMaintenance, type MaintenanceOutcome } from './create-daily-maintenance.ts';
import { createRetentionPurges } from './retention-purges.ts';

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

const root = await mkdtemp(join(tmpdir(), 'pec-maintenance-'));
after(() => rm(root, { recursive: true, force: true }));

interface Node {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  close(): Promise<void>;
}

type Opener = () => Promise<[Node, Node]>;

const at = (iso: string): Date => new Date(iso);

function describeClusterMaintenance(name: string, open: Opener): void {
  void describe(`daily maintenance on two nodes (${name})`, () => {
    it('runs each purge once per day across both nodes, removing only what expired', async () => {
      const [one, two] = await open();
      try {
        let now = at('2029-08-01T02:00:00.000Z');
        const clock = { now: () => now };
        const quarantineOf = (node: Node) =>
          createSharedQuarantine({
            records: node.storage.quarantine,
            blobs: node.blobs,
            isBlobReferenced: (key) => node.storage.mailboxes.isBlobReferenced(key),
            retentionMonths: 30,
            clock,
          });

        // Old and recent rows of every kind, written through node one.
        const entry = (iso: string, msgid: string) => ({
          at: at(iso),
          eventType: 'pec.acceptance.issued',
          msgid,
          sender: 'mario@pec.example.it',
          recipients: ['anna@pec.example.org'],
          subject: 'x',
          relatedMsgids: [],
          sendingProvider: null,
        });
        await one.storage.legalLog.append(entry('2027-01-10T00:00:00.000Z', 'old-1'));
        await one.storage.legalLog.append(entry('2027-01-20T00:00:00.000Z', 'old-2'));
        await one.storage.legalLog.append(entry('2027-03-01T00:00:00.000Z', 'young'));
        for (const iso of ['2027-01-15T00:00:00.000Z', '2029-07-31T00:00:00.000Z']) {
          await one.storage.accessLog.append({
            mailboxId: null,
            address: 'anna@pec.example.it',
            at: at(iso),
            protocol: 'imap',
            remoteAddress: '192.0.2.1',
            clientId: null,
            outcome: 'failure',
          });
        }
        const detection = {
          point: 'reception',
          signature: 'Eicar',
          sender: 'a@x.it',
          recipients: ['b@y.it'],
        } as const;
        const oldVirus = await quarantineOf(one).put(Buffer.from('old virus'), {
          ...detection,
          detectedAt: at('2027-01-31T00:00:00.000Z'),
        });
        const newVirus = await quarantineOf(one).put(Buffer.from('new virus'), {
          ...detection,
          detectedAt: at('2028-01-01T00:00:00.000Z'),
        });
        const throttle = createLoginThrottle(one.storage.loginThrottle);
        await throttle.recordFailure('anna@pec.example.it', '192.0.2.1', at('2029-01-01T00:00:00.000Z'));
        await throttle.recordFailure('anna@pec.example.it', '192.0.2.2', at('2029-07-31T23:00:00.000Z'));

        // A web session ended a day ago, one idle for two hours (ordinary), and one still live.
        const webSession = (idHash: string, lastSeen: string, ends: string, staySignedIn: boolean) => ({
          idHash: idHash.repeat(64),
          mailboxId: 1,
          address: 'anna@pec.example.it',
          displayName: 'Anna',
          staySignedIn,
          createdAt: at('2029-07-01T00:00:00.000Z'),
          lastSeenAt: at(lastSeen),
          expiresAt: at(ends),
          userAgent: null,
          remoteAddress: '192.0.2.1',
        });
        await one.storage.webSessions.insert(
          webSession('a', '2029-07-30T00:00:00.000Z', '2029-07-31T00:00:00.000Z', true),
        );
        await one.storage.webSessions.insert(
          webSession('b', '2029-07-31T23:00:00.000Z', '2029-08-05T00:00:00.000Z', false),
        );
        await one.storage.webSessions.insert(
          webSession('c', '2029-07-31T23:00:00.000Z', '2029-08-20T00:00:00.000Z', true),
        );

        // Administrative sessions: one ended, one idle for over 15 minutes, one alive.
        const operator = await one.storage.admin.createPrincipal({
          email: 'ops@provider.example',
          role: 'admin',
          displayName: 'Ops',
          passwordHash: null,
          domains: [],
          createdAt: at('2029-07-01T00:00:00.000Z'),
        });
        const adminSession = (idHash: string, lastSeen: string, ends: string) => ({
          idHash: idHash.repeat(64),
          principalId: operator.id,
          createdAt: at('2029-07-31T20:00:00.000Z'),
          lastSeenAt: at(lastSeen),
          expiresAt: at(ends),
          userAgent: null,
          remoteAddress: '192.0.2.9',
          secondFactorPending: false,
        });
        await one.storage.admin.insertSession(
          adminSession('d', '2029-07-31T21:00:00.000Z', '2029-07-31T22:00:00.000Z'),
        );
        await one.storage.admin.insertSession(
          adminSession('e', '2029-07-31T23:00:00.000Z', '2029-08-01T04:00:00.000Z'),
        );
        await one.storage.admin.insertSession(
          adminSession('f', '2029-08-01T01:55:00.000Z', '2029-08-01T04:00:00.000Z'),
        );

        const errors: unknown[] = [];
        const maintenanceOf = (node: Node, label: string) =>
          createDailyMaintenance({
            runs: node.storage.maintenanceRuns,
            node: label,
            clock,
            onError: (error) => errors.push(error),
            jobs: createRetentionPurges({
              legalLog: node.storage.legalLog,
              logMonths: 30,
              accessLog: node.storage.accessLog,
              accessLogMonths: 30,
              quarantines: [quarantineOf(node)],
              loginThrottle: createLoginThrottle(node.storage.loginThrottle),
              runs: node.storage.maintenanceRuns,
              webSessions: {
                purgeExpired: (now) =>
                  node.storage.webSessions.purgeExpired(now, new Date(now.getTime() - 30 * 60_000)),
              },
              adminSessions: {
                purgeExpired: (now) =>
                  node.storage.admin.purgeSessions(now, new Date(now.getTime() - 15 * 60_000)),
              },
              messageTexts: node.storage.messageTexts,
            }),
          });
        const nodeOne = maintenanceOf(one, 'node-1');
        const nodeTwo = maintenanceOf(two, 'node-2');

        const ranBy = (outcomes: MaintenanceOutcome[]) => outcomes.filter((o) => o.ran).map((o) => o.job);
        const [first, second] = await Promise.all([nodeOne.runDue(), nodeTwo.runDue()]);
        const jobs = [
          'legal-log-purge',
          'access-log-purge',
          'quarantine-purge',
          'maintenance-runs-purge',
          'login-throttle-purge',
          'web-sessions-purge',
          'admin-sessions-purge',
          'message-text-orphans',
        ];
        assert.deepEqual(
          [...ranBy(first), ...ranBy(second)].sort(),
          [...jobs].sort(),
          'each job ran exactly once',
        );
        assert.deepEqual(errors, []);
        // Later ticks the same day run nothing.
        assert.deepEqual(ranBy(await nodeOne.runDue()), []);
        assert.deepEqual(ranBy(await nodeTwo.runDue()), []);

        // 30 months before 2029-08-01 is 2027-02-01: older entries went, the prefix only.
        const log = await two.storage.legalLog.search({});
        assert.deepEqual(
          log.map((e) => e.msgid),
          ['young'],
        );
        assert.deepEqual(await two.storage.legalLog.verifyChain(), { ok: true, checked: 1 });
        assert.deepEqual(
          (await two.storage.legalLog.listPurges()).map((p) => [p.fromSeq, p.throughSeq, p.count]),
          [[1, 2, 2]],
        );
        assert.deepEqual(
          (await two.storage.accessLog.list({})).map((e) => e.at.toISOString()),
          ['2029-07-31T00:00:00.000Z'],
        );
        assert.deepEqual(
          (await two.storage.quarantine.list()).map((r) => r.id),
          [newVirus.id],
        );
        assert.equal(await two.blobs.has(oldVirus.sha256), false);
        assert.equal(await two.blobs.has(newVirus.sha256), true);
        const counters = await two.storage.loginThrottle.read(['address:192.0.2.1', 'address:192.0.2.2']);
        assert.deepEqual([...counters.keys()], ['address:192.0.2.2']);

        assert.equal(await two.storage.webSessions.find('a'.repeat(64)), undefined);
        assert.equal(await two.storage.webSessions.find('b'.repeat(64)), undefined);
        assert.equal((await two.storage.webSessions.find('c'.repeat(64)))?.idHash, 'c'.repeat(64));
        assert.equal(await two.storage.admin.findSession('d'.repeat(64)), undefined);
        assert.equal(await two.storage.admin.findSession('e'.repeat(64)), undefined);
        assert.equal((await two.storage.admin.findSession('f'.repeat(64)))?.idHash, 'f'.repeat(64));

        const runs = await two.storage.maintenanceRuns.list();
        assert.equal(runs.length, jobs.length);
        assert.ok(runs.every((run) => run.day === '2029-08-01' && run.outcome?.startsWith('ok: ')));
        assert.equal(
          runs.find((run) => run.task === 'legal-log-purge')?.outcome?.startsWith('ok: 2 entries'),
          true,
        );

        // The next day, the jobs are due again, once.
        now = at('2029-08-02T02:00:00.000Z');
        const [third, fourth] = await Promise.all([nodeTwo.runDue(), nodeOne.runDue()]);
        assert.equal(ranBy(third).length + ranBy(fourth).length, jobs.length);
      } finally {
        await two.close();
        await one.close();
      }
    });
  });
}

void describe('daily maintenance', () => {
  it('records a failing job, tells onError, and still runs the others', async () => {
    const storage = await openSqliteStorage({ file: ':memory:' });
    try {
      const errors: [unknown, string | undefined][] = [];
      const maintenance = createDailyMaintenance({
        runs: storage.maintenanceRuns,
        node: 'node-1',
        clock: { now: () => at('2029-08-01T02:00:00.000Z') },
        onError: (error, job) => errors.push([error, job]),
        jobs: [
          { name: 'broken', run: () => Promise.reject(new Error('disk on fire')) },
          { name: 'fine', run: () => Promise.resolve('done') },
        ],
      });
      const outcomes = await maintenance.runDue();
      assert.deepEqual(
        outcomes.map((o) => [o.job, o.ran, 'summary' in o ? o.summary : null]),
        [
          ['broken', true, null],
          ['fine', true, 'done'],
        ],
      );
      assert.equal(errors[0]?.[1], 'broken');
      assert.deepEqual(
        (await storage.maintenanceRuns.list()).map((run) => [run.task, run.outcome]),
        [
          ['broken', 'failed: disk on fire'],
          ['fine', 'ok: done'],
        ],
      );
      assert.throws(() =>
        createDailyMaintenance({
          runs: storage.maintenanceRuns,
          node: 'n',
          clock: { now: () => new Date() },
          onError: () => undefined,
          jobs: [
            { name: 'same', run: () => Promise.resolve('') },
            { name: 'same', run: () => Promise.resolve('') },
          ],
        }),
      );
    } finally {
      await storage.close();
    }
  });
});

// better-sqlite3 is synchronous: a second connection in this process would block the event loop in
// its busy handler while the first holds a transaction, so the second node shares the connection
// (as storage/sqlite/sqlite.test.ts does); PostgreSQL below has two real nodes.
describeClusterMaintenance('sqlite', async () => {
  const storage = await openSqliteStorage({ file: join(root, 'pec.sqlite') });
  const blobs = await openFsBlobStore({ dir: join(root, 'blobs') });
  return [
    { storage, blobs, close: () => storage.close() },
    { storage: { ...storage, close: () => Promise.resolve() }, blobs, close: () => Promise.resolve() },
  ];
});

if (postgresUrl !== undefined) {
  const url = postgresUrl;
  describeClusterMaintenance('postgres', async () => {
    const node = async (): Promise<Node> => {
      const storage = await openPostgresStorage({ url });
      const blobs = await openPostgresBlobStore({ url });
      return {
        storage,
        blobs,
        close: async () => {
          await blobs.close();
          await storage.close();
        },
      };
    };
    return [await node(), await node()];
  });
}
