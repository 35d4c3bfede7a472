/**
 * Busta di trasporto (pec-spec §3.1, §6.1). Copies Received, Return-Path, To, Cc and Reply-To from
 * the original unchanged; sets X-Trasporto, Date (acceptance time), the `POSTA CERTIFICATA: ` subject,
 * the "Per conto di" From, Reply-To (sender, if absent), `Message-ID: <identificativo>`,
 * X-Riferimento-Message-ID and X-TipoRicevuta. Carries daticert and the Message-ID-replaced original.
 */
import { normalizeLineBreaks } from '../../mail/build/normalize-line-breaks.ts';
import type { HeaderInput } from '../../mail/build/render-mime-entity.ts';
import { renderMailbox } from '../../mail/build/render-mailbox.ts';
import { parseHeaderBlock } from '../../mail/header-block.ts';
import { withAngleBrackets } from '../identifiers/message-id.ts';
import { formatRfc5322Date, toItalianDateTime } from '../time/italian-time.ts';
import { onBehalfOfPrefix, pecHeaders, subjectPrefixes, transportValues } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { copyHeaderFields } from './copy-header-fields.ts';
import { daticertFromFacts } from './daticert-from-facts.ts';
import type { OriginalFacts } from './original-facts.ts';
import { serviceAddress } from './provider-identity.ts';
import type { ProviderIdentity } from './provider-identity.ts';
import { replaceMessageId } from './replace-message-id.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';
import { transportEnvelopeText } from './texts/envelope-texts.ts';

export interface TransportEnvelopeInput {
  /** The sender's provider, which accepted the message. */
  readonly provider: ProviderIdentity;
  /** The acceptance time reference, the same as the acceptance receipt's (pec-spec §6.2). */
  readonly acceptedAt: Date;
  /** The PEC identifier (`identificativo`): the envelope's Message-ID (pec-spec §6.1). */
  readonly identifier: string;
  /** The message exactly as the client submitted it. */
  readonly original: Uint8Array;
  /** Facts of `original` (`deriveOriginalFacts`); `msgid` must be its Message-ID. */
  readonly facts: OriginalFacts;
  /** Seed of the MIME boundaries; defaults to `identifier`. */
  readonly boundarySeed?: string | undefined;
}

export interface TransportEnvelope extends UnsignedPecMessage {
  /** The original as carried in postacert.eml: PEC Message-ID, X-Riferimento-Message-ID, CRLF. */
  readonly carriedOriginal: Uint8Array;
}

const structured = (name: string, value: string): HeaderInput => ({ name, value, kind: 'structured' });

export function buildTransportEnvelope(input: TransportEnvelopeInput): TransportEnvelope {
  const { facts, original } = input;
  const replaced = replaceMessageId(original, input.identifier);
  if (replaced.originalMessageId !== facts.msgid) {
    throw new RangeError('facts.msgid is not the Message-ID of the original');
  }
  const block = parseHeaderBlock(original);
  const copy = (name: string): HeaderInput[] => copyHeaderFields(original, block, name);
  const replyTo = copy('Reply-To');
  const headers: HeaderInput[] = [
    ...copy('Received'),
    ...copy('Return-Path'),
    structured(pecHeaders.transport, transportValues.certified),
    structured('Date', formatRfc5322Date(input.acceptedAt)),
    { name: 'Subject', value: subjectPrefixes.transportEnvelope + (facts.subject ?? '') },
    structured('From', renderMailbox(serviceAddress(input.provider), onBehalfOfPrefix + facts.sender)),
    ...copy('To'),
    ...copy('Cc'),
    ...(replyTo.length > 0 ? replyTo : [structured('Reply-To', renderMailbox(facts.sender))]),
    structured('Message-ID', withAngleBrackets(input.identifier)),
    ...(facts.msgid === undefined ? [] : [structured(pecHeaders.referenceMessageId, facts.msgid)]),
    structured(pecHeaders.receiptType, facts.requestedVariant),
  ];
  const daticert = daticertFromFacts(facts, {
    type: transportValues.certified,
    provider: input.provider,
    issuedAt: input.acceptedAt,
    identifier: input.identifier,
    receiptVariant: facts.requestedVariant,
  });
  const message = assemblePecMessage({
    headers,
    text: transportEnvelopeText({
      date: toItalianDateTime(input.acceptedAt),
      facts,
      identifier: daticert.identifier,
    }),
    daticert,
    original: replaced.bytes,
    boundarySeed: input.boundarySeed ?? input.identifier,
  });
  return { ...message, carriedOriginal: normalizeLineBreaks(replaced.bytes) };
}
