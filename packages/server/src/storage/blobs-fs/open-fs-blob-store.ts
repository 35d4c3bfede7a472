/**
 * BlobStore on the local file system: `<dir>/ab/cd/<sha256>`, sharded by the first two bytes of
 * the hash. `put` writes a temporary file in `<dir>/tmp`, fsyncs it, renames it into place and
 * fsyncs the directories before returning, so an acknowledged blob survives a crash. Renames are
 * atomic and same content means same name, so concurrent puts of one blob are harmless.
 * Directory fsyncs are group commits (decision 0044): concurrent puts into one directory share an
 * fsync of it, and a directory known to exist is not created again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isBlobKey, type BlobKey, type BlobStore } from '../../ports/blob-store.ts';
import { createGroupCommit, syncFileAt, type GroupCommit } from '../group-commit.ts';
import { StorageError } from '../../ports/storage-error.ts';

export interface FsBlobStoreOptions {
  /** The blob directory, conventionally `<data>/blobs`; created when missing. */
  readonly dir: string;
}

/** Temporary files older than this are leftovers of a crash and are removed at open. */
const staleTempMs = 24 * 60 * 60 * 1000;

export async function openFsBlobStore(options: FsBlobStoreOptions): Promise<BlobStore> {
  const { dir } = options;
  const tmp = join(dir, 'tmp');
  await mkdir(tmp, { recursive: true });
  await removeStaleTemps(tmp);

  const shardOf = (key: BlobKey): string => join(dir, key.slice(0, 2), key.slice(2, 4));
  /** Shards this process has created or found, so a put skips their `mkdir`. */
  const knownShards = new Set<string>();
  const directorySyncs = new Map<string, GroupCommit>();
  /** Makes the entries written into `path` so far durable, sharing the fsync with concurrent puts. */
  async function syncDirectory(path: string): Promise<void> {
    let group = directorySyncs.get(path);
    if (group === undefined) {
      group = createGroupCommit(syncFileAt(path));
      directorySyncs.set(path, group);
    }
    group.noteWrite();
    await group.durable();
  }
  const pathOf = (key: BlobKey): string => join(shardOf(key), key);

  function checked(key: BlobKey): BlobKey {
    if (!isBlobKey(key)) throw new StorageError('invalid', `not a blob key: ${JSON.stringify(key)}`);
    return key;
  }

  const store = {
    async put(bytes) {
      const key = createHash('sha256').update(bytes).digest('hex');
      const shard = shardOf(key);
      const target = pathOf(key);
      if ((await sizeOf(target)) === bytes.length) {
        // Present already; make sure the entry that names it is durable too.
        await syncDirectory(shard);
        return key;
      }
      const created = knownShards.has(shard) ? undefined : await mkdir(shard, { recursive: true });
      knownShards.add(shard);
      const temp = join(tmp, `${key}.${randomUUID()}`);
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        knownShards.delete(shard); // removed behind our back: the next put creates it again
        throw error;
      }
      await syncDirectory(shard);
      if (created !== undefined) {
        await syncDirectory(join(dir, key.slice(0, 2)));
        await syncDirectory(dir);
      }
      return key;
    },

    async get(key) {
      try {
        return await readFile(pathOf(checked(key)));
      } catch (error) {
        if (isMissing(error)) throw new StorageError('not-found', `no blob ${key}`);
        throw error;
      }
    },

    async has(key) {
      return isBlobKey(key) && (await sizeOf(pathOf(key))) !== undefined;
    },

    async size(key) {
      return sizeOf(pathOf(checked(key)));
    },

    async delete(key) {
      try {
        await unlink(pathOf(checked(key)));
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      await syncDirectory(shardOf(key));
      return true;
    },

    async *keys() {
      for (const first of await readdir(dir)) {
        if (!/^[0-9a-f]{2}$/.test(first)) continue;
        for (const second of await readdir(join(dir, first))) {
          for (const name of await readdir(join(dir, first, second))) {
            if (isBlobKey(name)) yield name;
          }
        }
      }
    },
  } satisfies Omit<BlobStore, 'getMany'>;
  return {
    ...store,
    // Each read on its own (overlapped): these adapters have no cheaper way to read many.
    getMany: (keys) => Promise.all(keys.map((key) => store.get(key))),
  };
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function removeStaleTemps(tmp: string): Promise<void> {
  const cutoff = Date.now() - staleTempMs;
  for (const name of await readdir(tmp)) {
    const path = join(tmp, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && info.mtimeMs < cutoff) await rm(path, { force: true });
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
