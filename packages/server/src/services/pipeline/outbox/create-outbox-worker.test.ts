import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../../../ports/storage.ts';
import { openSqliteStorage } from '../../../storage/sqlite/open-sqlite-storage.ts';
import { createOutboxWorker, retryDelayMs } from './create-outbox-worker.ts';

describe('createOutboxWorker', () => {
  let dir: string;
  let storage: Storage;
  let now = new Date('2026-03-10T09:00:00.000Z');
  const clock = { now: () => now };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-outbox-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.db'), clock });
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('computes exponential backoff with a cap', () => {
    const policy = { baseMs: 1000, maxMs: 10_000, maxAttempts: 5 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 60].map((attempts) => retryDelayMs(attempts, policy)),
      [1000, 2000, 4000, 8000, 10_000, 10_000],
    );
  });

  it('runs handlers by kind, completes jobs that did not complete themselves, ignores other kinds', async () => {
    const seen: string[] = [];
    const a = await storage.queue.enqueue({ kind: 'a', payload: { n: 1 }, runAt: now });
    const other = await storage.queue.enqueue({ kind: 'other', payload: null, runAt: now });
    const worker = createOutboxWorker(
      { storage, clock },
      { a: (job) => Promise.resolve(void seen.push(`${job.kind}:${JSON.stringify(job.payload)}`)) },
      { owner: 't', leaseMs: 10_000, pollMs: 10 },
    );
    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(seen, ['a:{"n":1}']);
    assert.equal((await storage.queue.get(a.id))?.status, 'done');
    assert.equal((await storage.queue.get(other.id))?.status, 'ready');
    await storage.queue.delete(other.id);
  });

  it('retries a failing job with backoff, then marks it failed after maxAttempts', async () => {
    const job = await storage.queue.enqueue({ kind: 'flaky', payload: null, runAt: now });
    const errors: unknown[] = [];
    const worker = createOutboxWorker(
      { storage, clock },
      { flaky: () => Promise.reject(new Error('boom')) },
      {
        owner: 't',
        leaseMs: 10_000,
        pollMs: 10,
        retry: { baseMs: 1000, maxMs: 60_000, maxAttempts: 3 },
        onError: (error) => errors.push(error),
      },
    );
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      assert.equal(await worker.runOnce(), 1);
      const state = await storage.queue.get(job.id);
      assert.equal(state?.attempts, attempt);
      assert.equal(state.lastError, 'boom');
      if (attempt < 3) {
        assert.equal(state.status, 'ready');
        delays.push(state.runAt.getTime() - now.getTime());
        assert.equal(await worker.runOnce(), 0);
        now = new Date(state.runAt.getTime());
      } else {
        assert.equal(state.status, 'failed');
      }
    }
    assert.deepEqual(delays, [1000, 2000]);
    assert.equal(errors.length, 3);
  });

  it('start polls, wake cuts the pause short, stop waits for the running job', async () => {
    let release: () => void = () => undefined;
    const started: number[] = [];
    const finished: number[] = [];
    const worker = createOutboxWorker(
      { storage, clock },
      {
        slow: async (job) => {
          started.push(job.id);
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          finished.push(job.id);
        },
      },
      { owner: 't', leaseMs: 10_000, pollMs: 60_000 },
    );
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const job = await storage.queue.enqueue({ kind: 'slow', payload: null, runAt: now });
    worker.wake();
    for (let i = 0; i < 100 && started.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(started, [job.id]);
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(stopped, false);
    release();
    await stopping;
    assert.deepEqual(finished, [job.id]);
    assert.equal((await storage.queue.get(job.id))?.status, 'done');
  });

  it('runs up to `concurrency` jobs at once, each under its own lease, and claims more as slots free', async () => {
    const leases = new Set<string>();
    let running = 0;
    let most = 0;
    // Each job waits until three run together: a worker running one job at a time never gets there.
    let third: () => void = () => undefined;
    const threeRunning = new Promise<void>((resolve) => {
      third = resolve;
    });
    const worker = createOutboxWorker(
      { storage, clock },
      {
        overlap: async (job) => {
          running++;
          most = Math.max(most, running);
          if (job.leaseToken !== null && job.leaseOwner === 't') leases.add(`${job.id}`);
          if (running === 3) third();
          await threeRunning;
          await new Promise((resolve) => setImmediate(resolve));
          running--;
        },
      },
      { owner: 't', leaseMs: 10_000, pollMs: 60_000, concurrency: 3 },
    );
    const jobs = await Promise.all(
      Array.from({ length: 7 }, () => storage.queue.enqueue({ kind: 'overlap', payload: null, runAt: now })),
    );
    worker.start();
    await threeRunning;
    for (let i = 0; i < 500; i++) {
      const states = await Promise.all(jobs.map((job) => storage.queue.get(job.id)));
      if (states.every((state) => state?.status === 'done')) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await worker.stop();
    const states = await Promise.all(jobs.map((job) => storage.queue.get(job.id)));
    assert.deepEqual(
      states.map((state) => state?.status),
      jobs.map(() => 'done'),
    );
    assert.equal(most, 3, 'never more than `concurrency` at once');
    assert.equal(leases.size, 7, 'every job ran under a lease');
  });

  it('keeps a wake-up that arrives while it claims, instead of sleeping a whole poll', async () => {
    const ran: number[] = [];
    const worker = createOutboxWorker(
      { storage, clock },
      { woken: (job) => Promise.resolve(void ran.push(job.id)) },
      { owner: 't', leaseMs: 10_000, pollMs: 600_000 },
    );
    // The wake-up lands while the first (empty) claim is in flight: the job is queued and announced
    // in the same tick as `start`, before the claim's answer comes back.
    worker.start();
    const job = await storage.queue.enqueue({ kind: 'woken', payload: null, runAt: now });
    worker.wake();
    for (let i = 0; i < 500 && ran.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    assert.deepEqual(ran, [job.id]);
  });

  it('runs the follow-up job a finished job queued, without waiting for a poll', async () => {
    const ran: string[] = [];
    const worker = createOutboxWorker(
      { storage, clock },
      {
        first: async () => {
          ran.push('first');
          await storage.queue.enqueue({ kind: 'second', payload: null, runAt: now });
        },
        second: () => Promise.resolve(void ran.push('second')),
      },
      { owner: 't', leaseMs: 10_000, pollMs: 600_000 },
    );
    await storage.queue.enqueue({ kind: 'first', payload: null, runAt: now });
    worker.start();
    for (let i = 0; i < 500 && ran.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    assert.deepEqual(ran, ['first', 'second']);
  });

  it('claims for a slot freed while another claim is still under way, never beyond `concurrency`', async () => {
    const limits: number[] = [];
    let inFlight = 0;
    let most = 0;
    let gateOpen = true;
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    // A claim held at the gate stands for one waiting on its fsync (decision 0044).
    const gated: Storage = {
      ...storage,
      queue: {
        ...storage.queue,
        async claim(claimOptions) {
          limits.push(claimOptions.limit ?? 0);
          inFlight++;
          most = Math.max(most, inFlight);
          try {
            if (!gateOpen) await gate;
            return await storage.queue.claim(claimOptions);
          } finally {
            inFlight--;
          }
        },
      },
    };
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstStarted: () => void = () => undefined;
    const firstRunning = new Promise<void>((resolve) => {
      firstStarted = resolve;
    });
    const ran: string[] = [];
    const worker = createOutboxWorker(
      { storage: gated, clock },
      {
        held: async () => {
          firstStarted();
          await firstHeld;
          ran.push('held');
        },
        later: () => Promise.resolve(void ran.push('later')),
      },
      { owner: 't', leaseMs: 10_000, pollMs: 600_000, concurrency: 2 },
    );
    await storage.queue.enqueue({ kind: 'held', payload: null, runAt: now });
    worker.start();
    await firstRunning;
    // From now on claims wait at the gate; a wake-up starts one for the one free slot.
    gateOpen = false;
    const later = await storage.queue.enqueue({ kind: 'later', payload: null, runAt: now });
    worker.wake();
    for (let i = 0; i < 500 && inFlight === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    // The held job ends while that claim waits: its slot is claimed for at once, by a second claim.
    releaseFirst();
    for (let i = 0; i < 500 && most < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(most, 2, 'a second claim started while the first was still under way');
    openGate();
    for (let i = 0; i < 500 && (await storage.queue.get(later.id))?.status !== 'done'; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    assert.deepEqual(ran, ['held', 'later']);
    assert.ok(
      limits.every((limit) => limit <= 2),
      `no claim asked for more than the free slots: ${limits.join(', ')}`,
    );
    assert.deepEqual(limits.slice(0, 3), [2, 1, 1], 'the second claim asked only for the slot that freed');
  });

  it('runs a job written under a reserved slot without claiming it, and never beyond `concurrency`', async () => {
    const ran: number[] = [];
    let finish = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const worker = createOutboxWorker(
      { storage, clock },
      {
        handed: async (job, run) => {
          ran.push(job.id);
          await held;
          await storage.transaction((tx) => run.completeIn(tx));
        },
      },
      { owner: 'node-h', leaseMs: 60_000, pollMs: 60_000, concurrency: 2 },
    );
    assert.equal(worker.reserve('handed'), undefined, 'no slot before start');
    worker.start();
    try {
      assert.equal(worker.reserve('unknown'), undefined, 'no slot for a kind without a handler');
      const first = worker.reserve('handed');
      const second = worker.reserve('handed');
      assert.ok(first !== undefined && second !== undefined);
      assert.equal(worker.reserve('handed'), undefined, 'both slots are held');
      second.release();
      const job = await storage.transaction((tx) =>
        tx.queue.enqueue({ kind: 'handed', payload: null, runAt: now, lease: first.lease }),
      );
      assert.equal(job.leaseOwner, 'node-h');
      first.run(job);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(ran, [job.id], 'run at once, in memory');
      assert.equal((await storage.queue.get(job.id))?.attempts, 1, 'never claimed');
      const third = worker.reserve('handed');
      assert.ok(third !== undefined, 'the slot given back is free again');
      third.release();
      finish();
      await worker.stop();
      assert.equal((await storage.queue.get(job.id))?.status, 'done');
      assert.equal(worker.reserve('handed'), undefined, 'no slot once stopped');
    } finally {
      finish();
      await worker.stop();
    }
  });
});
