/**
 * Ricevuta di accettazione (pec-spec §3.2): issued by the access point to the sender once the
 * message passed the checks. `X-Ricevuta: accettazione`, `ACCETTAZIONE: ` subject, every recipient
 * listed as posta certificata or posta ordinaria, daticert `tipo="accettazione"` without
 * `<ricevuta>` (as Aruba, pec-spec §4.2), no postacert.eml.
 */
import { toItalianDateTime } from '../time/italian-time.ts';
import { subjectPrefixes } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { buildNoticeHeaders } from './build-notice-headers.ts';
import { daticertFromFacts } from './daticert-from-facts.ts';
import type { NoticeInput } from './notice-input.ts';
import { acceptanceText } from './texts/receipt-texts.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export type AcceptanceInput = NoticeInput;

export function buildAcceptance(input: AcceptanceInput): UnsignedPecMessage {
  const { facts } = input;
  const daticert = daticertFromFacts(facts, {
    type: 'accettazione',
    provider: input.provider,
    issuedAt: input.issuedAt,
    identifier: input.identifier,
  });
  return assemblePecMessage({
    headers: buildNoticeHeaders({
      receiptType: 'accettazione',
      provider: input.provider,
      issuedAt: input.issuedAt,
      subjectPrefix: subjectPrefixes.acceptance,
      subject: facts.subject,
      to: facts.sender,
      msgid: facts.msgid,
      messageId: input.messageId,
    }),
    text: acceptanceText({ date: toItalianDateTime(input.issuedAt), facts, identifier: daticert.identifier }),
    daticert,
    boundarySeed: input.boundarySeed ?? input.messageId,
  });
}
