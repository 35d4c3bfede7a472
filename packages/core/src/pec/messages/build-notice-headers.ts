/**
 * Outer header fields of receipts and notices (pec-spec §3.2–§3.8, §3.10): the `X-Ricevuta` type,
 * any type-specific fields (`X-VerificaSicurezza`, `X-Mittente`), `Date`, the subject prefix plus
 * the original subject, `From: posta-certificata@<domain>`, `To` (the original sender, or the
 * sending provider's mailReceipt), `X-Riferimento-Message-ID` when the original had a Message-ID,
 * and the notice's own `Message-ID`.
 */
import type { HeaderInput } from '../../mail/build/render-mime-entity.ts';
import { renderMailbox } from '../../mail/build/render-mailbox.ts';
import { isValidMessageIdentifier, withAngleBrackets } from '../identifiers/message-id.ts';
import { formatRfc5322Date } from '../time/italian-time.ts';
import { pecHeaders } from '../vocabulary.ts';
import type { ReceiptHeaderValue } from '../vocabulary.ts';
import { serviceAddress } from './provider-identity.ts';
import type { ProviderIdentity } from './provider-identity.ts';

export interface NoticeHeaderInput {
  readonly receiptType: ReceiptHeaderValue;
  /** Type-specific fields written right after `X-Ricevuta`. */
  readonly extra?: readonly HeaderInput[];
  readonly provider: ProviderIdentity;
  readonly issuedAt: Date;
  /** One of `subjectPrefixes`, followed by the original subject. */
  readonly subjectPrefix: string;
  readonly subject: string | undefined;
  /** Bare address of the addressee. */
  readonly to: string;
  /** The original's Message-ID in angle brackets, when it had one. */
  readonly msgid: string | undefined;
  readonly messageId: string;
}

/** Validates a Message-ID given as input and returns it in angle brackets. */
export function requireMessageId(id: string, what: string): string {
  if (!isValidMessageIdentifier(id)) throw new RangeError(`invalid ${what}: ${id}`);
  return withAngleBrackets(id);
}

export function buildNoticeHeaders(input: NoticeHeaderInput): HeaderInput[] {
  return [
    { name: pecHeaders.receipt, value: input.receiptType, kind: 'structured' },
    ...(input.extra ?? []),
    { name: 'Date', value: formatRfc5322Date(input.issuedAt), kind: 'structured' },
    { name: 'Subject', value: input.subjectPrefix + (input.subject ?? '') },
    { name: 'From', value: renderMailbox(serviceAddress(input.provider)), kind: 'structured' },
    { name: 'To', value: renderMailbox(input.to), kind: 'structured' },
    ...(input.msgid === undefined
      ? []
      : [{ name: pecHeaders.referenceMessageId, value: input.msgid, kind: 'structured' as const }]),
    { name: 'Message-ID', value: requireMessageId(input.messageId, 'Message-ID'), kind: 'structured' },
  ];
}
