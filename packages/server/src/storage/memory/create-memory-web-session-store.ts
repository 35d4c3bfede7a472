/**
 * WebSessionStore in this process's memory, for a single node: sessions end when the process
 * stops. Memory stays bounded: past `maxSessions` the sessions idle for the longest time go first.
 */
import type { WebSessionRecord, WebSessionStore } from '../../ports/web-session-store.ts';

export interface MemoryWebSessionStoreOptions {
  /** Sessions kept before the least recently used are dropped; default 100 000. */
  readonly maxSessions?: number;
}

export function createMemoryWebSessionStore(options: MemoryWebSessionStoreOptions = {}): WebSessionStore {
  const maxSessions = options.maxSessions ?? 100_000;
  // Insertion order is use order: every touch deletes and re-inserts its key.
  const sessions = new Map<string, WebSessionRecord>();

  return {
    insert(record) {
      sessions.delete(record.idHash);
      sessions.set(record.idHash, record);
      for (const key of sessions.keys()) {
        if (sessions.size <= maxSessions) break;
        sessions.delete(key);
      }
      return Promise.resolve();
    },
    find(idHash) {
      return Promise.resolve(sessions.get(idHash));
    },
    touch(idHash, at) {
      const record = sessions.get(idHash);
      if (record !== undefined) {
        sessions.delete(idHash);
        // Activity never moves back (a caller whose clock lags).
        const lastSeenAt = record.lastSeenAt.getTime() < at.getTime() ? at : record.lastSeenAt;
        sessions.set(idHash, { ...record, lastSeenAt });
      }
      return Promise.resolve();
    },
    remove(idHash) {
      sessions.delete(idHash);
      return Promise.resolve();
    },
    listForMailbox(mailboxId) {
      const found = [...sessions.values()].filter((record) => record.mailboxId === mailboxId);
      found.sort(
        (a, b) =>
          b.createdAt.getTime() - a.createdAt.getTime() ||
          (a.idHash < b.idHash ? -1 : a.idHash > b.idHash ? 1 : 0),
      );
      return Promise.resolve(found);
    },
    removeForMailbox(mailboxId, exceptIdHash) {
      let count = 0;
      for (const [key, record] of sessions) {
        if (record.mailboxId === mailboxId && key !== exceptIdHash) {
          sessions.delete(key);
          count += 1;
        }
      }
      return Promise.resolve(count);
    },
    purgeExpired(now, idleBefore) {
      let count = 0;
      for (const [key, record] of sessions) {
        const idle = !record.staySignedIn && record.lastSeenAt.getTime() < idleBefore.getTime();
        if (record.expiresAt.getTime() <= now.getTime() || idle) {
          sessions.delete(key);
          count += 1;
        }
      }
      return Promise.resolve(count);
    },
  };
}
