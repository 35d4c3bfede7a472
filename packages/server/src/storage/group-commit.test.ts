// Group commit (decision 0044): concurrent writes share fsyncs, and no caller resumes (no
// acknowledgement can be sent) before a sync that started after its write has completed. The
// fsync is injected, so the tests count and hold it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createGroupCommit } from './group-commit.ts';
import { openSqliteStorage } from './sqlite/open-sqlite-storage.ts';

/** A sync held until `release()`, counting how many started and how many completed. */
function heldSync(): {
  sync: () => Promise<void>;
  release: () => void;
  started: () => number;
  done: () => number;
} {
  let started = 0;
  let done = 0;
  let open = false;
  const waiting: (() => void)[] = [];
  return {
    sync: async () => {
      started += 1;
      if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
      done += 1;
    },
    release: () => {
      open = true;
      for (const resolve of waiting.splice(0)) resolve();
    },
    started: () => started,
    done: () => done,
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

void describe('createGroupCommit', () => {
  void it('makes 50 concurrent writers share two fsyncs and resolves none before its fsync', async () => {
    const held = heldSync();
    const group = createGroupCommit(held.sync);
    const resolvedAfter: number[] = [];
    const writers = Array.from({ length: 50 }, async () => {
      group.noteWrite();
      await group.durable();
      resolvedAfter.push(held.done());
    });
    await settle();
    assert.equal(held.started(), 1, 'one fsync runs, the others wait behind it');
    assert.deepEqual(resolvedAfter, [], 'nothing resolves while the fsync is held');
    held.release();
    await Promise.all(writers);
    // The first writer's fsync started before the others wrote, so it cannot cover them: they
    // share the second one.
    assert.equal(held.started(), 2);
    assert.ok(resolvedAfter.every((done) => done >= 1));
    assert.ok(
      resolvedAfter.slice(1).every((done) => done === 2),
      'the later writers wait for the second',
    );
  });

  void it('makes writes noted during an fsync wait for the next one, which they share', async () => {
    const held = heldSync();
    const group = createGroupCommit(held.sync);
    group.noteWrite();
    const first = group.durable();
    await settle();
    let lateResolved = 0;
    const late = Array.from({ length: 20 }, async () => {
      group.noteWrite();
      await group.durable();
      lateResolved += 1;
    });
    await settle();
    assert.equal(held.started(), 1, 'at most one fsync at a time');
    held.release();
    await first;
    await Promise.all(late);
    assert.equal(lateResolved, 20);
    assert.equal(held.started(), 2, 'the late writers share one second fsync');
  });

  void it('resolves at once with nothing written, and rejects the writers of a failed fsync', async () => {
    let calls = 0;
    const group = createGroupCommit(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('EIO')) : Promise.resolve();
    });
    await group.durable();
    assert.equal(calls, 0);
    group.noteWrite();
    await assert.rejects(group.durable(), /EIO/);
    await group.durable();
    assert.equal(calls, 2, 'the next durable() syncs again');
  });
});

