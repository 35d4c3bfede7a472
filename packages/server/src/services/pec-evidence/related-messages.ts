/**
 * A sent PEC and its receipts in one mailbox. The holder's Sent copy is the original as accepted:
 * its Message-ID is the identificativo and its `X-Riferimento-Message-ID` the client's msgid
 * (pec-spec §2.2 step 5); every receipt and notice carries that same msgid (pec-spec §3.2–§3.8) and
 * names the identificativo in daticert, so the mailbox's pecReference index finds the candidates
 * and daticert decides.
 */
import { decodeEncodedWords, parseMailDate, readPecMessage, stripAngleBrackets } from '@pec/core';
import type { StoredMessage } from '../../ports/mailbox-store.ts';
import type { TrackedMessage } from '../../ports/message-tracking-store.ts';
import type { MessageLink } from './pec-evidence.ts';
import type { PecEvidenceDependencies } from './pec-evidence-dependencies.ts';

/** Message-IDs compared without angle brackets, case-insensitively. */
export function sameMessageId(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return stripAngleBrackets(a.trim()).toLowerCase() === stripAngleBrackets(b.trim()).toLowerCase();
}

export function messageLink(message: StoredMessage): MessageLink {
  return {
    folderId: message.folderId,
    uid: message.uid,
    pecType: message.pecType ?? 'ordinaria',
    subject: message.envelope.subject === null ? '' : decodeEncodedWords(message.envelope.subject).trim(),
    date: parseMailDate(message.envelope.date ?? undefined) ?? message.internalDate,
  };
}

/** Receipts and notices, as classified when stored. */
export function isReceiptKind(message: StoredMessage): boolean {
  const type = message.pecType;
  return type !== null && type !== 'posta-certificata' && type !== 'anomalia' && type !== 'ordinaria';
}

/** The tracked message `holder` sent whose identificativo is this stored message's Message-ID. */
export async function trackedSentCopy(
  deps: PecEvidenceDependencies,
  holder: string,
  message: StoredMessage,
): Promise<TrackedMessage | undefined> {
  const messageId = message.envelope.messageId;
  if (messageId === null || isReceiptKind(message) || message.pecType === 'posta-certificata')
    return undefined;
  const tracked = await deps.tracking.get(stripAngleBrackets(messageId.trim()));
  // Only the sender's own tracking: a copy appended by hand with a borrowed Message-ID proves nothing.
  return tracked !== undefined && tracked.sender === holder.toLowerCase() ? tracked : undefined;
}

/** The holder's Sent copy of a tracked message, found through the receipts' shared msgid. */
export async function findSentCopy(
  deps: PecEvidenceDependencies,
  mailboxId: number,
  tracked: TrackedMessage,
): Promise<StoredMessage | undefined> {
  if (tracked.originalMsgid === null) return undefined;
  const candidates = await deps.mailboxes.findByPecReference(mailboxId, tracked.originalMsgid);
  return candidates.find(
    (m) =>
      !isReceiptKind(m) &&
      m.pecType !== 'posta-certificata' &&
      sameMessageId(m.envelope.messageId, tracked.identifier),
  );
}

export interface FoundReceipt {
  readonly stored: StoredMessage;
  readonly bytes: Buffer;
  /** daticert `<consegna>` (the recipient a delivery receipt is for), when present. */
  readonly delivery: string | undefined;
  readonly virus: boolean;
}

/** Every receipt or notice in the mailbox whose daticert names this identificativo, oldest first. */
export async function findReceipts(
  deps: PecEvidenceDependencies,
  mailboxId: number,
  tracked: TrackedMessage,
): Promise<FoundReceipt[]> {
  if (tracked.originalMsgid === null) return [];
  const candidates = (await deps.mailboxes.findByPecReference(mailboxId, tracked.originalMsgid)).filter(
    isReceiptKind,
  );
  const found: FoundReceipt[] = [];
  for (const stored of candidates) {
    const bytes = await deps.blobs.get(stored.blobKey);
    const read = await readPecMessage(bytes, { skipSignature: true });
    if (!sameMessageId(read.identificativo, tracked.identifier)) continue;
    found.push({
      stored,
      bytes,
      delivery: read.daticert?.delivery,
      virus: read.type === 'rilevazione-virus' || read.daticert?.error === 'virus',
    });
  }
  return found.sort(
    (a, b) =>
      a.stored.internalDate.getTime() - b.stored.internalDate.getTime() || a.stored.uid - b.stored.uid,
  );
}
