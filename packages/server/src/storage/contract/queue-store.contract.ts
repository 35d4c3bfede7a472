/**
 * Contract of QueueStore (the transactional outbox) for every adapter: due-time ordering, claim
 * exclusivity under concurrent claimers on several connections, lease expiry and re-claim,
 * lease-token checks, retry, hold, release, delete, counts and purge.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Job } from '../../ports/queue-store.ts';
import { must, withStorage, type StorageHarness } from './storage-harness.ts';

const t0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);

export function describeQueueStore(name: string, harness: StorageHarness): void {
  void describe(`QueueStore contract (${name})`, () => {
    void it('enqueues JSON payloads and claims only due jobs, oldest first', () =>
      withStorage(
        harness,
        async (storage) => {
          const payload = {
            identifier: 'opec1.2026@pec.example.it',
            recipients: ['a@b.it'],
            n: 1.5,
            ok: true,
            none: null,
          };
          const later = await storage.queue.enqueue({ kind: 'deliver', payload, runAt: at(60_000) });
          const now = await storage.queue.enqueue({ kind: 'deliver', payload: [1, 'two'] });
          const earlier = await storage.queue.enqueue({ kind: 'notify', payload: 'x', runAt: at(-5000) });
          assert.deepEqual(must(await storage.queue.get(later.id)).payload, payload);
          assert.equal(now.runAt.toISOString(), t0.toISOString(), 'runAt defaults to the clock');
          assert.equal(now.status, 'ready');
          assert.equal(now.attempts, 0);
          const claimed = await storage.queue.claim({ owner: 'w1', leaseMs: 30_000, limit: 10, now: t0 });
          assert.deepEqual(
            claimed.map((job) => job.id),
            [earlier.id, now.id],
          );
          const first = must(claimed[0]);
          assert.equal(first.status, 'running');
          assert.equal(first.attempts, 1);
          assert.equal(first.leaseOwner, 'w1');
          assert.equal(first.leaseUntil?.toISOString(), at(30_000).toISOString());
          assert.ok(first.leaseToken !== null && first.leaseToken.length > 0);
          assert.deepEqual(await storage.queue.claim({ owner: 'w1', leaseMs: 1, now: t0 }), []);
          const leased = await storage.queue.claim({
            owner: 'w2',
            leaseMs: 1,
            kinds: ['notify'],
            now: at(20_000),
          });
          assert.deepEqual(leased, [], 'the notify job is leased until t0+30s');
          const notDue = await storage.queue.claim({
            owner: 'w2',
            leaseMs: 1,
            kinds: ['deliver'],
            now: at(20_000),
          });
          assert.deepEqual(notDue, [], 'one deliver job is leased, the other due at t0+60s');
          assert.deepEqual(
            await storage.queue.claim({ owner: 'w2', leaseMs: 1, kinds: [], now: at(120_000) }),
            [],
          );
          const deliver = await storage.queue.claim({
            owner: 'w2',
            leaseMs: 1,
            kinds: ['deliver'],
            limit: 1,
            now: at(120_000),
          });
          assert.deepEqual(
            deliver.map((job) => job.id),
            [now.id],
            'an expired lease comes back first (older runAt), filtered by kind',
          );
        },
        { clock: { now: () => t0 } },
      ));

    void it('never hands one job to two concurrent claimers, across connections too', () =>
      withStorage(harness, async (storage) => {
        const second = await harness.openSecond(storage);
        try {
          const ids = new Set<number>();
          for (let i = 0; i < 60; i += 1) {
            ids.add((await storage.queue.enqueue({ kind: 'deliver', payload: i, runAt: at(i) })).id);
          }
          const seen: number[] = [];
          const worker = async (handle: typeof storage, owner: string): Promise<void> => {
            for (;;) {
              const jobs = await handle.queue.claim({
                owner,
                leaseMs: 600_000,
                limit: 4,
                now: at(1_000_000),
              });
              if (jobs.length === 0) return;
              seen.push(...jobs.map((job) => job.id));
              for (const job of jobs)
                assert.equal(await handle.queue.complete(job.id, must(job.leaseToken)), true);
            }
          };
          await Promise.all([
            worker(storage, 'a'),
            worker(storage, 'b'),
            worker(second, 'c'),
            worker(second, 'd'),
            worker(storage, 'e'),
          ]);
          assert.equal(new Set(seen).size, seen.length, 'no job was claimed twice');
          assert.deepEqual(new Set(seen), ids);
          assert.equal((await storage.queue.countByStatus()).done, 60);
        } finally {
          await second.close();
        }
      }));

    void it('re-offers a job whose lease expired, and only the current lease may finish it', () =>
      withStorage(harness, async (storage) => {
        const job = await storage.queue.enqueue({ kind: 'deliver', payload: {}, runAt: t0 });
        const [first] = await storage.queue.claim({ owner: 'w1', leaseMs: 1000, now: t0 });
        assert.equal(first?.id, job.id);
        assert.deepEqual(await storage.queue.claim({ owner: 'w2', leaseMs: 1000, now: at(999) }), []);
        const [second] = await storage.queue.claim({ owner: 'w2', leaseMs: 1000, now: at(1000) });
        assert.equal(second?.id, job.id);
        assert.equal(second.attempts, 2);
        assert.notEqual(second.leaseToken, first.leaseToken);
        assert.equal(await storage.queue.complete(job.id, must(first.leaseToken)), false, 'stale lease');
        assert.equal(await storage.queue.fail(job.id, must(first.leaseToken), { error: 'late' }), false);
        assert.equal(await storage.queue.extendLease(job.id, must(second.leaseToken), 5000, at(1500)), true);
        assert.deepEqual(
          await storage.queue.claim({ owner: 'w3', leaseMs: 1000, now: at(3000) }),
          [],
          'extended',
        );
        assert.equal(await storage.queue.complete(job.id, must(second.leaseToken)), true);
        const done = must(await storage.queue.get(job.id));
        assert.equal(done.status, 'done');
        assert.equal(done.leaseToken, null);
        assert.equal(await storage.queue.complete(job.id, must(second.leaseToken)), false, 'only once');
        assert.deepEqual(await storage.queue.claim({ owner: 'w3', leaseMs: 1000, now: at(1e9) }), []);
      }));

    void it('writes a job already leased, which no one claims until its lease runs out', () =>
      withStorage(harness, async (storage) => {
        const lease = { owner: 'node-a', leaseMs: 1000 };
        const job = await storage.transaction((tx) =>
          tx.queue.enqueue({ kind: 'deliver', payload: { n: 1 }, runAt: t0, lease }),
        );
        assert.equal(job.status, 'running');
        assert.equal(job.attempts, 1);
        assert.equal(job.leaseOwner, 'node-a');
        assert.equal(job.leaseUntil?.getTime(), at(1000).getTime());
        const token = must(job.leaseToken);
        assert.deepEqual(await storage.queue.claim({ owner: 'w2', leaseMs: 1000, now: at(999) }), []);
        // Run where it was written: its token completes it, once.
        assert.equal(await storage.transaction((tx) => tx.queue.complete(job.id, token)), true);
        assert.equal(must(await storage.queue.get(job.id)).status, 'done');
        assert.deepEqual(await storage.queue.claim({ owner: 'w2', leaseMs: 1000, now: at(1e9) }), []);
        // Never run (its node died): claimable once the lease is out, or at once after a restart.
        const lost = await storage.queue.enqueue({ kind: 'deliver', payload: 2, runAt: t0, lease });
        const [again] = await storage.queue.claim({ owner: 'w2', leaseMs: 1000, now: at(1000) });
        assert.equal(again?.id, lost.id);
        assert.equal(again.attempts, 2);
        assert.equal(await storage.queue.complete(lost.id, must(lost.leaseToken)), false, 'stale lease');
        const orphan = await storage.queue.enqueue({ kind: 'deliver', payload: 3, runAt: t0, lease });
        assert.equal(await storage.queue.releaseLeasesOf('node-a'), 1);
        const [released] = await storage.queue.claim({ owner: 'w2', leaseMs: 1000, now: t0 });
        assert.equal(released?.id, orphan.id);
      }));

    void it('fences a job off from re-claims once complete runs inside the effects transaction', () =>
      withStorage(harness, async (storage) => {
        const second = await harness.openSecond(storage);
        try {
          const job = await storage.queue.enqueue({ kind: 'deliver', payload: {}, runAt: t0 });
          const [leased] = await storage.queue.claim({ owner: 'w1', leaseMs: 1000, now: t0 });
          let rival: Promise<Job[]> | undefined;
          await storage.transaction(async (tx) => {
            assert.equal(await tx.queue.complete(job.id, must(leased?.leaseToken)), true);
            // The lease has expired by now for the rival, but the job row is taken.
            rival = second.queue.claim({ owner: 'w2', leaseMs: 1000, now: at(5000) });
            await tx.queue.enqueue({ kind: 'effect', payload: job.id, runAt: at(1e9) });
          });
          assert.deepEqual(await must(rival), []);
          assert.equal(must(await storage.queue.get(job.id)).status, 'done');
          const stale = await storage.transaction(async (tx) =>
            tx.queue.complete(job.id, must(leased?.leaseToken)),
          );
          assert.equal(stale, false, 'a second completion is refused');
        } finally {
          await second.close();
        }
      }));

    void it('retries at the given time, fails for good without one, and releases failed jobs', () =>
      withStorage(harness, async (storage) => {
        const job = await storage.queue.enqueue({ kind: 'deliver', payload: 1, runAt: t0 });
        const claim = async (ms: number): Promise<Job[]> =>
          storage.queue.claim({ owner: 'w', leaseMs: 100, now: at(ms) });
        const [a] = await claim(0);
        assert.equal(
          await storage.queue.fail(job.id, must(a?.leaseToken), {
            error: '421 try later',
            retryAt: at(5000),
          }),
          true,
        );
        const retrying = must(await storage.queue.get(job.id));
        assert.equal(retrying.status, 'ready');
        assert.equal(retrying.lastError, '421 try later');
        assert.equal(retrying.runAt.toISOString(), at(5000).toISOString());
        assert.deepEqual(await claim(4999), []);
        const [b] = await claim(5000);
        assert.equal(b?.attempts, 2);
        assert.equal(
          await storage.queue.fail(job.id, must(b.leaseToken), { error: '550 no such user' }),
          true,
        );
        const failed = must(await storage.queue.get(job.id));
        assert.equal(failed.status, 'failed');
        assert.equal(failed.lastError, '550 no such user');
        assert.deepEqual(await claim(1e9), []);
        assert.equal(await storage.queue.release(job.id, at(10_000)), true);
        assert.deepEqual(await claim(9999), []);
        assert.equal((await claim(10_000)).length, 1);
      }));

    void it('holds, releases, deletes, lists, counts and purges', () =>
      withStorage(harness, async (storage) => {
        const a = await storage.queue.enqueue({ kind: 'deliver', payload: 'a', runAt: t0 });
        const b = await storage.queue.enqueue({ kind: 'timer', payload: 'b', runAt: at(1) });
        const c = await storage.queue.enqueue({ kind: 'deliver', payload: 'c', runAt: at(2) });
        assert.equal(await storage.queue.hold(a.id), true);
        assert.equal(await storage.queue.hold(a.id), false, 'already held');
        assert.equal(await storage.queue.release(b.id), false, 'only held or failed jobs are released');
        const [running] = await storage.queue.claim({ owner: 'w', leaseMs: 1000, now: at(10) });
        assert.equal(running?.id, b.id, 'held jobs are not claimed');
        assert.equal(await storage.queue.hold(b.id), true, 'holding a running job revokes its lease');
        assert.equal(await storage.queue.complete(b.id, must(running.leaseToken)), false);
        assert.deepEqual(await storage.queue.countByStatus(), {
          ready: 1,
          running: 0,
          held: 2,
          done: 0,
          failed: 0,
        });
        assert.deepEqual(await storage.queue.depthByKind(), [
          { kind: 'deliver', status: 'held', count: 1, oldestRunAt: t0 },
          { kind: 'deliver', status: 'ready', count: 1, oldestRunAt: at(2) },
          { kind: 'timer', status: 'held', count: 1, oldestRunAt: at(1) },
        ]);
        assert.deepEqual(
          (await storage.queue.list({ status: 'held' })).map((job) => job.id),
          [a.id, b.id],
        );
        assert.deepEqual(
          (await storage.queue.list({ kind: 'deliver' })).map((job) => job.payload),
          ['a', 'c'],
        );
        assert.deepEqual(
          (await storage.queue.list({ limit: 1, offset: 1 })).map((job) => job.id),
          [b.id],
        );
        assert.equal(await storage.queue.release(a.id, at(20)), true);
        assert.equal(must(await storage.queue.get(a.id)).status, 'ready');
        assert.equal(await storage.queue.delete(c.id), true);
        assert.equal(await storage.queue.delete(c.id), false);
        assert.equal(await storage.queue.get(c.id), undefined);
        const [claimed] = await storage.queue.claim({ owner: 'w', leaseMs: 1000, now: at(20) });
        assert.equal(claimed?.id, a.id);
        await storage.queue.complete(a.id, must(claimed.leaseToken));
        const purged = await storage.queue.purgeDone(new Date(Date.now() + 60_000));
        assert.equal(purged, 1);
        assert.equal(await storage.queue.get(a.id), undefined);
      }));

    void it("releases a restarted owner's leases at once and leaves other owners' alone", () =>
      withStorage(
        harness,
        async (storage) => {
          const mine = await storage.queue.enqueue({ kind: 'deliver', payload: 1 });
          const theirs = await storage.queue.enqueue({ kind: 'deliver', payload: 2 });
          const waiting = await storage.queue.enqueue({ kind: 'deliver', payload: 3, runAt: at(60_000) });
          const [claimedMine] = await storage.queue.claim({ owner: 'node-a', leaseMs: 60_000, now: t0 });
          const [claimedTheirs] = await storage.queue.claim({ owner: 'node-b', leaseMs: 60_000, now: t0 });
          assert.equal(claimedMine?.id, mine.id);
          assert.equal(claimedTheirs?.id, theirs.id);
          assert.equal(await storage.queue.releaseLeasesOf('node-a'), 1);
          assert.equal(await storage.queue.releaseLeasesOf('node-a'), 0, 'nothing left to release');
          const released = must(await storage.queue.get(mine.id));
          assert.equal(released.status, 'ready');
          assert.equal(released.leaseOwner, null);
          assert.equal(released.attempts, 1, 'the interrupted run still counts');
          assert.equal(must(await storage.queue.get(theirs.id)).leaseOwner, 'node-b');
          assert.equal(must(await storage.queue.get(waiting.id)).status, 'ready');
          // Due at once, long before the 60 s lease would have run out; the old token is void.
          const [again] = await storage.queue.claim({ owner: 'node-a', leaseMs: 60_000, now: at(1) });
          assert.equal(again?.id, mine.id);
          assert.equal(await storage.queue.complete(mine.id, must(claimedMine).leaseToken ?? ''), false);
          assert.equal(await storage.queue.complete(mine.id, must(again).leaseToken ?? ''), true);
        },
        { clock: { now: () => t0 } },
      ));
  });
}
