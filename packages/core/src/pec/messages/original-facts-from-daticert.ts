/**
 * The `OriginalFacts` of a transport envelope received from another provider, taken from its
 * daticert.xml, which machine processing must use (pec-spec §3.0): sender, recipients with kind,
 * Reply-To, subject, msgid and the requested receipt variant (`<ricevuta>`, else completa). Which
 * recipients were in Cc is not in daticert: it comes from the envelope's copied To and Cc fields;
 * an address in both counts as primary (pec-spec §3.5).
 */
import type { Daticert } from '../daticert/daticert.ts';
import { defaultReceiptVariant } from '../vocabulary.ts';
import type { OriginalFacts } from './original-facts.ts';

export interface EnvelopeRecipientLists {
  /** Addresses of the envelope's `To:` fields. */
  readonly to: readonly string[];
  /** Addresses of the envelope's `Cc:` fields. */
  readonly cc: readonly string[];
}

export function originalFactsFromDaticert(
  daticert: Daticert,
  lists: EnvelopeRecipientLists = { to: [], cc: [] },
): OriginalFacts {
  const lower = (list: readonly string[]): Set<string> => new Set(list.map((a) => a.toLowerCase()));
  const to = lower(lists.to);
  const cc = lower(lists.cc);
  return {
    sender: daticert.sender,
    recipients: daticert.recipients.map((r) => {
      const key = r.address.toLowerCase();
      return { address: r.address, kind: r.kind, isCc: cc.has(key) && !to.has(key) };
    }),
    replyTo: daticert.replyTo,
    ...(daticert.subject === undefined ? {} : { subject: daticert.subject }),
    ...(daticert.msgid === undefined ? {} : { msgid: daticert.msgid }),
    requestedVariant: daticert.receiptVariant ?? defaultReceiptVariant,
  };
}
