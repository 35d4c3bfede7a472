/**
 * Which delivery receipt a recipient gets (pec-spec §3.5 table): the variant the sender asked for
 * in `X-TipoRicevuta`, except that recipients in `Cc:` always get a sintetica. A recipient in both
 * To and Cc counts as primary (the caller sets `recipientIsCc` false then).
 */
import type { ReceiptVariant } from '../vocabulary.ts';

export function chooseReceiptVariant(requested: ReceiptVariant, recipientIsCc: boolean): ReceiptVariant {
  return recipientIsCc ? 'sintetica' : requested;
}
