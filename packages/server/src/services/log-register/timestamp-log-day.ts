/**
 * The daily seal of the registro dei log (pec-spec §6.4 "marcatura temporale", §8.5): the chain
 * head at the end of `day` (the hash of the last entry written before Italian midnight, a SHA-256)
 * is sent as the imprint of an RFC 3161 request to the TSA; the token is checked against the
 * configured TSA certificate and the imprint, then stored beside the chain. Idempotent: a day
 * already stamped is returned as it is. Call it only once the day is over.
 */
import { buildTimeStampRequest, readTimeStampResponse, verifyTimeStampToken } from '@pec/core';
import type { Clock } from '../../ports/clock.ts';
import type { LogDayTimestamp, LogTimestampStore } from '../../ports/log-timestamp-store.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import type { TimeStampAuthority } from '../../ports/time-stamp-authority.ts';
import { italianDayEnd } from './log-days.ts';

export interface TimestampLogDayDependencies {
  readonly timestamps: LogTimestampStore;
  readonly tsa: TimeStampAuthority;
  /** DER certificate the TSA signs with. */
  readonly tsaCertificate: Uint8Array;
  readonly clock: Clock;
}

export async function timestampLogDay(
  deps: TimestampLogDayDependencies,
  day: string,
): Promise<LogDayTimestamp> {
  const existing = await deps.timestamps.get(day);
  if (existing !== undefined) return existing;
  const end = italianDayEnd(day);
  if (deps.clock.now().getTime() < end.getTime()) throw new Error(`the day ${day} is not over yet`);
  const head = await deps.timestamps.headBefore(end);
  const imprint = Buffer.from(head.hash, 'hex');
  const token = readTimeStampResponse(await deps.tsa.requestTimeStamp(buildTimeStampRequest(imprint)));
  const check = await verifyTimeStampToken(token, imprint, deps.tsaCertificate);
  if (!check.valid || check.genTime === undefined) {
    throw new Error(`the TSA token for ${day} does not verify: ${check.errors.join('; ')}`);
  }
  try {
    return await deps.timestamps.put({
      day,
      throughSeq: head.seq,
      headHash: head.hash,
      token,
      genTime: check.genTime,
    });
  } catch (error) {
    // Another node stamped the day meanwhile: its token stands.
    const stored = isStorageError(error, 'conflict') ? await deps.timestamps.get(day) : undefined;
    if (stored !== undefined) return stored;
    throw error;
  }
}
