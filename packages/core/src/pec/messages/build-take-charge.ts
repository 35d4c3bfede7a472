/**
 * Ricevuta di presa in carico (pec-spec §3.4): issued by the recipient's reception point for a
 * valid transport envelope, to the sending provider's service mailbox (`mailReceipt` from the
 * index), never to the user. One receipt covers the recipients this provider handles in the
 * transaction, each as a daticert `<ricezione>` (pec-spec §6.6).
 */
import { toItalianDateTime } from '../time/italian-time.ts';
import { subjectPrefixes } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { buildNoticeHeaders } from './build-notice-headers.ts';
import { daticertFromFacts } from './daticert-from-facts.ts';
import type { NoticeInput } from './notice-input.ts';
import { takeChargeText } from './texts/receipt-texts.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export interface TakeChargeInput extends NoticeInput {
  /** The recipients this provider took charge of (at least one). */
  readonly takenInCharge: readonly string[];
  /** The sending provider's `mailReceipt` (pec-spec §7.2). */
  readonly mailReceipt: string;
}

export function buildTakeCharge(input: TakeChargeInput): UnsignedPecMessage {
  const { facts } = input;
  if (input.takenInCharge.length === 0)
    throw new RangeError('a take-charge receipt needs at least one recipient');
  const daticert = daticertFromFacts(facts, {
    type: 'presa-in-carico',
    provider: input.provider,
    issuedAt: input.issuedAt,
    identifier: input.identifier,
    takenInCharge: input.takenInCharge,
  });
  return assemblePecMessage({
    headers: buildNoticeHeaders({
      receiptType: 'presa-in-carico',
      provider: input.provider,
      issuedAt: input.issuedAt,
      subjectPrefix: subjectPrefixes.takeCharge,
      subject: facts.subject,
      to: input.mailReceipt,
      msgid: facts.msgid,
      messageId: input.messageId,
    }),
    text: takeChargeText({
      date: toItalianDateTime(input.issuedAt),
      facts,
      identifier: daticert.identifier,
      providerName: input.provider.name,
      takenInCharge: input.takenInCharge,
    }),
    daticert,
    boundarySeed: input.boundarySeed ?? input.messageId,
  });
}
