/**
 * What an operator may do with the quarantine (pec-spec §2.1, §2.2 step 3, §3.8; DPR 68/2005
 * art. 12): list the detections (filtered by point, address and time), read one record, take the
 * infected bytes out for analysis or an authority, and purge now what is past its retention (the
 * daily maintenance does the same). The rules allow no more:
 * - release: an infected message is never delivered; the sender got a non-acceptance or the
 *   sending provider a virus-detection notice instead (pec-spec §3.3, §3.8), so releasing it to a
 *   mailbox would deliver what the notices say was not;
 * - delete: the bytes are kept for the retention period (at least 30 months from detection);
 *   before retainUntil nobody deletes them; after it the purge does.
 * Sources: the shared quarantine first, then the file quarantine of earlier versions.
 */
import type { Clock } from '../../ports/clock.ts';
import type { QuarantinePoint, QuarantineRecord, QuarantineStore } from '../../ports/quarantine-store.ts';

export interface QuarantineDeskDependencies {
  readonly quarantines: readonly Pick<QuarantineStore, 'list' | 'readMessage' | 'purgeExpired'>[];
  readonly clock: Clock;
}

export interface QuarantineFilter {
  readonly point?: QuarantinePoint;
  /** Case-insensitive: the sender or any recipient. */
  readonly address?: string;
  /** Detected at or after. */
  readonly since?: Date;
  /** Detected before. */
  readonly until?: Date;
  /** Newest first after filtering; default 1000. */
  readonly limit?: number;
}

export interface QuarantineList {
  /** Newest detection first. */
  readonly records: readonly QuarantineRecord[];
  /** How many matched before the limit. */
  readonly total: number;
  readonly unreadable: readonly string[];
}

export type QuarantineRuleAction = 'release' | 'delete';

export type QuarantineRuleOutcome =
  | { readonly ok: false; readonly reason: 'no-such-record'; readonly message: string }
  | {
      readonly ok: false;
      readonly reason: 'retention-rule';
      readonly message: string;
      readonly retainUntil: string;
    };

async function everyRecord(deps: QuarantineDeskDependencies): Promise<{
  records: { record: QuarantineRecord; source: number }[];
  unreadable: string[];
}> {
  const records: { record: QuarantineRecord; source: number }[] = [];
  const unreadable: string[] = [];
  for (const [source, quarantine] of deps.quarantines.entries()) {
    const listing = await quarantine.list();
    for (const record of listing.records) records.push({ record, source });
    unreadable.push(...listing.unreadable);
  }
  return { records, unreadable };
}

export async function listQuarantine(
  deps: QuarantineDeskDependencies,
  filter: QuarantineFilter = {},
): Promise<QuarantineList> {
  const { records, unreadable } = await everyRecord(deps);
  const address = filter.address?.toLowerCase();
  const matching = records
    .map((r) => r.record)
    .filter((record) => {
      const at = Date.parse(record.detectedAt);
      if (filter.point !== undefined && record.point !== filter.point) return false;
      if (filter.since !== undefined && at < filter.since.getTime()) return false;
      if (filter.until !== undefined && at >= filter.until.getTime()) return false;
      if (address === undefined) return true;
      return [record.sender, ...record.recipients].some((a) => a.toLowerCase() === address);
    })
    .sort((a, b) => Date.parse(b.detectedAt) - Date.parse(a.detectedAt) || (a.id < b.id ? -1 : 1));
  return { records: matching.slice(0, filter.limit ?? 1000), total: matching.length, unreadable };
}

export async function findQuarantined(
  deps: QuarantineDeskDependencies,
  id: string,
): Promise<QuarantineRecord | undefined> {
  return (await everyRecord(deps)).records.find((r) => r.record.id === id)?.record;
}

/** The infected message byte-exact, for operators only; undefined when no record has this id. */
export async function readQuarantined(
  deps: QuarantineDeskDependencies,
  id: string,
): Promise<{ readonly record: QuarantineRecord; readonly bytes: Buffer } | undefined> {
  const found = (await everyRecord(deps)).records.find((r) => r.record.id === id);
  const quarantine = found === undefined ? undefined : deps.quarantines[found.source];
  if (found === undefined || quarantine === undefined) return undefined;
  return { record: found.record, bytes: await quarantine.readMessage(found.record.sha256) };
}

/** Removes now what is past its retention, as the daily maintenance does. */
export async function purgeExpiredQuarantine(
  deps: QuarantineDeskDependencies,
): Promise<{ readonly records: number; readonly messages: number; readonly kept: number }> {
  const now = deps.clock.now();
  let records = 0;
  let messages = 0;
  let kept = 0;
  for (const quarantine of deps.quarantines) {
    const purge = await quarantine.purgeExpired(now);
    records += purge.purged.length;
    messages += purge.deletedMessages.length;
    kept += purge.kept;
  }
  return { records, messages, kept };
}

/** Release and early deletion, always refused by rule; the answer says which rule and until when. */
export async function applyQuarantineRule(
  deps: QuarantineDeskDependencies,
  id: string,
  action: QuarantineRuleAction,
): Promise<QuarantineRuleOutcome> {
  const record = await findQuarantined(deps, id);
  if (record === undefined) {
    return { ok: false, reason: 'no-such-record', message: `no quarantine record ${id}` };
  }
  const message =
    action === 'release'
      ? 'an infected message is never delivered (pec-spec §2.1, §3.3, §3.8): its sender was told it was not accepted or delivered'
      : Date.parse(record.retainUntil) > deps.clock.now().getTime()
        ? `kept until ${record.retainUntil} (30 months from detection, DPR 68/2005 art. 12); nobody deletes it earlier`
        : `past its retention since ${record.retainUntil}: the purge (daily, or pec quarantine purge) removes it`;
  return { ok: false, reason: 'retention-rule', message, retainUntil: record.retainUntil };
}
