/**
 * Which archive kind (decision 0035) a message the provider files is: the copy of a sent message
 * filed in Sent, acceptance receipts (accettazione, non-accettazione), delivery receipts
 * (avvenuta-consegna, errore-consegna, preavviso-errore-consegna) and received transport envelopes
 * (posta-certificata), wherever the holder's rules file them (pec-spec §3.2–§3.7). Anything else
 * (ordinary mail, anomalies, presa in carico, provider notices) is not archived.
 */
import type { MessageKind } from '@pec/core';
import type { Folder } from '../../ports/mailbox-store.ts';
import type { ArchiveKind } from '../../ports/security-archive-store.ts';

const kindOfType: Readonly<Partial<Record<MessageKind, ArchiveKind>>> = {
  accettazione: 'acceptance',
  'non-accettazione': 'acceptance',
  'avvenuta-consegna': 'delivery',
  'errore-consegna': 'delivery',
  'preavviso-errore-consegna': 'delivery',
  'posta-certificata': 'received',
};

export function archiveKindOf(
  folder: Pick<Folder, 'specialUse' | 'securityArchive'>,
  pecType: MessageKind | null | undefined,
): ArchiveKind | undefined {
  if (folder.securityArchive) return undefined;
  if (folder.specialUse === '\\Sent') return 'sent';
  return pecType === null || pecType === undefined ? undefined : kindOfType[pecType];
}
