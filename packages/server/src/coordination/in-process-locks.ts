/**
 * The Locks of one process (the embedded default): a set of held names. Enough when one process
 * owns the data (SQLite); the PostgreSQL adapter adds the cross-node half.
 */
import type { HeldLock, Locks } from '../ports/locks.ts';

export interface InProcessLocks extends Locks {
  /** Names currently held (for tests and operators). */
  held(): string[];
}

export function createInProcessLocks(): InProcessLocks {
  const held = new Set<string>();
  let closed = false;
  return {
    tryAcquire(name) {
      if (closed) return Promise.reject(new Error('the locks are closed'));
      if (held.has(name)) return Promise.resolve(undefined);
      held.add(name);
      let released = false;
      const lock: HeldLock = {
        name,
        release() {
          if (!released) {
            released = true;
            held.delete(name);
          }
          return Promise.resolve();
        },
      };
      return Promise.resolve(lock);
    },
    held() {
      return [...held];
    },
    close() {
      closed = true;
      held.clear();
      return Promise.resolve();
    },
  };
}
