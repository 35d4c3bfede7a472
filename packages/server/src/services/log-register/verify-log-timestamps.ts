/**
 * `pec log verify` with the daily seals (pec-spec §6.4, §8.5): the hash chain, then every day's
 * RFC 3161 token: signed by the configured TSA certificate, its imprint the stamped chain head, that
 * head still the hash of the entry the day ended with, and the chain intact up to it. Names the
 * first day that fails: the day of the first entry that does not verify, or of the first token
 * that does not.
 */
import { verifyTimeStampToken } from '@pec/core';
import type { ChainVerification, LegalLog } from '../../ports/legal-log.ts';
import type { LogTimestampStore } from '../../ports/log-timestamp-store.ts';
import { italianDayOf } from './log-days.ts';

export interface LogVerificationDependencies {
  readonly legalLog: Pick<LegalLog, 'verifyChain' | 'get' | 'listPurges'>;
  readonly timestamps: Pick<LogTimestampStore, 'list'>;
  /** DER certificate of the TSA; tokens cannot be checked without it. */
  readonly tsaCertificate: Uint8Array | undefined;
}

export interface DayFailure {
  readonly day: string;
  readonly problem: string;
}

export interface LogVerification {
  readonly ok: boolean;
  readonly chain: ChainVerification;
  /** Tokens that verified. */
  readonly stampedDays: number;
  /** The earliest day that fails, when not ok. */
  readonly firstFailure?: DayFailure;
}

export async function verifyLogWithTimestamps(deps: LogVerificationDependencies): Promise<LogVerification> {
  const chain = await deps.legalLog.verifyChain();
  const purged = Math.max(0, ...(await deps.legalLog.listPurges()).map((purge) => purge.throughSeq));
  const failures: DayFailure[] = [];
  const badSeq = chain.ok ? undefined : chain.firstBadSeq;
  if (badSeq !== undefined) {
    const entry = (await deps.legalLog.get(badSeq)) ?? (await deps.legalLog.get(badSeq - 1));
    if (entry !== undefined) {
      failures.push({ day: italianDayOf(entry.at), problem: `log entry ${badSeq} does not verify` });
    }
  }
  let stampedDays = 0;
  for (const stamp of await deps.timestamps.list()) {
    const fail = (problem: string): void => {
      failures.push({ day: stamp.day, problem });
    };
    if (deps.tsaCertificate === undefined) {
      fail('no TSA certificate configured (logTimestamp.tsaCertificateFile): the token cannot be checked');
      break;
    }
    const check = await verifyTimeStampToken(
      stamp.token,
      Buffer.from(stamp.headHash, 'hex'),
      deps.tsaCertificate,
    );
    if (!check.valid) {
      fail(`the time stamp token does not verify: ${check.errors.join('; ')}`);
      continue;
    }
    if (stamp.throughSeq > purged) {
      const last = await deps.legalLog.get(stamp.throughSeq);
      if (last?.hash !== stamp.headHash) {
        fail(`entry ${stamp.throughSeq}, the last of the day, differs from the time-stamped chain head`);
        continue;
      }
      if (badSeq !== undefined && badSeq <= stamp.throughSeq) {
        fail(`log entry ${badSeq} does not verify`);
        continue;
      }
    }
    stampedDays += 1;
  }
  const [firstFailure] = failures.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return {
    ok: chain.ok && firstFailure === undefined,
    chain,
    stampedDays,
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}
