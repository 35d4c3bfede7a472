/**
 * Avviso di non accettazione (pec-spec §3.3): issued by the access point instead of the acceptance
 * receipt, for a formal error (`errore="altro"`) or a virus (`errore="virus"`, `X-VerificaSicurezza:
 * errore`, the `… PER VIRUS: ` subject). daticert carries the reason in `<errore-esteso>`; an
 * identifier is assigned even though no envelope is sent; the original is never attached.
 */
import { toItalianDateTime } from '../time/italian-time.ts';
import { extendedErrorCodes, pecHeaders, securityCheckError, subjectPrefixes } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { buildNoticeHeaders } from './build-notice-headers.ts';
import { daticertFromFacts } from './daticert-from-facts.ts';
import { formatExtendedError } from './format-extended-error.ts';
import type { NoticeInput } from './notice-input.ts';
import { nonAcceptanceText } from './texts/notice-texts.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export interface NonAcceptanceInput extends NoticeInput {
  /** `formal`: a failed formal check (pec-spec §2.2 step 2); `virus`: the content is infected. */
  readonly reason: 'formal' | 'virus';
  /** Italian description of the problem, e.g. `destinatario in Bcc non ammesso`. */
  readonly description: string;
  /** Enhanced status code of `<errore-esteso>`; defaults to 5.6.0 (formal) or 5.7.1 (virus). */
  readonly statusCode?: string | undefined;
}

export function buildNonAcceptance(input: NonAcceptanceInput): UnsignedPecMessage {
  const { facts } = input;
  const virus = input.reason === 'virus';
  const code = input.statusCode ?? (virus ? extendedErrorCodes.virus : extendedErrorCodes.formalError);
  const daticert = daticertFromFacts(facts, {
    type: 'non-accettazione',
    error: virus ? 'virus' : 'altro',
    provider: input.provider,
    issuedAt: input.issuedAt,
    identifier: input.identifier,
    extendedError: formatExtendedError(code, input.provider, input.description),
  });
  return assemblePecMessage({
    headers: buildNoticeHeaders({
      receiptType: 'non-accettazione',
      extra: virus ? [{ name: pecHeaders.securityCheck, value: securityCheckError, kind: 'structured' }] : [],
      provider: input.provider,
      issuedAt: input.issuedAt,
      subjectPrefix: virus ? subjectPrefixes.nonAcceptanceVirus : subjectPrefixes.nonAcceptance,
      subject: facts.subject,
      to: facts.sender,
      msgid: facts.msgid,
      messageId: input.messageId,
    }),
    text: nonAcceptanceText({
      date: toItalianDateTime(input.issuedAt),
      facts,
      identifier: daticert.identifier,
      virus,
      description: input.description,
    }),
    daticert,
    boundarySeed: input.boundarySeed ?? input.messageId,
  });
}
