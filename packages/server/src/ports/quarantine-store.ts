/**
 * Port for the quarantine of infected messages (pec-spec §2.1, §2.2 step 3, §3.8; DPR 68/2005
 * art. 12): raw bytes kept byte-exact for the retention period (at least 30 months), never served
 * to mailbox users, with one record per detection saying when and where the virus was found, by
 * which signature, for whom, and until when the bytes are kept.
 *
 * Two levels. `QuarantineStore` is what the access and reception points and the maintenance use;
 * its adapters are services/quarantine/create-shared-quarantine.ts (records in the metadata
 * storage, bytes in the blob store: every node of a cluster writes and reads the same quarantine)
 * and services/quarantine/open-quarantine-store.ts (files in one folder, as written by earlier
 * versions). `QuarantineRecordStore` is the metadata half of the shared one (storage/sql).
 */

/** Where the message was found: the access point (submission) or the reception point (MX). */
export const quarantinePoints = ['access', 'reception'] as const;
export type QuarantinePoint = (typeof quarantinePoints)[number];

export interface QuarantineRecord {
  readonly version: 1;
  /** `<sha256>.<detection stamp>.<point>`, e.g. `ab…ef.20261122T100000000Z.access`. */
  readonly id: string;
  /** Lower-case hex SHA-256 of the message: its blob key. */
  readonly sha256: string;
  readonly size: number;
  /** ISO 8601 UTC instant with milliseconds. */
  readonly detectedAt: string;
  readonly point: QuarantinePoint;
  /** The scanner's signature name, e.g. `Win.Test.EICAR_HDB-1`. */
  readonly signature: string;
  /** The reverse-path (MAIL FROM), possibly empty for a bounce. */
  readonly sender: string;
  readonly recipients: readonly string[];
  /** The PEC identifier (`identificativo`), when one was assigned or read from the envelope. */
  readonly identifier?: string | undefined;
  /** detectedAt plus the retention months (ISO 8601); purged from then on. */
  readonly retainUntil: string;
}

/** What the caller knows about a detection. */
export interface QuarantineDetection {
  readonly point: QuarantinePoint;
  readonly signature: string;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly identifier?: string | undefined;
  /** The transaction's time reference (pec-spec §6.2); the store's clock when absent. */
  readonly detectedAt?: Date | undefined;
}

export interface QuarantineListing {
  /** Oldest detection first. */
  readonly records: readonly QuarantineRecord[];
  /** Records that could not be read or validated (file adapter); never purged automatically. */
  readonly unreadable: readonly string[];
}

export interface QuarantinePurge {
  readonly purged: readonly QuarantineRecord[];
  /** SHA-256 of the messages removed because no record named them any more. */
  readonly deletedMessages: readonly string[];
  readonly kept: number;
  readonly unreadable: readonly string[];
}

export interface QuarantineStore {
  /**
   * Keeps the message and one record of this detection; the same detection twice is one record.
   * Returns once both are durable.
   */
  put(bytes: Uint8Array, detection: QuarantineDetection): Promise<QuarantineRecord>;
  list(): Promise<QuarantineListing>;
  /** Removes what is past its retainUntil at `now` (the clock's time by default). */
  purgeExpired(now?: Date): Promise<QuarantinePurge>;
  /** The quarantined bytes, for operators only (analysis, authorities); never for mailbox users. */
  readMessage(sha256: string): Promise<Buffer>;
}

/** The records of the shared quarantine, in the metadata storage. */
export interface QuarantineRecordStore {
  /** Stores `record` unless one with its id exists, which then stands; says which happened. */
  add(record: QuarantineRecord): Promise<{ readonly record: QuarantineRecord; readonly created: boolean }>;
  /** Oldest detection first. */
  list(): Promise<QuarantineRecord[]>;
  /** Deletes the records whose retainUntil is at or before `now`; returns them, oldest first. */
  deleteExpired(now: Date): Promise<QuarantineRecord[]>;
  /**
   * Calls `remove` (which deletes the bytes) only while no record names `sha256`, holding a lock
   * that `add` of the same hash waits for, so bytes are never removed under a new record; returns
   * what `remove` returned, or false when a record names the hash.
   */
  removeUnnamed(sha256: string, remove: () => Promise<boolean>): Promise<boolean>;
}
