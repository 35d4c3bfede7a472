// The in-memory LoginThrottleStore against the shared contract, plus its bound on memory.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeLoginThrottleStore } from '../contract/login-throttle-store.contract.ts';
import { createMemoryLoginThrottleStore } from './create-memory-login-throttle-store.ts';

describeLoginThrottleStore('memory', {
  open() {
    const store = createMemoryLoginThrottleStore();
    return Promise.resolve({ first: store, second: store, close: () => Promise.resolve() });
  },
});

void describe('in-memory login throttle store', () => {
  it('drops the least recently touched counters beyond maxKeys', async () => {
    const store = createMemoryLoginThrottleStore({ maxKeys: 2 });
    const t = new Date('2026-05-01T00:00:00Z');
    await store.increment(['a'], t, t);
    await store.increment(['b'], t, t);
    await store.increment(['a'], t, new Date(0));
    await store.increment(['c'], t, t);
    assert.deepEqual([...(await store.read(['a', 'b', 'c'])).keys()], ['a', 'c']);
  });
});
