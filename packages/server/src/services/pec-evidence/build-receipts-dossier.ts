/**
 * The dossier of one sent PEC: per recipient, the tracked steps in order (accepted → taken in charge
 * → 12 h warning → delivered / non-delivery / 24 h failure, pec-spec §2.5, §6.3), each linked to
 * the receipt or notice that reported it when that message is in the holder's mailbox. A
 * non-delivery whose notice is a virus notice is the `virus` step (pec-spec §3.6, §3.8).
 */
import type {
  DeliveryEventStatus,
  TrackedMessage,
  TrackedRecipient,
} from '../../ports/message-tracking-store.ts';
import type { StoredMessage } from '../../ports/mailbox-store.ts';
import type { DossierStep, ReceiptsDossier } from './pec-evidence.ts';
import { messageLink, sameMessageId, type FoundReceipt } from './related-messages.ts';

/** Timeline order of the tracked events. */
const eventOrder: readonly DeliveryEventStatus[] = [
  'taken-in-charge',
  'timeout-12h',
  'delivered',
  'error',
  'timeout-24h',
];

function recipientSteps(
  tracked: TrackedMessage,
  recipient: TrackedRecipient,
  receipts: readonly FoundReceipt[],
): DossierStep[] {
  const acceptance = receipts.find((r) => r.stored.pecType === 'accettazione');
  const steps: DossierStep[] = [
    {
      step: 'accepted',
      at: tracked.acceptedAt,
      detail: null,
      receipt: acceptance === undefined ? null : messageLink(acceptance.stored),
    },
  ];
  for (const status of eventOrder) {
    const event = recipient.events[status];
    if (event === undefined) continue;
    const byId = receipts.find((r) => sameMessageId(r.stored.envelope.messageId, event.receiptId));
    const byRecipient =
      status === 'delivered' || status === 'error'
        ? receipts.find(
            (r) =>
              r.delivery?.toLowerCase() === recipient.address &&
              r.stored.pecType === (status === 'delivered' ? 'avvenuta-consegna' : 'errore-consegna'),
          )
        : undefined;
    const receipt = byId ?? byRecipient;
    steps.push({
      step: status === 'error' && receipt?.virus === true ? 'virus' : status,
      at: event.at,
      detail: event.detail,
      receipt: receipt === undefined ? null : messageLink(receipt.stored),
    });
  }
  return steps;
}

export function buildReceiptsDossier(
  tracked: TrackedMessage,
  sentCopy: StoredMessage,
  receipts: readonly FoundReceipt[],
): ReceiptsDossier {
  return {
    identifier: tracked.identifier,
    subject: tracked.subject,
    acceptedAt: tracked.acceptedAt,
    message: messageLink(sentCopy),
    recipients: tracked.recipients.map((recipient) => ({
      address: recipient.address,
      kind: recipient.kind,
      status: recipient.status,
      steps: recipientSteps(tracked, recipient, receipts),
    })),
    receipts: receipts.map((r) => messageLink(r.stored)),
    envelopeAvailable: tracked.envelopeBlobKey !== null,
  };
}
