/**
 * Runs `fn` with the storage's units of work not awaiting their fsync (Storage.deferDurability,
 * decision 0053), or just runs it on a storage that has no such wait. Only for lookups and writes
 * whose outcome reaches nobody outside except through a later unit of work that does wait.
 */
import type { Storage } from '../../ports/storage.ts';

export function withoutDurableWait<T>(
  storage: Pick<Storage, 'deferDurability'>,
  fn: () => Promise<T>,
): Promise<T> {
  return storage.deferDurability === undefined ? fn() : storage.deferDurability(fn);
}
