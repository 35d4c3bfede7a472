/**
 * The canonical encoding and hash of a legal-log entry (pec-spec §6.4), fixed forever once entries
 * exist: SHA-256, lower-case hex, over the UTF-8 bytes of the JSON array
 * `["pec-legal-log/1", seq, at (ISO 8601 UTC, ms), eventType, msgid, sender, recipients, subject,
 * relatedMsgids, sendingProvider, prevHash]`. An auditor can recompute it from an export.
 */
import { createHash } from 'node:crypto';
import type { NewLegalLogEntry } from '../../ports/legal-log.ts';

/** `prevHash` of the first entry ever written. */
export const genesisHash = '0'.repeat(64);

const encodingTag = 'pec-legal-log/1';

export function encodeLegalLogEntry(
  entry: NewLegalLogEntry & { readonly seq: number; readonly prevHash: string },
): string {
  return JSON.stringify([
    encodingTag,
    entry.seq,
    entry.at.toISOString(),
    entry.eventType,
    entry.msgid,
    entry.sender,
    entry.recipients,
    entry.subject,
    entry.relatedMsgids,
    entry.sendingProvider,
    entry.prevHash,
  ]);
}

export function hashLegalLogEntry(
  entry: NewLegalLogEntry & { readonly seq: number; readonly prevHash: string },
): string {
  return createHash('sha256').update(encodeLegalLogEntry(entry), 'utf8').digest('hex');
}
