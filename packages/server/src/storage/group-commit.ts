/**
 * Group commit: one fsync shared by every write made since the previous one (decision 0044).
 *
 * A writer calls `noteWrite()` once its write has reached the file (an SQLite commit in WAL mode
 * with synchronous=NORMAL, a renamed file whose directory entry must last), then awaits `durable()`
 * before it acknowledges anything. `durable()` resolves once a sync that *started after* the
 * writer's last `noteWrite()` has completed. At most one sync runs at a time: writes noted while it
 * runs wait for the next one, which starts as soon as the running one ends and covers all of them
 * (the classic group commit of database logs). The sync itself is asynchronous (fs.promises on the
 * libuv pool), so the event loop keeps serving while it runs.
 *
 * A failed sync rejects the waiters it covered (their acknowledgement must not be sent; the write
 * may or may not have survived, like a reply lost after a commit) and the next `durable()` tries
 * a new sync.
 */
import { open } from 'node:fs/promises';

export interface GroupCommit {
  /** Records that a write has reached the file and needs the next sync. */
  noteWrite(): void;
  /** Resolves when every write noted so far is on disk; at once when there is none pending. */
  durable(): Promise<void>;
}

/** Creates a group commit that makes writes durable by calling `sync` (e.g. `syncFileAt(path)`). */
export function createGroupCommit(sync: () => Promise<void>): GroupCommit {
  /** Sequence number of the last noted write, and the highest one a completed sync covers. */
  let written = 0;
  let synced = 0;
  /** The running sync and the last write it covers. */
  let running: Promise<void> | undefined;
  let runningCovers = 0;

  function start(): Promise<void> {
    const covers = written;
    runningCovers = covers;
    running = sync()
      .then(() => {
        synced = Math.max(synced, covers);
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    noteWrite() {
      written += 1;
    },
    async durable() {
      const target = written;
      while (synced < target) {
        const current = running ?? start();
        if (runningCovers >= target) {
          await current;
        } else {
          // Started before this write: its outcome says nothing about it; wait and go again.
          await current.catch(() => undefined);
        }
      }
    },
  };
}

/**
 * A sync function for `createGroupCommit`: opens `path`, fsyncs it and closes it (a fresh open
 * each time, so a file that SQLite recreates is followed). A missing file has nothing to sync.
 * With `onNewFile`, called with the directory's sync when the file's inode is one not seen
 * before, so that a newly created file's directory entry is made durable too.
 */
export function syncFileAt(path: string, onNewFile?: () => Promise<void>): () => Promise<void> {
  let knownInode: number | undefined;
  return async () => {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return;
      throw error;
    }
    try {
      await handle.sync();
      if (onNewFile !== undefined) {
        const { ino } = await handle.stat();
        if (ino !== knownInode) {
          await onNewFile();
          knownInode = ino;
        }
      }
    } finally {
      await handle.close();
    }
  };
}
