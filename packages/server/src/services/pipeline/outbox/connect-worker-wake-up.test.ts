import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInProcessChangeBus } from '../../../coordination/in-process-change-bus.ts';
import { connectWorkerWakeUp } from './connect-worker-wake-up.ts';

describe('connectWorkerWakeUp', () => {
  it("wakes every connected node's worker when any node announces queued jobs", () => {
    const bus = createInProcessChangeBus();
    const woken: string[] = [];
    const first = connectWorkerWakeUp({ wake: () => woken.push('first') }, bus);
    const second = connectWorkerWakeUp({ wake: () => woken.push('second') }, bus);
    first.announce();
    assert.deepEqual(woken, ['first', 'second']);
    second.disconnect();
    second.announce();
    assert.deepEqual(woken, ['first', 'second', 'first']);
  });

  it('reports a hint the bus refuses instead of throwing at the submitter', async () => {
    const bus = createInProcessChangeBus();
    await bus.close();
    const errors: unknown[] = [];
    connectWorkerWakeUp({ wake: () => undefined }, bus, (error) => errors.push(error)).announce();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(errors.length, 1);
  });
});
