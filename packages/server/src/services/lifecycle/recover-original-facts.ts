/**
 * The facts of a message we accepted, for the notices issued long after its acceptance
 * (pec-spec §3.7: the daticert `intestazione` is always the original's, §4.2). The acceptance
 * receipt in the sender's mailbox carries them all (Reply-To, address case, requested variant);
 * when it is gone or the client sent no Message-ID, the tracking row gives the rest.
 */
import {
  defaultReceiptVariant,
  readPecMessage,
  stripAngleBrackets,
  type DaticertType,
  type OriginalFacts,
} from '@pec/core';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { TrackedMessage } from '../../ports/message-tracking-store.ts';
import type { StorageStores } from '../../ports/storage.ts';

const acceptanceType: DaticertType = 'accettazione';

/** The facts the tracking row alone gives: Reply-To unknown, addresses as stored (lower case). */
export function factsFromTracking(message: TrackedMessage): OriginalFacts {
  return {
    sender: message.sender,
    recipients: message.recipients.map((r) => ({ address: r.address, kind: r.kind, isCc: false })),
    ...(message.subject === null ? {} : { subject: message.subject }),
    ...(message.originalMsgid === null ? {} : { msgid: message.originalMsgid }),
    requestedVariant: defaultReceiptVariant,
  };
}

export async function recoverOriginalFacts(
  stores: Pick<StorageStores, 'mailboxes'>,
  blobs: BlobStore,
  message: TrackedMessage,
  senderMailboxId: number | undefined,
): Promise<OriginalFacts> {
  const fallback = factsFromTracking(message);
  if (senderMailboxId === undefined || message.originalMsgid === null) return fallback;
  const related = await stores.mailboxes.findByPecReference(senderMailboxId, message.originalMsgid);
  for (const stored of related) {
    if (stored.pecType !== acceptanceType) continue;
    const bytes = await blobs.get(stored.blobKey).catch(() => undefined);
    if (bytes === undefined) continue;
    const { daticert } = await readPecMessage(bytes, { skipSignature: true });
    if (daticert?.identifier === undefined) continue;
    if (stripAngleBrackets(daticert.identifier) !== message.identifier) continue;
    const kinds = new Map(message.recipients.map((r) => [r.address.toLowerCase(), r.kind]));
    const recipients = daticert.recipients.flatMap((r) => {
      const kind = kinds.get(r.address.toLowerCase()) ?? r.kind;
      return kind === undefined ? [] : [{ address: r.address, kind, isCc: false }];
    });
    if (recipients.length !== message.recipients.length) return fallback;
    const subject = daticert.subject ?? fallback.subject;
    return {
      sender: daticert.sender ?? message.sender,
      recipients,
      ...(daticert.replyTo === undefined ? {} : { replyTo: daticert.replyTo }),
      ...(subject === undefined ? {} : { subject }),
      msgid: daticert.msgid ?? message.originalMsgid,
      requestedVariant: daticert.receiptVariant ?? defaultReceiptVariant,
    };
  }
  return fallback;
}
