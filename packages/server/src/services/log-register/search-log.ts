/**
 * Searching the registro dei log (pec-spec §6.4; `pec log search`): by identifier or Message-ID
 * (bare or in angle brackets; matches the entry's msgid or any related id), sender, recipient and
 * time range. Identifiers are logged bare (legal-log-events.ts), so the query is stripped too.
 * A message is logged under its identificativo with the client's Message-ID among the related ids
 * of some entries only (acceptance, envelope): a search by either id also returns the entries
 * logged under the other (delivery, receipts), one hop away.
 */
import { stripAngleBrackets } from '@pec/core';
import type { LegalLog, LegalLogEntry, LegalLogQuery } from '../../ports/legal-log.ts';

export async function searchLog(
  stores: { readonly legalLog: Pick<LegalLog, 'search'> },
  query: LegalLogQuery,
): Promise<LegalLogEntry[]> {
  const msgid = query.msgid === undefined ? undefined : stripAngleBrackets(query.msgid);
  if (msgid === undefined) return stores.legalLog.search(query);
  const direct = await stores.legalLog.search({ ...query, msgid });
  // The identificativi of the entries found through a related id (the client's Message-ID).
  const others = new Set(direct.filter((e) => e.msgid !== msgid).map((e) => e.msgid));
  if (others.size === 0) return direct;
  const bySeq = new Map(direct.map((e) => [e.seq, e]));
  for (const other of others) {
    for (const entry of await stores.legalLog.search({ ...query, msgid: other })) bySeq.set(entry.seq, entry);
  }
  const limit = query.limit ?? 1000;
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(0, limit);
}

/**
 * The identificativo of the message a client knows by `messageId` (its Message-ID): the msgid of
 * the log entries that list it among their related ids. Undefined when none does.
 */
export async function findIdentifierByMessageId(
  stores: { readonly legalLog: Pick<LegalLog, 'search'> },
  messageId: string,
): Promise<string | undefined> {
  const id = stripAngleBrackets(messageId);
  const entries = await stores.legalLog.search({ msgid: id, limit: 100 });
  return entries.find((e) => e.msgid !== id && e.relatedMsgids.includes(id))?.msgid;
}

/** One line per entry: seq, time, event, msgid, sender → recipients, related ids. */
export function renderLogEntryLine(entry: LegalLogEntry): string {
  const related = entry.relatedMsgids.length === 0 ? '' : ` [${entry.relatedMsgids.join(' ')}]`;
  return (
    `${entry.seq} ${entry.at.toISOString()} ${entry.eventType} ${entry.msgid} ` +
    `${entry.sender} -> ${entry.recipients.join(',')}${related}`
  );
}
