/**
 * Avvisi di mancata consegna per superamento tempi massimi (pec-spec §3.7), one per PEC recipient,
 * from the sender's provider to the sender. Both stages share `X-Ricevuta:
 * preavviso-errore-consegna` and the subject; they differ in the text and in `<errore-esteso>`:
 * the 12 h notice uses 4.4.7 and `errore="nessuno"` (delivery may still happen), the final 24 h
 * notice starts with `5.4.1` and has `errore="altro"`, so consumers can tell them apart.
 */
import { toItalianDateTime } from '../time/italian-time.ts';
import { extendedErrorCodes, subjectPrefixes } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { buildNoticeHeaders } from './build-notice-headers.ts';
import { daticertFromFacts } from './daticert-from-facts.ts';
import { formatExtendedError } from './format-extended-error.ts';
import type { NoticeInput } from './notice-input.ts';
import { timeoutNoticeText } from './texts/notice-texts.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export interface TimeoutNoticeInput extends NoticeInput {
  readonly recipient: string;
  /** `first`: the 12 h preavviso; `final`: the 24 h notice that closes the transmission. */
  readonly stage: 'first' | 'final';
}

const descriptions = {
  first: 'il messaggio non è stato ancora consegnato nelle prime dodici ore dal suo invio',
  final: 'il messaggio non è stato consegnato nelle prime ventiquattro ore dal suo invio',
} as const;

export function buildTimeoutNotice(input: TimeoutNoticeInput): UnsignedPecMessage {
  const { facts } = input;
  const final = input.stage === 'final';
  const code = final ? extendedErrorCodes.finalTimeout : extendedErrorCodes.firstTimeout;
  const daticert = daticertFromFacts(facts, {
    type: 'preavviso-errore-consegna',
    error: final ? 'altro' : 'nessuno',
    provider: input.provider,
    issuedAt: input.issuedAt,
    identifier: input.identifier,
    delivery: input.recipient,
    extendedError: formatExtendedError(code, input.provider, descriptions[input.stage]),
  });
  return assemblePecMessage({
    headers: buildNoticeHeaders({
      receiptType: 'preavviso-errore-consegna',
      provider: input.provider,
      issuedAt: input.issuedAt,
      subjectPrefix: subjectPrefixes.timeout,
      subject: facts.subject,
      to: facts.sender,
      msgid: facts.msgid,
      messageId: input.messageId,
    }),
    text: timeoutNoticeText({
      date: toItalianDateTime(input.issuedAt),
      facts,
      identifier: daticert.identifier,
      recipient: input.recipient,
      stage: input.stage,
    }),
    daticert,
    boundarySeed: input.boundarySeed ?? input.messageId,
  });
}
