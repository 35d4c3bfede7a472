/**
 * The daticert of a generated message from the original's facts (pec-spec §4.2, §4.3): the
 * `intestazione` is always the original's (sender, recipients with kind, Reply-To or else the
 * sender, subject), `msgid` is the client's Message-ID when there was one, `data` is the single
 * time reference in Italian legal time, `identificativo` the transport envelope's identifier.
 */
import type { Daticert } from '../daticert/daticert.ts';
import { toItalianDateTime } from '../time/italian-time.ts';
import type { DaticertError, DaticertType, ReceiptVariant } from '../vocabulary.ts';
import type { OriginalFacts } from './original-facts.ts';
import type { ProviderIdentity } from './provider-identity.ts';
import { stripAngleBrackets } from '../identifiers/message-id.ts';

export interface DaticertEvent {
  readonly type: DaticertType;
  readonly error?: DaticertError;
  readonly provider: ProviderIdentity;
  readonly issuedAt: Date;
  /** The transport envelope's identifier (with or without angle brackets). */
  readonly identifier: string;
  readonly receiptVariant?: ReceiptVariant;
  readonly delivery?: string;
  readonly takenInCharge?: readonly string[];
  readonly extendedError?: string;
}

export function daticertFromFacts(facts: OriginalFacts, event: DaticertEvent): Daticert {
  return {
    type: event.type,
    error: event.error ?? 'nessuno',
    sender: facts.sender,
    recipients: facts.recipients.map((r) => ({ address: r.address, kind: r.kind })),
    replyTo: facts.replyTo ?? facts.sender,
    ...(facts.subject === undefined ? {} : { subject: facts.subject }),
    issuer: event.provider.name,
    date: toItalianDateTime(event.issuedAt),
    identifier: stripAngleBrackets(event.identifier),
    ...(facts.msgid === undefined ? {} : { msgid: facts.msgid }),
    ...(event.receiptVariant === undefined ? {} : { receiptVariant: event.receiptVariant }),
    ...(event.delivery === undefined ? {} : { delivery: event.delivery }),
    ...(event.takenInCharge === undefined ? {} : { takenInCharge: event.takenInCharge }),
    ...(event.extendedError === undefined ? {} : { extendedError: event.extendedError }),
  };
}
