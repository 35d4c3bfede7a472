import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../ports/storage.ts';
import { openSqliteStorage } from '../storage/sqlite/open-sqlite-storage.ts';
import { coordinationOf, openCoordination, takeNodeIdentity } from './open-coordination.ts';

describe('node identity', () => {
  let dir = '';
  let storage: Storage;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-node-identity-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.sqlite') });
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes back the jobs its previous run held and refuses a second node with the same id', async () => {
    const coordination = await openCoordination({
      storage: { kind: 'sqlite' },
      node: { id: 'alpha' },
    });
    assert.equal(coordination.nodeId, 'alpha');
    const job = await storage.queue.enqueue({ kind: 'deliver', payload: null });
    await storage.queue.claim({ owner: 'alpha', leaseMs: 60_000 });
    const identity = await takeNodeIdentity(coordination, storage.queue);
    const taken = await storage.queue.get(job.id);
    assert.equal(taken?.status, 'ready', 'due again at once, not after the lease');
    await assert.rejects(takeNodeIdentity(coordination, storage.queue), /node\.id "alpha" is used/);
    await identity.release();
    await (await takeNodeIdentity(coordination, storage.queue)).release();
    await coordination.close();
  });

  it('defaults the node id to the host name and gives contexts without coordination one of their own', async () => {
    const coordination = await openCoordination({ storage: { kind: 'sqlite' }, node: {} });
    assert.ok(coordination.nodeId.length > 0);
    await coordination.close();
    const ctx = {};
    assert.equal(coordinationOf(ctx), coordinationOf(ctx), 'one per context');
    assert.notEqual(coordinationOf(ctx), coordinationOf({}));
  });
});
