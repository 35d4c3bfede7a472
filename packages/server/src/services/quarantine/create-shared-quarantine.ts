/**
 * The quarantine on shared storage (pec-spec §2.1, §2.2 step 3, §3.8; DPR 68/2005 art. 12): the
 * infected message's bytes go to the blob store under their SHA-256 and one record per detection to
 * the metadata storage, so every node of a cluster writes to and reads from the same quarantine.
 * Bytes stay at least until the last record naming them reaches its retainUntil (detection plus
 * the retention months, at least 30).
 *
 * Order of writes: bytes first (durable on return), then the record, so a record never points at
 * missing bytes. A purge deletes expired records, then the bytes no record names any more, through
 * `removeUnnamed`, which excludes a concurrent `add` of the same hash; a `put` that lost that race
 * finds its bytes gone after its record is stored and puts them again. Bytes that a mailbox message
 * also uses are left in place.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type {
  QuarantineRecord,
  QuarantineRecordStore,
  QuarantineStore,
} from '../../ports/quarantine-store.ts';
import { addCalendarMonths } from './add-calendar-months.ts';
import { quarantineRecordSchema } from './quarantine-record.ts';

export interface SharedQuarantineOptions {
  /** `Storage.quarantine`. */
  readonly records: QuarantineRecordStore;
  readonly blobs: BlobStore;
  /** Whether a mailbox message uses these bytes (`MailboxStore.isBlobReferenced`); they then stay. */
  readonly isBlobReferenced: (sha256: string) => Promise<boolean>;
  /** `retention.quarantineMonths`; the configuration refuses less than 30. */
  readonly retentionMonths: number;
  readonly clock: Clock;
}

export function createSharedQuarantine(options: SharedQuarantineOptions): QuarantineStore {
  const { records, blobs, clock } = options;
  if (!Number.isInteger(options.retentionMonths) || options.retentionMonths < 1) {
    throw new RangeError('retentionMonths must be a positive integer');
  }

  return {
    async put(bytes, detection) {
      const detectedAt = detection.detectedAt ?? clock.now();
      const sha256 = await blobs.put(bytes);
      const record: QuarantineRecord = quarantineRecordSchema.parse({
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
      });
      const stored = await records.add(record);
      // A purge on another node may have removed the bytes just before the record was added.
      if (!(await blobs.has(sha256))) await blobs.put(bytes);
      return stored.record;
    },

    async list() {
      return { records: await records.list(), unreadable: [] };
    },

    async purgeExpired(now = clock.now()) {
      const purged = await records.deleteExpired(now);
      const deletedMessages: string[] = [];
      for (const sha256 of new Set(purged.map((record) => record.sha256))) {
        if (await options.isBlobReferenced(sha256)) continue;
        if (await records.removeUnnamed(sha256, () => blobs.delete(sha256))) deletedMessages.push(sha256);
      }
      const kept = (await records.list()).length;
      return { purged, deletedMessages, kept, unreadable: [] };
    },

    async readMessage(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError(`not a SHA-256: ${JSON.stringify(sha256)}`);
      return blobs.get(sha256);
    },
  };
}

/** `20261122T100000123Z`: sortable, and the shape record ids have in both adapters. */
function compactStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}
