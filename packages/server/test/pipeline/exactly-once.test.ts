import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import type { Storage, StorageTransaction } from '../../src/ports/storage.ts';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import { createDeliverEnvelopeHandler } from '../../src/services/pipeline/delivery-point/create-deliver-envelope-handler.ts';
import {
  LeaseLostError,
  createOutboxWorker,
  type JobHandler,
} from '../../src/services/pipeline/outbox/create-outbox-worker.ts';
import { envelopeJobKinds } from '../../src/services/pipeline/outbox/envelope-jobs.ts';
import {
  createTestProvider,
  folderMessages,
  renderTestMessage,
  type TestProvider,
} from './create-test-provider.ts';
import { accessPointDependencies, deliveryPointDependencies } from '../../src/app/service-dependencies.ts';

const mario = 'mario.rossi@pec.example.it';
const anna = 'anna.bianchi@pec.example.it';
const luca = 'luca.verdi@pec.example.it';

/** `target` with some members replaced; the others keep `target` as `this`. */
function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value: unknown = Reflect.get(object, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** Storage whose transactions run `fault` on the transaction's stores before handing them out. */
function faultyStorage(storage: Storage, wrap: (tx: StorageTransaction) => StorageTransaction): Storage {
  return withOverrides(storage, {
    transaction: (fn) => storage.transaction((tx) => fn(wrap(tx))),
  });
}

async function counts(provider: TestProvider) {
  return {
    mario: (await folderMessages(provider, mario)).length,
    anna: (await folderMessages(provider, anna)).length,
    luca: (await folderMessages(provider, luca)).length,
    log: (await provider.ctx.storage.legalLog.head()).seq,
    statuses: (await provider.ctx.storage.tracking.listBySender(mario))[0]?.recipients.map((r) => r.status),
  };
}

function workerFor(
  ctx: ProviderContext,
  handler: JobHandler = createDeliverEnvelopeHandler(deliveryPointDependencies(ctx)),
) {
  return createOutboxWorker(
    ctx,
    { [envelopeJobKinds.deliver]: handler },
    { owner: 'w', leaseMs: 60_000, pollMs: 10 },
  );
}

describe('delivery is exactly once (decision 0004)', () => {
  let provider: TestProvider;

  beforeEach(async () => {
    provider = await createTestProvider();
    for (const address of [mario, anna, luca]) await provider.addMailbox(address);
    const raw = renderTestMessage({ cc: luca });
    const outcome = await createAccessPoint(accessPointDependencies(provider.ctx)).submit({
      authenticatedUser: mario,
      mailFrom: mario,
      rcptTo: [anna, luca],
      raw,
      remoteAddress: '127.0.0.1',
      secure: true,
    });
    assert.equal(outcome.kind, 'accepted');
  });
  afterEach(() => provider.close());

  it('a failure after some effects rolls all of them back; the retry delivers each once', async () => {
    const initial = await counts(provider);
    assert.deepEqual(initial, { mario: 1, anna: 0, luca: 0, log: 2, statuses: ['accepted', 'accepted'] });
    let recordEvents = 0;
    // The last write of the job (tracking of the second recipient) fails: everything before it is undone.
    const storage = faultyStorage(provider.ctx.storage, (tx) =>
      withOverrides(tx, {
        tracking: withOverrides(tx.tracking, {
          recordEvent: async (identifier, recipient, event) => {
            recordEvents++;
            if (recordEvents === 2) throw new Error('disk full (simulated)');
            return tx.tracking.recordEvent(identifier, recipient, event);
          },
        }),
      }),
    );
    const failing = { ...provider.ctx, storage };
    const errors: unknown[] = [];
    const worker = createOutboxWorker(
      failing,
      { [envelopeJobKinds.deliver]: createDeliverEnvelopeHandler(deliveryPointDependencies(failing)) },
      { owner: 'w', leaseMs: 60_000, pollMs: 10, onError: (error) => errors.push(error) },
    );
    assert.equal(await worker.runOnce(), 1);
    assert.equal(recordEvents, 2);
    assert.match(String(errors[0]), /disk full/);
    assert.deepEqual(await counts(provider), initial);
    const [job] = await provider.ctx.storage.queue.list({ kind: envelopeJobKinds.deliver });
    assert.equal(job?.status, 'ready');
    assert.equal(job.attempts, 1);
    assert.equal(job.lastError, 'disk full (simulated)');
    assert.equal(job.runAt.getTime(), provider.clock.now().getTime() + 30_000);

    // Not due yet; then due, and the real handler delivers once.
    assert.equal(await workerFor(provider.ctx).runOnce(), 0);
    provider.clock.advance(30_000);
    assert.equal(await workerFor(provider.ctx).runOnce(), 1);
    assert.deepEqual(await counts(provider), {
      mario: 3,
      anna: 1,
      luca: 1,
      log: 6,
      statuses: ['delivered', 'delivered'],
    });
    assert.equal((await provider.ctx.storage.queue.get(job.id))?.status, 'done');
    assert.equal(await workerFor(provider.ctx).runOnce(), 0);
    assert.deepEqual((await counts(provider)).anna, 1);
  });

  it('a worker that lost its lease commits nothing, so a re-run never duplicates', async () => {
    const now = provider.clock.now();
    const [stale] = await provider.ctx.storage.queue.claim({ owner: 'slow', leaseMs: 1_000, now });
    assert.ok(stale?.leaseToken !== null && stale !== undefined);
    // The slow worker's lease expires; another worker takes the job over and delivers.
    provider.clock.advance(5_000);
    assert.equal(await workerFor(provider.ctx).runOnce(), 1);
    const delivered = await counts(provider);
    assert.deepEqual(delivered, { mario: 3, anna: 1, luca: 1, log: 6, statuses: ['delivered', 'delivered'] });

    // The slow worker now finishes its run: completion fails inside its transaction.
    const handler = createDeliverEnvelopeHandler(deliveryPointDependencies(provider.ctx));
    const token = stale.leaseToken;
    await assert.rejects(
      handler(stale, {
        completeIn: async (tx) => {
          if (!(await tx.queue.complete(stale.id, token))) throw new LeaseLostError(stale);
        },
      }),
      LeaseLostError,
    );
    assert.deepEqual(await counts(provider), delivered);
    assert.deepEqual((await provider.ctx.storage.legalLog.verifyChain()).ok, true);
  });

  it('when completion itself fails, no effect is committed and the re-run delivers once', async () => {
    let completions = 0;
    const storage = faultyStorage(provider.ctx.storage, (tx) =>
      withOverrides(tx, {
        queue: withOverrides(tx.queue, {
          complete: async (id, token) => {
            completions++;
            if (completions === 1) return false;
            return tx.queue.complete(id, token);
          },
        }),
      }),
    );
    const failing = { ...provider.ctx, storage };
    assert.equal(await workerFor(failing).runOnce(), 1);
    assert.equal(completions, 1);
    const afterFailure = await counts(provider);
    assert.deepEqual(afterFailure, {
      mario: 1,
      anna: 0,
      luca: 0,
      log: 2,
      statuses: ['accepted', 'accepted'],
    });
    // The lease is still held by the failed run; once it expires the job is claimed again.
    const [job] = await provider.ctx.storage.queue.list({ kind: envelopeJobKinds.deliver });
    assert.equal(job?.status, 'running');
    provider.clock.advance(61_000);
    assert.equal(await workerFor(failing).runOnce(), 1);
    assert.deepEqual(await counts(provider), {
      mario: 3,
      anna: 1,
      luca: 1,
      log: 6,
      statuses: ['delivered', 'delivered'],
    });
  });
});
