/**
 * LoginThrottleStore in this process's memory, for a single node (the embedded SQLite default):
 * counters are lost at restart and not seen by other processes. Memory stays bounded: when the map
 * grows past `maxKeys`, the counters untouched for the longest time are dropped first.
 */
import type { LoginThrottleCounter, LoginThrottleStore } from '../../ports/login-throttle-store.ts';

export interface MemoryLoginThrottleStoreOptions {
  /** Counters kept before the oldest are dropped; default 100 000. */
  readonly maxKeys?: number;
}

export function createMemoryLoginThrottleStore(
  options: MemoryLoginThrottleStoreOptions = {},
): LoginThrottleStore {
  const maxKeys = options.maxKeys ?? 100_000;
  // Insertion order is touch order: every write deletes and re-inserts its key.
  const counters = new Map<string, LoginThrottleCounter>();

  return {
    read(keys) {
      const found = new Map<string, LoginThrottleCounter>();
      for (const key of keys) {
        const counter = counters.get(key);
        if (counter !== undefined) found.set(key, counter);
      }
      return Promise.resolve(found);
    },

    increment(keys, at, restartBefore) {
      for (const key of keys) {
        const counter = counters.get(key);
        const restart = counter === undefined || counter.lastAt < restartBefore;
        counters.delete(key);
        counters.set(key, {
          failures: restart ? 1 : counter.failures + 1,
          lastAt: counter === undefined || at > counter.lastAt ? at : counter.lastAt,
        });
      }
      for (const key of counters.keys()) {
        if (counters.size <= maxKeys) break;
        counters.delete(key);
      }
      return Promise.resolve();
    },

    remove(keys) {
      for (const key of keys) counters.delete(key);
      return Promise.resolve();
    },

    purge(before) {
      let removed = 0;
      for (const [key, counter] of counters) {
        if (counter.lastAt < before) {
          counters.delete(key);
          removed += 1;
        }
      }
      return Promise.resolve(removed);
    },
  };
}
