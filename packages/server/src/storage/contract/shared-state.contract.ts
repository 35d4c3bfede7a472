/**
 * Contract of the state every node shares through the metadata storage: failed-login counters
 * (LoginThrottleStore, written through one handle and read through another), daily
 * maintenance claims (exactly one winner per task and day, whichever handle claims), and the
 * quarantine records (idempotent add, expiry, and byte removal only while no record names them).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QuarantineRecord } from '../../ports/quarantine-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { describeLoginThrottleStore } from './login-throttle-store.contract.ts';
import { describeWebSessionStore } from './web-session-store.contract.ts';
import { withStorage, type StorageHarness } from './storage-harness.ts';

async function withTwo(
  harness: StorageHarness,
  fn: (first: Storage, second: Storage) => Promise<void>,
): Promise<void> {
  await withStorage(harness, async (first) => {
    const second = await harness.openSecond(first);
    try {
      await fn(first, second);
    } finally {
      await second.close();
    }
  });
}

function record(sha: string, day: number, point: 'access' | 'reception' = 'access'): QuarantineRecord {
  const detectedAt = new Date(Date.UTC(2026, 0, day, 10));
  return {
    version: 1,
    id: `${sha}.${detectedAt.toISOString().replace(/[-:.]/g, '')}.${point}`,
    sha256: sha,
    size: 42,
    detectedAt: detectedAt.toISOString(),
    point,
    signature: 'Eicar-Test-Signature',
    sender: 'mario@pec.example.it',
    recipients: ['a@pec.example.org', 'b@example.com'],
    ...(point === 'access' ? { identifier: 'opec-1@pec.example.it' } : {}),
    retainUntil: new Date(Date.UTC(2028, 6, day, 10)).toISOString(),
  };
}

export function describeSharedState(name: string, harness: StorageHarness): void {
  describeWebSessionStore(`${name} storage`, {
    async open() {
      const first = await harness.open();
      const second = await harness.openSecond(first);
      return {
        first: first.webSessions,
        second: second.webSessions,
        close: async () => {
          await second.close();
          await first.close();
        },
      };
    },
  });
  describeLoginThrottleStore(`${name} storage`, {
    async open() {
      const first = await harness.open();
      const second = await harness.openSecond(first);
      return {
        first: first.loginThrottle,
        second: second.loginThrottle,
        close: async () => {
          await second.close();
          await first.close();
        },
      };
    },
  });

  void describe(`Shared state contract (${name})`, () => {
    void it('lets exactly one of many concurrent claims of a day win, across handles', () =>
      withTwo(harness, async (first, second) => {
        const at = new Date('2026-05-01T03:00:00Z');
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 === 0 ? first : second).maintenanceRuns.claim('purge', '2026-05-01', `node-${i}`, at),
          ),
        );
        assert.equal(claims.filter(Boolean).length, 1);
        assert.equal(await first.maintenanceRuns.claim('other', '2026-05-01', 'node-0', at), true);
        assert.equal(await second.maintenanceRuns.claim('purge', '2026-05-02', 'node-1', at), true);
        await first.maintenanceRuns.finish(
          'purge',
          '2026-05-01',
          new Date('2026-05-01T03:00:05Z'),
          'ok: 3 rows',
        );
        const runs = await second.maintenanceRuns.list('purge');
        assert.deepEqual(
          runs.map((run) => [run.day, run.finishedAt?.toISOString() ?? null, run.outcome]),
          [
            ['2026-05-02', null, null],
            ['2026-05-01', '2026-05-01T03:00:05.000Z', 'ok: 3 rows'],
          ],
        );
        assert.equal(runs[1]?.node, `node-${claims.indexOf(true)}`);
        assert.equal(await first.maintenanceRuns.purge('2026-05-02'), 2);
        assert.deepEqual(
          (await first.maintenanceRuns.list()).map((run) => run.day),
          ['2026-05-02'],
        );
      }));

    void it('keeps quarantine records: one per detection, oldest first, deleted at retainUntil', () =>
      withTwo(harness, async (first, second) => {
        const sha = 'a'.repeat(64);
        const a = record(sha, 5);
        const b = record('b'.repeat(64), 3, 'reception');
        assert.deepEqual(await first.quarantine.add(a), { record: a, created: true });
        assert.deepEqual(await second.quarantine.add({ ...a, signature: 'other' }), {
          record: a,
          created: false,
        });
        await second.quarantine.add(b);
        assert.deepEqual(await first.quarantine.list(), [b, a]);
        assert.deepEqual(await first.quarantine.deleteExpired(new Date(Date.parse(b.retainUntil) - 1)), []);
        assert.deepEqual(await first.quarantine.deleteExpired(new Date(b.retainUntil)), [b]);
        assert.deepEqual(await second.quarantine.list(), [a]);
      }));

    void it('removes bytes only while no record names them, and never under a concurrent add', () =>
      withTwo(harness, async (first, second) => {
        const sha = 'c'.repeat(64);
        let removed = 0;
        const remove = () => {
          removed += 1;
          return Promise.resolve(true);
        };
        await first.quarantine.add(record(sha, 7));
        assert.equal(await second.quarantine.removeUnnamed(sha, remove), false);
        assert.equal(removed, 0);
        await first.quarantine.deleteExpired(new Date('2100-01-01T00:00:00Z'));
        // A removal that is slow to finish holds the hash: the add waits for it, then stands.
        let release: () => void = () => undefined;
        const slow = second.quarantine.removeUnnamed(
          sha,
          () =>
            new Promise<boolean>((resolve) => {
              removed += 1;
              release = () => {
                resolve(true);
              };
            }),
        );
        const removals = (): number => removed;
        while (removals() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        let added = false;
        const add = first.quarantine.add(record(sha, 8)).then(() => {
          added = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(added, false, 'the add waits for the removal of the same hash');
        release();
        assert.equal(await slow, true);
        await add;
        assert.equal(await first.quarantine.removeUnnamed(sha, remove), false);
      }));
  });
}