void describe('SQLite storage with group commit', () => {
  const rootPromise = mkdtemp(join(tmpdir(), 'pec-group-commit-'));
  after(async () => rm(await rootPromise, { recursive: true, force: true }));

  void it('makes 30 concurrent transactions share a few WAL fsyncs, each returning after one', async () => {
    const held = heldSync();
    let syncing = (): Promise<void> => Promise.resolve(); // the migrations' syncs pass at once
    const storage = await openSqliteStorage({
      file: join(await rootPromise, 'a.sqlite'),
      syncWal: () => syncing(),
    });
    try {
      syncing = held.sync;
      const resolvedAfter: number[] = [];
      const units = Array.from({ length: 30 }, async (_, i) => {
        await storage.transaction((tx) => tx.accounts.addDomain({ name: `d${i}.example.it` }));
        resolvedAfter.push(held.done());
      });
      const direct = (async () => {
        await storage.accounts.addDomain({ name: 'direct.example.it' });
        resolvedAfter.push(held.done());
      })();
      // Let every unit commit while the first fsync is held.
      for (let i = 0; i < 50; i += 1) await settle();
      assert.equal(held.started(), 1, 'one fsync at a time');
      assert.deepEqual(resolvedAfter, [], 'no unit of work returns while its fsync is held');
      held.release();
      await Promise.all([...units, direct]);
      assert.equal(resolvedAfter.length, 31);
      assert.ok(resolvedAfter.every((done) => done >= 1));
      assert.ok(held.started() <= 3, `31 commits took ${held.started()} fsyncs`);
      assert.equal((await storage.accounts.listDomains()).length, 31);
    } finally {
      held.release();
      await storage.close();
    }
  });

  void it('lets a read return at once with nothing pending, and after the fsync of what it could see', async () => {
    const held = heldSync();
    held.release();
    let syncing = held.sync;
    const storage = await openSqliteStorage({
      file: join(await rootPromise, 'c.sqlite'),
      syncWal: () => syncing(),
    });
    try {
      await storage.accounts.addDomain({ name: 'read.example.it' });
      const started = held.started();
      assert.equal((await storage.accounts.getDomain('read.example.it'))?.name, 'read.example.it');
      assert.equal(held.started(), started, 'a read starts no fsync');

      const gated = heldSync();
      syncing = gated.sync;
      const write = storage.accounts.addDomain({ name: 'pending.example.it' });
      while (gated.started() === 0) await settle(); // committed, its fsync held
      let readDone = false;
      const read = storage.accounts.getDomain('pending.example.it').then((found) => {
        readDone = true;
        return found;
      });
      for (let i = 0; i < 20; i += 1) await settle();
      assert.equal(readDone, false, 'a read that may have seen an unsynced commit waits for its fsync');
      gated.release();
      await write;
      assert.equal((await read)?.name, 'pending.example.it');
    } finally {
      await storage.close();
    }
  });
  void it('starts no fsync for a transaction that only read, and one for a transaction that wrote', async () => {
    const held = heldSync();
    held.release();
    const storage = await openSqliteStorage({
      file: join(await rootPromise, 'e.sqlite'),
      syncWal: held.sync,
    });
    try {
      await storage.accounts.addDomain({ name: 'seen.example.it' });
      const before = held.started();
      // An empty outbox claim is such a transaction: BEGIN IMMEDIATE, a SELECT, COMMIT.
      assert.deepEqual(await storage.queue.claim({ owner: 'n', leaseMs: 1000 }), []);
      await storage.transaction(async (tx) => {
        assert.equal((await tx.accounts.getDomain('seen.example.it'))?.name, 'seen.example.it');
        await tx.transaction((savepoint) => savepoint.accounts.getDomain('seen.example.it'));
      });
      assert.equal(held.started(), before, 'reading transactions start no fsync');
      await storage.transaction((tx) => tx.accounts.addDomain({ name: 'written.example.it' }));
      assert.equal(held.started(), before + 1, 'a transaction that wrote is synced before it returns');
    } finally {
      await storage.close();
    }
  });
  void it('returns units run under deferDurability once committed, and the next waiting unit covers them', async () => {
    const held = heldSync();
    held.release();
    let syncing = held.sync;
    const storage = await openSqliteStorage({
      file: join(await rootPromise, 'd.sqlite'),
      syncWal: () => syncing(),
    });
    try {
      const defer = storage.deferDurability;
      assert.ok(defer !== undefined, 'the embedded store can defer durability (decision 0053)');
      const gated = heldSync();
      syncing = gated.sync;
      const pending = storage.accounts.addDomain({ name: 'pending.example.it' });
      while (gated.started() === 0) await settle(); // committed, its fsync held
      // A lookup and a write under deferDurability return while that fsync is held.
      const found = await defer((deferring) => deferring.accounts.getDomain('pending.example.it'));
      assert.equal(found?.name, 'pending.example.it');
      await defer((deferring) =>
        deferring.transaction((tx) => tx.accounts.addDomain({ name: 'claimed.example.it' })),
      );
      assert.equal(gated.done(), 0, 'nothing was synced meanwhile');
      // Outside it, a unit waits for a sync that covers the deferred write too.
      let readDone = false;
      const read = storage.accounts.getDomain('claimed.example.it').then((domain) => {
        readDone = true;
        return domain;
      });
      for (let i = 0; i < 20; i += 1) await settle();
      assert.equal(readDone, false, 'a unit outside deferDurability still waits');
      gated.release();
      await pending;
      assert.equal((await read)?.name, 'claimed.example.it');
      assert.ok(gated.started() >= 2, 'the deferred write needed a sync after the one held');
    } finally {
      await storage.close();
    }
  });
});
