/**
 * `OriginalFacts` of a message as the client submitted it (before `replaceMessageId`): From, To
 * then Cc (each once; To+Cc counts as primary, pec-spec §3.5), Reply-To, decoded subject,
 * Message-ID and `X-TipoRicevuta` in any case (completa by default, §3.1). `classify` gives each
 * recipient's kind from the providers' index (§2.2 step 4). No From gives an empty sender.
 */
import { getHeader, parseHeaderBlock } from '../../mail/header-block.ts';
import { summarizeMessage } from '../../mail/message-summary.ts';
import { defaultReceiptVariant, pecHeaders, receiptVariants } from '../vocabulary.ts';
import type { ReceiptVariant, RecipientKind } from '../vocabulary.ts';
import type { OriginalFacts, OriginalRecipient } from './original-facts.ts';
import { bracketedMessageId } from './replace-message-id.ts';

function requestedVariant(value: string | undefined): ReceiptVariant {
  const wanted = value?.trim().toLowerCase();
  return receiptVariants.find((v) => v === wanted) ?? defaultReceiptVariant;
}

export function deriveOriginalFacts(
  original: Uint8Array,
  classify: (address: string) => RecipientKind,
): OriginalFacts {
  const summary = summarizeMessage(original);
  const headers = parseHeaderBlock(original);
  const recipients: OriginalRecipient[] = [];
  const seen = new Set<string>();
  for (const [list, isCc] of [
    [summary.to, false],
    [summary.cc, true],
  ] as const) {
    for (const { address } of list) {
      const key = address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      recipients.push({ address, kind: classify(address), isCc });
    }
  }
  const replyTo = summary.replyTo[0]?.address;
  const msgid = bracketedMessageId(summary.messageId);
  return {
    sender: summary.from?.address ?? '',
    recipients,
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(summary.subject === undefined ? {} : { subject: summary.subject }),
    ...(msgid === undefined ? {} : { msgid }),
    requestedVariant: requestedVariant(getHeader(headers, pecHeaders.receiptType)),
  };
}
