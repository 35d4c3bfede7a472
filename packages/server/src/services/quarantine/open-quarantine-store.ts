/**
 * The file quarantine, as earlier versions kept it: one process per data folder. New detections go
 * to the shared quarantine (create-shared-quarantine.ts); this adapter stays so that what it holds
 * is read and purged at the end of its retention. The store for infected messages (pec-spec §2.1, §2.2 step 3, §3.8; DPR 68/2005 art. 12): raw bytes
 * kept byte-exact for the retention period (30 months), never served to mailbox users. Layout:
 * `<dir>/<ab>/<sha256>.eml` (content-addressed) beside one `<sha256>.<stamp>.<point>.json` sidecar
 * per detection. `put` returns after both files and their directory entries are fsynced; `purgeExpired`
 * removes sidecars past retainUntil, then messages no sidecar names any more.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../ports/clock.ts';
import type { QuarantineRecord, QuarantineStore } from '../../ports/quarantine-store.ts';
import { addCalendarMonths } from './add-calendar-months.ts';
import { quarantineRecordSchema } from './quarantine-record.ts';

export type { QuarantineListing, QuarantinePurge, QuarantineStore } from '../../ports/quarantine-store.ts';

export interface QuarantineStoreOptions {
  /** `storage.quarantineDir`; created (mode 0700) when missing. */
  readonly dir: string;
  /** `retention.quarantineMonths`; the configuration refuses less than 30. */
  readonly retentionMonths: number;
  readonly clock: Clock;
}

const shardPattern = /^[0-9a-f]{2}$/;
const messagePattern = /^([0-9a-f]{64})\.eml$/;
/** Any sidecar, even one that does not validate, keeps its message. */
const sidecarPattern = /^([0-9a-f]{64})\..*\.json$/;
/** Temporary files older than this are leftovers of a crash and are removed at open. */
const staleTempMs = 24 * 60 * 60 * 1000;

export async function openQuarantineStore(options: QuarantineStoreOptions): Promise<QuarantineStore> {
  const { dir, clock } = options;
  if (!Number.isInteger(options.retentionMonths) || options.retentionMonths < 1) {
    throw new RangeError('retentionMonths must be a positive integer');
  }
  const tmp = join(dir, 'tmp');
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  await removeStaleTemps(tmp);
  // One operation at a time, so a purge never removes a message whose sidecar is being written.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };
  const shardOf = (sha256: string): string => join(dir, sha256.slice(0, 2));

  async function writeOnce(target: string, bytes: Uint8Array | string): Promise<boolean> {
    const temp = join(tmp, randomUUID());
    await writeSynced(temp, bytes);
    try {
      await link(temp, target);
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    } finally {
      await rm(temp, { force: true });
    }
  }

  async function putMessage(sha256: string, bytes: Uint8Array): Promise<void> {
    const target = join(shardOf(sha256), `${sha256}.eml`);
    const existing = await readFile(target).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (existing !== undefined && sha256Of(existing) === sha256) return;
    // Absent, or damaged: replace it atomically with the right bytes.
    const temp = join(tmp, randomUUID());
    await writeSynced(temp, bytes);
    await rename(temp, target);
  }

  async function readRecords(): Promise<{ records: QuarantineRecord[]; unreadable: string[] }> {
    const records: QuarantineRecord[] = [];
    const unreadable: string[] = [];
    for (const shard of await shards(dir)) {
      for (const name of await readdir(join(dir, shard))) {
        if (!name.endsWith('.json')) continue;
        const file = join(dir, shard, name);
        const record = await readRecord(file);
        if (record === undefined || `${record.id}.json` !== name) unreadable.push(file);
        else records.push(record);
      }
    }
    records.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.id.localeCompare(b.id));
    return { records, unreadable };
  }

  return {
    put(bytes, detection) {
      return serialized(async () => {
        const detectedAt = detection.detectedAt ?? clock.now();
        const sha256 = sha256Of(bytes);
        const record: QuarantineRecord = {
          version: 1,
          id: `${sha256}.${compactStamp(detectedAt)}.${detection.point}`,
          sha256,
          size: bytes.length,
          detectedAt: detectedAt.toISOString(),
          point: detection.point,
          signature: detection.signature,
          sender: detection.sender,
          recipients: [...detection.recipients],
          ...(detection.identifier === undefined ? {} : { identifier: detection.identifier }),
          retainUntil: addCalendarMonths(detectedAt, options.retentionMonths).toISOString(),
        };
        quarantineRecordSchema.parse(record);
        const shard = shardOf(sha256);
        const createdShard = (await mkdir(shard, { recursive: true, mode: 0o700 })) !== undefined;
        await putMessage(sha256, bytes);
        const recordFile = join(shard, `${record.id}.json`);
        const created = await writeOnce(recordFile, `${JSON.stringify(record, null, 2)}\n`);
        await syncDirectory(shard);
        if (createdShard) await syncDirectory(dir);
        if (created) return record;
        // The same detection was recorded before: that record stands.
        const existing = await readRecord(recordFile);
        if (existing === undefined) throw new Error(`unreadable quarantine record ${recordFile}`);
        return existing;
      });
    },

    list() {
      return serialized(readRecords);
    },

    purgeExpired(now = clock.now()) {
      return serialized(async () => {
        const { records, unreadable } = await readRecords();
        const cutoff = now.toISOString();
        const purged = records.filter((record) => record.retainUntil <= cutoff);
        const touched = new Set<string>();
        for (const record of purged) {
          await unlink(join(shardOf(record.sha256), `${record.id}.json`));
          touched.add(record.sha256);
        }
        // A message stays while any sidecar, readable or not, still names it.
        const deletedMessages: string[] = [];
        for (const shard of await shards(dir)) {
          const names = await readdir(join(dir, shard));
          const named = new Set(names.map((name) => sidecarPattern.exec(name)?.[1]));
          for (const name of names) {
            const sha = messagePattern.exec(name)?.[1];
            if (sha === undefined || named.has(sha)) continue;
            await unlink(join(dir, shard, name));
            touched.add(sha);
            deletedMessages.push(sha);
          }
        }
        for (const shard of new Set([...touched].map(shardOf))) await syncDirectory(shard);
        return { purged, deletedMessages, kept: records.length - purged.length, unreadable };
      });
    },

    async readMessage(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError(`not a SHA-256: ${JSON.stringify(sha256)}`);
      return readFile(join(shardOf(sha256), `${sha256}.eml`));
    },
  };
}

/** `20261122T100000123Z`: sortable, and safe in a file name. */
function compactStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readRecord(file: string): Promise<QuarantineRecord | undefined> {
  try {
    const parsed = quarantineRecordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function shards(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => shardPattern.test(name));
}

/** Creates `path` (read-only: quarantined evidence is never edited) with `bytes`, fsynced. */
async function writeSynced(path: string, bytes: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'wx', 0o400);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeStaleTemps(tmp: string): Promise<void> {
  // File times are wall-clock times, so this compares with the wall clock, not the injected one.
  const cutoff = Date.now() - staleTempMs;
  for (const name of await readdir(tmp)) {
    const path = join(tmp, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && info.mtimeMs < cutoff) await rm(path, { force: true });
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
