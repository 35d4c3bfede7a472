/**
 * Ricevuta di avvenuta consegna (pec-spec §3.5): issued by the recipient's delivery point, one per
 * recipient, to the original sender. `completa` carries the original exactly as the transport
 * envelope carried it (PEC Message-ID and X-Riferimento-Message-ID included), `breve` the same with
 * every attachment replaced by its SHA-1 (`replaceAttachmentsWithHashes`), `sintetica` nothing.
 * daticert: `tipo="avvenuta-consegna"`, `<ricevuta tipo>` = the variant issued, `<consegna>`.
 */
import { toItalianDateTime } from '../time/italian-time.ts';
import { subjectPrefixes } from '../vocabulary.ts';
import type { ReceiptVariant } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { buildNoticeHeaders } from './build-notice-headers.ts';
import { daticertFromFacts } from './daticert-from-facts.ts';
import type { NoticeInput } from './notice-input.ts';
import { replaceAttachmentsWithHashes } from './replace-attachments-with-hashes.ts';
import { deliveryReceiptText } from './texts/receipt-texts.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export interface DeliveryReceiptInput extends NoticeInput {
  /** The recipient whose mailbox received the envelope (daticert `<consegna>`). */
  readonly recipient: string;
  /** The variant to issue, from `chooseReceiptVariant`. */
  readonly variant: ReceiptVariant;
  /** postacert.eml of the transport envelope, byte-exact; required for completa and breve. */
  readonly carriedOriginal?: Uint8Array | undefined;
}

export function buildDeliveryReceipt(input: DeliveryReceiptInput): UnsignedPecMessage {
  const { facts } = input;
  const daticert = daticertFromFacts(facts, {
    type: 'avvenuta-consegna',
    provider: input.provider,
    issuedAt: input.issuedAt,
    identifier: input.identifier,
    // The variant issued, which differs from the one requested for Cc recipients.
    receiptVariant: input.variant,
    delivery: input.recipient,
  });
  const carried = input.carriedOriginal;
  if (input.variant !== 'sintetica' && carried === undefined) {
    throw new RangeError(`a ${input.variant} delivery receipt needs the carried original`);
  }
  let original: Uint8Array | undefined;
  if (carried !== undefined && input.variant === 'completa') original = carried;
  else if (carried !== undefined && input.variant === 'breve')
    original = replaceAttachmentsWithHashes(carried);
  return assemblePecMessage({
    headers: buildNoticeHeaders({
      receiptType: 'avvenuta-consegna',
      provider: input.provider,
      issuedAt: input.issuedAt,
      subjectPrefix: subjectPrefixes.delivery,
      subject: facts.subject,
      to: facts.sender,
      msgid: facts.msgid,
      messageId: input.messageId,
    }),
    text: deliveryReceiptText({
      date: toItalianDateTime(input.issuedAt),
      facts,
      identifier: daticert.identifier,
      recipient: input.recipient,
      variant: input.variant,
    }),
    daticert,
    original,
    boundarySeed: input.boundarySeed ?? input.messageId,
  });
}
