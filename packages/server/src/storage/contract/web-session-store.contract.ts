/**
 * Contract of WebSessionStore for every adapter: a session inserted is found by its hash with every
 * field, activity moves forward only, removal ends it, and (for adapters shared by several
 * processes) a session written through one handle is found through another.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebSessionRecord, WebSessionStore } from '../../ports/web-session-store.ts';

export interface WebSessionStoreHarness {
  /** A fresh store, and a second handle on the same sessions (another node, or the same object). */
  open(): Promise<{ first: WebSessionStore; second: WebSessionStore; close(): Promise<void> }>;
}

const at = (ms: number): Date => new Date(Date.UTC(2026, 11, 7) + ms);

function session(idHash: string, mailboxId: number): WebSessionRecord {
  return {
    idHash,
    mailboxId,
    address: `holder${String(mailboxId)}@pec.example.it`,
    displayName: 'Mario Rossi',
    staySignedIn: mailboxId % 2 === 0,
    createdAt: at(0),
    lastSeenAt: at(0),
    expiresAt: at(3_600_000),
    userAgent: mailboxId % 2 === 0 ? null : 'Mozilla/5.0',
    remoteAddress: '192.0.2.7',
  };
}

export function describeWebSessionStore(name: string, harness: WebSessionStoreHarness): void {
  void describe(`WebSessionStore contract (${name})`, () => {
    void it('finds, touches and removes sessions by hash, across handles', async () => {
      const opened = await harness.open();
      const { first, second } = opened;
      try {
        const one = session('a'.repeat(64), 1);
        const two = session('b'.repeat(64), 2);
        await first.insert(one);
        await first.insert(two);
        assert.deepEqual(await second.find(one.idHash), one);
        assert.deepEqual(await second.find(two.idHash), two);
        assert.equal(await second.find('c'.repeat(64)), undefined);

        await second.touch(one.idHash, at(60_000));
        assert.deepEqual((await first.find(one.idHash))?.lastSeenAt, at(60_000));
        // Activity never moves back (a node whose clock lags).
        await first.touch(one.idHash, at(30_000));
        assert.deepEqual((await second.find(one.idHash))?.lastSeenAt, at(60_000));
        await first.touch('c'.repeat(64), at(1));

        await second.remove(one.idHash);
        assert.equal(await first.find(one.idHash), undefined);
        assert.deepEqual(await first.find(two.idHash), two);
        await first.remove(one.idHash);
      } finally {
        await opened.close();
      }
    });

    void it('lists a box’s sessions, ends the others, and purges the expired and idle ones', async () => {
      const opened = await harness.open();
      const { first, second } = opened;
      try {
        const base = session('d'.repeat(64), 7);
        const older = { ...base, idHash: 'e'.repeat(64), createdAt: at(-10), lastSeenAt: at(-10) };
        const pending = { ...base, idHash: 'f'.repeat(64), secondFactorPending: true as const };
        const other = session('0'.repeat(64), 8);
        for (const record of [older, base, pending, other]) await first.insert(record);
        const listed = await second.listForMailbox(7);
        assert.deepEqual(
          listed.map((record) => record.idHash),
          [base.idHash, pending.idHash, older.idHash],
        );
        assert.deepEqual(listed[1], pending);
        assert.equal(await second.removeForMailbox(7, base.idHash), 2);
        assert.deepEqual(
          (await first.listForMailbox(7)).map((record) => record.idHash),
          [base.idHash],
        );
        assert.equal((await first.listForMailbox(8)).length, 1);

        // Ordinary sessions end when idle; "stay signed in" ones only at their absolute end.
        const idle = { ...session('1'.repeat(64), 9), lastSeenAt: at(-100) };
        const kept = { ...session('2'.repeat(64), 10), lastSeenAt: at(0) };
        await first.insert(idle);
        await first.insert(kept);
        assert.equal(kept.staySignedIn, true);
        assert.equal(await second.purgeExpired(at(1000), at(-50)), 1);
        assert.equal(await first.find(idle.idHash), undefined);
        assert.deepEqual(await first.find(kept.idHash), kept);
        assert.equal(await second.purgeExpired(at(3_600_000), at(0)), 3);
        assert.equal(await first.find(kept.idHash), undefined);
        assert.equal(await first.removeForMailbox(7), 0);
      } finally {
        await opened.close();
      }
    });
  });
}
