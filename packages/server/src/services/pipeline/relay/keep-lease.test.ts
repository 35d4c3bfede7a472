import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Job } from '../../../ports/queue-store.ts';
import { LeaseLostError } from '../outbox/create-outbox-worker.ts';
import { keepLease } from './keep-lease.ts';

const job: Job = {
  id: 7,
  kind: 'relay-envelope',
  payload: null,
  status: 'running',
  runAt: new Date(0),
  attempts: 1,
  lastError: null,
  leaseToken: 'token',
  leaseOwner: 'test',
  leaseUntil: new Date(0),
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe('keepLease', () => {
  it('renews at once and then every third of the lease until stopped', async () => {
    const renewals: [number, string, number][] = [];
    const queue = {
      extendLease: (id: number, token: string, ms: number) => {
        renewals.push([id, token, ms]);
        return Promise.resolve(true);
      },
    };
    const keeper = await keepLease(queue, job, 60);
    // Two renewals after the first one, however slow the machine.
    for (let waited = 0; renewals.length < 3 && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(await keeper.stop(), true);
    const count = renewals.length;
    assert.ok(count >= 3, `${count} renewals`);
    assert.deepEqual(renewals[0], [7, 'token', 60]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(renewals.length, count, 'no renewal after stop');
  });

  it('refuses to start without the lease, and reports a lease lost later', async () => {
    await assert.rejects(keepLease({ extendLease: () => Promise.resolve(false) }, job, 60), LeaseLostError);
    const answers = [true, false];
    let calls = 0;
    const queue = {
      extendLease: () => {
        calls++;
        return Promise.resolve(answers.shift() ?? false);
      },
    };
    const keeper = await keepLease(queue, job, 30);
    for (let waited = 0; calls < 2 && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(await keeper.stop(), false);
  });
});
