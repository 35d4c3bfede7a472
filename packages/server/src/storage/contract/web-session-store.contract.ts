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
  });
}
