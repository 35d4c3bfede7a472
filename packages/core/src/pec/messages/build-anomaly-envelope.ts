/**
 * Busta di anomalia (pec-spec §3.9): wraps ordinary mail and PEC messages that failed the reception
 * checks. Copies Received, Return-Path, To, Cc, Reply-To and — unlike the transport envelope — the
 * Message-ID; sets `X-Trasporto: errore`, Date, the `ANOMALIA MESSAGGIO: ` subject, the "Per conto
 * di" From and Reply-To when absent. Body: the text and the whole message as postacert.eml, no daticert.
 */
import type { HeaderInput } from '../../mail/build/render-mime-entity.ts';
import { renderMailbox } from '../../mail/build/render-mailbox.ts';
import { parseHeaderBlock } from '../../mail/header-block.ts';
import { formatRfc5322Date, toItalianDateTime } from '../time/italian-time.ts';
import { onBehalfOfPrefix, pecHeaders, subjectPrefixes, transportValues } from '../vocabulary.ts';
import { assemblePecMessage } from './assemble-pec-message.ts';
import { requireMessageId } from './build-notice-headers.ts';
import { copyHeaderFields } from './copy-header-fields.ts';
import type { OriginalFacts } from './original-facts.ts';
import { serviceAddress } from './provider-identity.ts';
import type { ProviderIdentity } from './provider-identity.ts';
import { anomalyEnvelopeText } from './texts/envelope-texts.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export interface AnomalyEnvelopeInput {
  /** The receiving provider. */
  readonly provider: ProviderIdentity;
  /** When the message arrived. */
  readonly receivedAt: Date;
  /** The whole message as received. */
  readonly original: Uint8Array;
  /** Facts of `original`; recipient kinds are not shown, since nothing here is certified. */
  readonly facts: OriginalFacts;
  /** What is wrong, in Italian, e.g. `messaggio privo di firma del gestore`. */
  readonly reason: string;
  /** Message-ID to use only when the original has none (bare or bracketed). */
  readonly messageIdIfMissing?: string | undefined;
  /** Seed of the MIME boundaries; defaults to the original Message-ID. */
  readonly boundarySeed?: string | undefined;
}

const structured = (name: string, value: string): HeaderInput => ({ name, value, kind: 'structured' });

export function buildAnomalyEnvelope(input: AnomalyEnvelopeInput): UnsignedPecMessage {
  const { facts, original } = input;
  const block = parseHeaderBlock(original);
  const copy = (name: string): HeaderInput[] => copyHeaderFields(original, block, name);
  const replyTo = copy('Reply-To');
  let messageId = copy('Message-ID');
  if (messageId.length === 0 && input.messageIdIfMissing !== undefined) {
    messageId = [structured('Message-ID', requireMessageId(input.messageIdIfMissing, 'Message-ID'))];
  }
  const headers: HeaderInput[] = [
    ...copy('Received'),
    ...copy('Return-Path'),
    structured(pecHeaders.transport, transportValues.anomaly),
    structured('Date', formatRfc5322Date(input.receivedAt)),
    { name: 'Subject', value: subjectPrefixes.anomalyEnvelope + (facts.subject ?? '') },
    structured('From', renderMailbox(serviceAddress(input.provider), onBehalfOfPrefix + facts.sender)),
    ...copy('To'),
    ...copy('Cc'),
    ...(replyTo.length > 0 || facts.sender === ''
      ? replyTo
      : [structured('Reply-To', renderMailbox(facts.sender))]),
    ...messageId,
  ];
  const seed =
    input.boundarySeed ?? facts.msgid ?? input.messageIdIfMissing ?? formatRfc5322Date(input.receivedAt);
  return assemblePecMessage({
    headers,
    text: anomalyEnvelopeText({ date: toItalianDateTime(input.receivedAt), facts, reason: input.reason }),
    original,
    boundarySeed: seed,
  });
}
