/**
 * Contract of Locks for every adapter: a held name is refused to every other holder, on this node
 * and on the others, until it is released or its node closes; names are independent; release is
 * idempotent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailboxLockName } from '../ports/locks.ts';
import { withNodes, type CoordinationHarness } from './coordination-harness.ts';

const timeout = 20_000;

export function describeLocks(name: string, harness: CoordinationHarness): void {
  void describe(`Locks contract (${name})`, { timeout }, () => {
    void it('refuses a held name to a second holder on the same node until it is released', () =>
      withNodes(
        () => harness.openLocks(),
        async (locks) => {
          const held = await locks.tryAcquire(mailboxLockName(1));
          assert.ok(held, 'a free name is granted');
          assert.equal(held.name, 'mailbox:1');
          assert.equal(await locks.tryAcquire(mailboxLockName(1)), undefined, 'not re-entrant');
          const other = await locks.tryAcquire(mailboxLockName(2));
          assert.ok(other, 'another name is independent');
          await held.release();
          await held.release();
          const again = await locks.tryAcquire(mailboxLockName(1));
          assert.ok(again, 'granted again after release');
          await Promise.all([again.release(), other.release()]);
        },
      ));

    void it('grants one of several concurrent attempts', () =>
      withNodes(
        () => harness.openLocks(),
        async (first, second) => {
          const attempts = await Promise.all(
            [first, second, first, second].map((locks) => locks.tryAcquire('node:alpha')),
          );
          const granted = attempts.filter((lock) => lock !== undefined);
          assert.equal(granted.length, 1);
          await granted[0]?.release();
        },
      ));

    void it('refuses a name held on one node to the other node until it is released', () =>
      withNodes(
        () => harness.openLocks(),
        async (first, second) => {
          const held = await first.tryAcquire(mailboxLockName(7));
          assert.ok(held);
          assert.equal(await second.tryAcquire(mailboxLockName(7)), undefined);
          await held.release();
          const taken = await second.tryAcquire(mailboxLockName(7));
          assert.ok(taken, 'free again once released');
          assert.equal(await first.tryAcquire(mailboxLockName(7)), undefined, 'now held by the other node');
          await taken.release();
        },
      ));

    void it('frees the locks of a node that closes', { skip: !harness.separateNodes }, () =>
      withNodes(
        () => harness.openLocks(),
        async (first, second) => {
          assert.ok(await first.tryAcquire(mailboxLockName(9)));
          assert.equal(await second.tryAcquire(mailboxLockName(9)), undefined);
          await first.close();
          const taken = await second.tryAcquire(mailboxLockName(9));
          assert.ok(taken);
          await taken.release();
        },
      ),
    );
  });
}
