/**
 * Port for the daily time stamps of the registro dei log (pec-spec §6.4, §8.5): one RFC 3161 token
 * per calendar day, kept beside the hash chain, sealing the chain head at the day's end (the hash of
 * the last entry written before it). A day is stamped once; tokens are never changed.
 */
import type { LegalLogHead } from './legal-log.ts';

export interface NewLogDayTimestamp {
  /** The calendar day in Italian time (pec-spec §6.2), `YYYY-MM-DD`. */
  readonly day: string;
  /** The last entry the token covers (0 when the log was still empty). */
  readonly throughSeq: number;
  /** Its hash: the imprint of the token (SHA-256). */
  readonly headHash: string;
  /** The DER token (a CMS SignedData over a TSTInfo, RFC 3161 §2.4.2). */
  readonly token: Uint8Array;
  /** The TSA's time in the token. */
  readonly genTime: Date;
}

export interface LogDayTimestamp extends NewLogDayTimestamp {
  readonly storedAt: Date;
}

export interface LogTimestampStore {
  /** The chain head at `end`: the highest entry written with a time before it (purge anchor or genesis when none). */
  headBefore(end: Date): Promise<LegalLogHead>;
  /** Stores the token of a day; a second token for the same day is a `conflict`. */
  put(stamp: NewLogDayTimestamp): Promise<LogDayTimestamp>;
  get(day: string): Promise<LogDayTimestamp | undefined>;
  /** Every token, oldest day first. */
  list(): Promise<LogDayTimestamp[]>;
}
