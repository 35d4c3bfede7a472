/**
 * The holder's notices about the life of the box (issue "the box's life", decision 0016), as an
 * ordinary RFC 5322 message in Italian and English: expiry ahead, expired (Super Ricezione),
 * deactivated, deleted, renewed, renewal waiting for payment. Pure: time and ids are inputs.
 */
import { encodeQuotedPrintable, formatRfc5322Date, renderMimeEntity } from '@pec/core';

export type BoxNotice =
  | { readonly kind: 'expiry-ahead'; readonly daysBefore: number; readonly expiresAt: Date }
  | { readonly kind: 'expired'; readonly expiresAt: Date; readonly deactivatesAt: Date }
  | { readonly kind: 'deactivated'; readonly deletesAt: Date }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'renewed'; readonly expiresAt: Date }
  /** The postmaster of the box's domain (or the operator) set a new password (decision 0021). */
  | { readonly kind: 'password-changed'; readonly by: string; readonly at: Date }
  | {
      readonly kind: 'renewal-pending';
      readonly orderId: number;
      readonly amountCents: number;
      readonly expiresAt: Date;
    };

export interface BoxNoticeInput {
  readonly notice: BoxNotice;
  readonly address: string;
  readonly providerName: string;
  readonly from: string;
  readonly to: string;
  readonly at: Date;
  /** Unique per notice: the Message-ID's left part. */
  readonly id: string;
}

const day = (date: Date): string => date.toISOString().slice(0, 10);
export const formatEuro = (cents: number): string => `EUR ${(cents / 100).toFixed(2)}`;

/** Subject and text (Italian, then English) of each notice. */
export function describeBoxNotice(notice: BoxNotice, address: string): { subject: string; text: string } {
  switch (notice.kind) {
    case 'expiry-ahead':
      return {
        subject: `La casella PEC ${address} scade il ${day(notice.expiresAt)}`,
        text:
          `La casella PEC ${address} scade tra ${notice.daysBefore} giorni, il ${day(notice.expiresAt)}. ` +
          'Rinnovala per continuare a inviare.\n\n' +
          `The PEC mailbox ${address} expires in ${notice.daysBefore} days, on ${day(notice.expiresAt)}. ` +
          'Renew it to keep sending.',
      };
    case 'expired':
      return {
        subject: `La casella PEC ${address} e' scaduta`,
        text:
          `La casella PEC ${address} e' scaduta il ${day(notice.expiresAt)}. Fino al ${day(notice.deactivatesAt)} ` +
          "continua a ricevere e puo' essere letta e rinnovata, ma non puo' inviare.\n\n" +
          `The PEC mailbox ${address} expired on ${day(notice.expiresAt)}. Until ${day(notice.deactivatesAt)} it ` +
          'keeps receiving and can be read and renewed, but it cannot send.',
      };
    case 'deactivated':
      return {
        subject: `La casella PEC ${address} e' stata disattivata`,
        text:
          `La casella PEC ${address} e' disattivata: non riceve piu' e non e' accessibile. Il ${day(notice.deletesAt)} ` +
          "il suo contenuto sara' cancellato definitivamente.\n\n" +
          `The PEC mailbox ${address} is deactivated: it no longer receives and cannot be signed in to. On ` +
          `${day(notice.deletesAt)} its contents will be deleted for good.`,
      };
    case 'deleted':
      return {
        subject: `La casella PEC ${address} e' stata cancellata`,
        text:
          `Il contenuto della casella PEC ${address} e' stato cancellato definitivamente. L'indirizzo resta ` +
          "riservato al titolare: solo lui puo' registrarlo di nuovo.\n\n" +
          `The contents of the PEC mailbox ${address} were deleted for good. The address stays reserved to its ` +
          'holder: only the same holder may register it again.',
      };
    case 'renewed':
      return {
        subject: `La casella PEC ${address} e' stata rinnovata`,
        text:
          `La casella PEC ${address} e' rinnovata fino al ${day(notice.expiresAt)}.\n\n` +
          `The PEC mailbox ${address} is renewed until ${day(notice.expiresAt)}.`,
      };
    case 'password-changed':
      return {
        subject: `Password della casella PEC ${address} cambiata`,
        text:
          `Il ${day(notice.at)} ${notice.by}, che amministra il dominio della casella PEC ${address}, ne ha ` +
          "cambiato la password. Se non te l'aspettavi, rivolgiti a lui o al gestore.\n\n" +
          `On ${day(notice.at)} ${notice.by}, who administers the domain of the PEC mailbox ${address}, changed ` +
          'its password. If you did not expect this, contact them or the provider.',
      };
    case 'renewal-pending':
      return {
        subject: `Rinnovo della casella PEC ${address} in attesa di pagamento`,
        text:
          `Il rinnovo automatico della casella PEC ${address} (ordine ${notice.orderId}, ` +
          `${formatEuro(notice.amountCents)}) attende il pagamento; la casella scade il ${day(notice.expiresAt)}.\n\n` +
          `The automatic renewal of the PEC mailbox ${address} (order ${notice.orderId}, ` +
          `${formatEuro(notice.amountCents)}) waits for payment; the mailbox expires on ${day(notice.expiresAt)}.`,
      };
  }
}

export function buildBoxNotice(input: BoxNoticeInput): Uint8Array {
  const { subject, text } = describeBoxNotice(input.notice, input.address);
  const body = `${encodeQuotedPrintable(new TextEncoder().encode(`${text}\n\n-- \n${input.providerName}`))}\r\n`;
  return renderMimeEntity(
    {
      headers: [
        { name: 'From', value: `${input.providerName} <${input.from}>`, kind: 'structured' },
        { name: 'To', value: input.to, kind: 'structured' },
        { name: 'Subject', value: subject },
        { name: 'Date', value: formatRfc5322Date(input.at), kind: 'structured' },
        {
          name: 'Message-ID',
          value: `<${input.id}@${input.from.slice(input.from.indexOf('@') + 1)}>`,
          kind: 'structured',
        },
        { name: 'Auto-Submitted', value: 'auto-generated', kind: 'structured' },
        { name: 'MIME-Version', value: '1.0', kind: 'structured' },
        { name: 'Content-Type', value: 'text/plain; charset=utf-8', kind: 'structured' },
        { name: 'Content-Transfer-Encoding', value: 'quoted-printable', kind: 'structured' },
      ],
      body,
    },
    input.id,
  );
}
