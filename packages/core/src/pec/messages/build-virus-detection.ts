/**
 * Avviso di rilevazione virus (pec-spec §3.8a): the recipient's reception point found a virus in a
 * transport envelope and tells the sending provider's service mailbox (`mailReceipt`), one notice
 * per affected recipient. `X-Ricevuta: rilevazione-virus`, `X-Mittente: <original sender>`,
 * `PROBLEMA DI SICUREZZA: ` subject, daticert `errore="virus"` with `<consegna>` and
 * `<errore-esteso>`. No original attached.
 */
import { renderMailbox } from '../../mail/build/render-mailbox.ts';
import { toItalianDateTime } from '../time/italian-time.ts';
import { extendedErrorCodes, pecHeaders, subjectPrefixes } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { buildNoticeHeaders } from './build-notice-headers.ts';
import { daticertFromFacts } from './daticert-from-facts.ts';
import { formatExtendedError } from './format-extended-error.ts';
import type { NoticeInput } from './notice-input.ts';
import { virusDetectionText } from './texts/notice-texts.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export interface VirusDetectionInput extends NoticeInput {
  /** The recipient the infected envelope was for (daticert `<consegna>`). */
  readonly recipient: string;
  /** The sending provider's `mailReceipt` (pec-spec §7.2). */
  readonly mailReceipt: string;
  /** What the scanner found, e.g. `Eicar-Test-Signature`. */
  readonly description: string;
}

export function buildVirusDetection(input: VirusDetectionInput): UnsignedPecMessage {
  const { facts } = input;
  const daticert = daticertFromFacts(facts, {
    type: 'rilevazione-virus',
    error: 'virus',
    provider: input.provider,
    issuedAt: input.issuedAt,
    identifier: input.identifier,
    delivery: input.recipient,
    extendedError: formatExtendedError(extendedErrorCodes.virus, input.provider, input.description),
  });
  return assemblePecMessage({
    headers: buildNoticeHeaders({
      receiptType: 'rilevazione-virus',
      extra: [{ name: pecHeaders.originalSender, value: renderMailbox(facts.sender), kind: 'structured' }],
      provider: input.provider,
      issuedAt: input.issuedAt,
      subjectPrefix: subjectPrefixes.virusDetection,
      subject: facts.subject,
      to: input.mailReceipt,
      msgid: facts.msgid,
      messageId: input.messageId,
    }),
    text: virusDetectionText({
      date: toItalianDateTime(input.issuedAt),
      facts,
      identifier: daticert.identifier,
      recipient: input.recipient,
      description: input.description,
    }),
    daticert,
    boundarySeed: input.boundarySeed ?? input.messageId,
  });
}
