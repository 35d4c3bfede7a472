/**
 * The certification data carried as `daticert.xml` in every PEC envelope and receipt
 * (pec-spec §4.1 DTD, §4.2 element usage, §4.3 value formats). English field names; the XML
 * element each one maps to is in its comment.
 */
import type { DaticertError, DaticertType, ReceiptVariant, RecipientKind } from '../vocabulary.ts';

export interface DaticertRecipient {
  /** `<destinatari>` text: a bare address. */
  readonly address: string;
  /** `<destinatari tipo=…>`: PEC recipient (`certificato`) or ordinary (`esterno`). */
  readonly kind: RecipientKind;
}

/** Italian legal time as daticert writes it (pec-spec §4.3, §6.2). */
export interface ItalianDateTime {
  /** `<giorno>`: dd/mm/yyyy. */
  readonly day: string;
  /** `<ora>`: hh:mm:ss. */
  readonly time: string;
  /** `<data zona=…>`: `+0100` or `+0200`. */
  readonly zone: string;
}

export interface Daticert {
  /** `<postacert tipo=…>`. */
  readonly type: DaticertType;
  /** `<postacert errore=…>`; `nessuno` when there is no error. */
  readonly error: DaticertError;
  /** `<mittente>`: the original sender, a bare address. */
  readonly sender: string;
  /** `<destinatari>`: one per To/Cc address, in order. At least one. */
  readonly recipients: readonly DaticertRecipient[];
  /** `<risposte>`: the original Reply-To, or the sender when there was none. */
  readonly replyTo: string;
  /** `<oggetto>`: the original subject, decoded from RFC 2047. Omitted when absent. */
  readonly subject?: string | undefined;
  /** `<gestore-emittente>`: the certifying provider's name. */
  readonly issuer: string;
  /** `<data>`: the transaction's single time reference, in Italian legal time. */
  readonly date: ItalianDateTime;
  /** `<identificativo>`: the transport envelope's PEC identifier, without angle brackets. */
  readonly identifier: string;
  /** `<msgid>`: the original Message-ID with angle brackets, when the original had one. */
  readonly msgid?: string | undefined;
  /** `<ricevuta tipo=…>`: the delivery-receipt variant requested or issued. */
  readonly receiptVariant?: ReceiptVariant | undefined;
  /** `<consegna>`: the recipient a delivery, non-delivery, timeout or virus notice is about. */
  readonly delivery?: string | undefined;
  /** `<ricezione>`: the recipients covered by a take-charge receipt. */
  readonly takenInCharge?: readonly string[] | undefined;
  /** `<errore-esteso>`: a short error description, e.g. `5.1.1 - Example PEC - indirizzo non valido`. */
  readonly extendedError?: string | undefined;
}
