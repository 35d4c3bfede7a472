/**
 * Contract of LoginThrottleStore for every adapter: counting, restarting a quiet counter, the newer
 * time winning, removal and purge, atomic increments under concurrency, and (for adapters shared by
 * several processes) a counter written through one handle read through another.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoginThrottleStore } from '../../ports/login-throttle-store.ts';

export interface LoginThrottleStoreHarness {
  /** A fresh store, and a second handle on the same counters (another node, or the same object). */
  open(): Promise<{ first: LoginThrottleStore; second: LoginThrottleStore; close(): Promise<void> }>;
}

const at = (ms: number): Date => new Date(Date.UTC(2026, 4, 1) + ms);

export function describeLoginThrottleStore(name: string, harness: LoginThrottleStoreHarness): void {
  async function withStores(fn: (first: LoginThrottleStore, second: LoginThrottleStore) => Promise<void>) {
    const opened = await harness.open();
    try {
      await fn(opened.first, opened.second);
    } finally {
      await opened.close();
    }
  }

  void describe(`LoginThrottleStore contract (${name})`, () => {
    void it('counts failures per key, restarts a quiet counter and keeps the newer time', () =>
      withStores(async (store) => {
        assert.deepEqual(await store.read(['a', 'b']), new Map());
        await store.increment(['a', 'b'], at(1000), at(0));
        await store.increment(['a'], at(2000), at(0));
        let counters = await store.read(['a', 'b', 'c']);
        assert.deepEqual(counters.get('a'), { failures: 2, lastAt: at(2000) });
        assert.deepEqual(counters.get('b'), { failures: 1, lastAt: at(1000) });
        assert.equal(counters.has('c'), false);
        // A node with a lagging clock adds its failure without moving the time back.
        await store.increment(['a'], at(1500), at(0));
        assert.deepEqual((await store.read(['a'])).get('a'), { failures: 3, lastAt: at(2000) });
        // A counter last touched before restartBefore starts over.
        await store.increment(['a'], at(9000), at(2500));
        assert.deepEqual((await store.read(['a'])).get('a'), { failures: 1, lastAt: at(9000) });
        await store.remove(['a', 'nothing']);
        counters = await store.read(['a', 'b']);
        assert.deepEqual([...counters.keys()], ['b']);
        assert.equal(await store.purge(at(1000)), 0, 'purge is strictly before');
        assert.equal(await store.purge(at(1001)), 1);
        assert.deepEqual(await store.read(['b']), new Map());
      }));

    void it('counts every one of many concurrent failures, through two handles', () =>
      withStores(async (first, second) => {
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (i % 2 === 0 ? first : second).increment(['address:192.0.2.1', `box:${i % 4}`], at(i), at(-1)),
          ),
        );
        const counters = await second.read(['address:192.0.2.1', 'box:0', 'box:3']);
        assert.equal(counters.get('address:192.0.2.1')?.failures, 40);
        assert.equal(counters.get('box:0')?.failures, 10);
        assert.deepEqual(counters.get('box:3'), { failures: 10, lastAt: at(39) });
      }));
  });
}
