/**
 * Runs `fn` with a Storage whose units of work do not await their fsync (Storage.deferDurability,
 * decisions 0053, 0065), or with `storage` itself where it has no such wait. `fn` reaches storage
 * only through the Storage it is given. Only for lookups and writes whose outcome reaches nobody
 * outside except through a later unit of work that does wait.
 */
import type { Storage } from '../../ports/storage.ts';

export function withoutDurableWait<T>(storage: Storage, fn: (storage: Storage) => Promise<T>): Promise<T> {
  return storage.deferDurability === undefined ? fn(storage) : storage.deferDurability(fn);
}
