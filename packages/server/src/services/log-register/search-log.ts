/**
 * Searching the registro dei log (pec-spec §6.4; `pec log search`): by identifier or Message-ID
 * (bare or in angle brackets; matches the entry's msgid or any related id), sender, recipient and
 * time range. Identifiers are logged bare (legal-log-events.ts), so the query is stripped too.
 */
import { stripAngleBrackets } from '@pec/core';
import type { LegalLogEntry, LegalLogQuery } from '../../ports/legal-log.ts';
import type { StorageStores } from '../../ports/storage.ts';

export function searchLog(
  stores: Pick<StorageStores, 'legalLog'>,
  query: LegalLogQuery,
): Promise<LegalLogEntry[]> {
  const msgid = query.msgid === undefined ? undefined : stripAngleBrackets(query.msgid);
  return stores.legalLog.search({ ...query, ...(msgid === undefined ? {} : { msgid }) });
}

/** One line per entry: seq, time, event, msgid, sender → recipients, related ids. */
export function renderLogEntryLine(entry: LegalLogEntry): string {
  const related = entry.relatedMsgids.length === 0 ? '' : ` [${entry.relatedMsgids.join(' ')}]`;
  return (
    `${entry.seq} ${entry.at.toISOString()} ${entry.eventType} ${entry.msgid} ` +
    `${entry.sender} -> ${entry.recipients.join(',')}${related}`
  );
}
