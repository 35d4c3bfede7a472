/**
 * Avviso di mancata consegna (pec-spec §3.6), one per recipient, to the original sender:
 * `X-Ricevuta: errore-consegna`, daticert `errore` no-dest / no-dominio / altro with `<consegna>`
 * and `<errore-esteso>`. The virus variant (pec-spec §3.8b, issued by the sending provider after a
 * rilevazione virus) adds `X-VerificaSicurezza: errore`, the `… PER VIRUS: ` subject and
 * `errore="virus"`. No original attached.
 */
import { toItalianDateTime } from '../time/italian-time.ts';
import { pecHeaders, securityCheckError, subjectPrefixes } from '../vocabulary.ts';
import type { DaticertError } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { buildNoticeHeaders } from './build-notice-headers.ts';
import { daticertFromFacts } from './daticert-from-facts.ts';
import type { NoticeInput } from './notice-input.ts';
import { deliveryErrorText } from './texts/notice-texts.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export interface DeliveryErrorInput extends NoticeInput {
  /** The recipient that could not be delivered to (daticert `<consegna>`). */
  readonly recipient: string;
  /** daticert `errore`: wrong recipient, wrong domain, virus, or anything else. */
  readonly error: Exclude<DaticertError, 'nessuno'>;
  /** Italian description for the text, e.g. `casella inesistente`. */
  readonly description: string;
  /** `<errore-esteso>`, e.g. from `formatExtendedError('5.1.1', provider, 'indirizzo non valido')`. */
  readonly extendedError: string;
}

export function buildDeliveryError(input: DeliveryErrorInput): UnsignedPecMessage {
  const { facts } = input;
  const virus = input.error === 'virus';
  const daticert = daticertFromFacts(facts, {
    type: 'errore-consegna',
    error: input.error,
    provider: input.provider,
    issuedAt: input.issuedAt,
    identifier: input.identifier,
    delivery: input.recipient,
    extendedError: input.extendedError,
  });
  return assemblePecMessage({
    headers: buildNoticeHeaders({
      receiptType: 'errore-consegna',
      extra: virus ? [{ name: pecHeaders.securityCheck, value: securityCheckError, kind: 'structured' }] : [],
      provider: input.provider,
      issuedAt: input.issuedAt,
      subjectPrefix: virus ? subjectPrefixes.deliveryErrorVirus : subjectPrefixes.deliveryError,
      subject: facts.subject,
      to: facts.sender,
      msgid: facts.msgid,
      messageId: input.messageId,
    }),
    text: deliveryErrorText({
      date: toItalianDateTime(input.issuedAt),
      facts,
      identifier: daticert.identifier,
      recipient: input.recipient,
      virus,
      description: input.description,
    }),
    daticert,
    boundarySeed: input.boundarySeed ?? input.messageId,
  });
}
