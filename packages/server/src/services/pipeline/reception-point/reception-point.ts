/**
 * The reception point's service seam (punto di ricezione, pec-spec §2.3): what the MX adapter hands
 * over for each SMTP transaction from another provider or the Internet, and what it answers. The
 * adapter replies `250` only after `receive` resolved `accepted`: by then every stored message,
 * notice and outbox job is committed (decision 0004, decision 0007).
 */
import type { RefusalOf } from '../../refusal/refusal.ts';

/** One SMTP transaction received on the MX port, as received. */
export interface Reception {
  /** SMTP reverse-path (MAIL FROM) without angle brackets; empty for the null sender of a DSN. */
  readonly mailFrom: string;
  /** SMTP forward-paths (RCPT TO) that `checkRecipient` accepted, without angle brackets. */
  readonly rcptTo: readonly string[];
  /** The message exactly as received (CRLF, dot-unstuffed). */
  readonly raw: Uint8Array;
  readonly remoteAddress: string;
  /** TLS was in use for the whole transaction. */
  readonly secure: boolean;
}

/** What the reception point made of the message (pec-spec §2.3 outcomes table). */
export type ReceptionClass =
  /** A valid transport envelope from a listed provider: taken in charge (pec-spec §3.4). */
  | 'transport-envelope'
  /** A valid receipt, notice or anomaly envelope from a listed provider: filed unchanged. */
  | 'pec-notice'
  /** A PEC-looking message that failed the checks: wrapped in an anomaly envelope (pec-spec §3.9). */
  | 'invalid-pec'
  /** Mail with no PEC signature: handled by each mailbox's ordinary-mail policy (pec-spec §6.6). */
  | 'ordinary';

/**
 * `accepted`: everything durable; the adapter answers `250` with `text`.
 * `refused`: nothing was delivered; the adapter answers with its form of `refusal` (5xx in SMTP).
 */
export type ReceptionOutcome =
  | {
      readonly kind: 'accepted';
      readonly classification: ReceptionClass;
      /** The PEC identifier or Message-ID the reply and the legal log name. */
      readonly reference: string;
      readonly text: string;
      /** Why a PEC-looking message became an anomaly, in English, for the operator's log. */
      readonly detail?: string;
    }
  | {
      readonly kind: 'refused';
      readonly classification: ReceptionClass;
      readonly refusal: RefusalOf<'message-too-large' | 'virus-found' | 'all-recipients-refused'>;
    };

/** A recipient refused at RCPT TO, with no notice. */
export type ReceptionRecipientRefusal = RefusalOf<'invalid-address' | 'too-many-recipients' | 'relay-denied'>;

export interface ReceptionPoint {
  /** RCPT TO: syntax, the recipient-count limit (counted by the adapter) and one of our domains. */
  checkRecipient(address: string, countSoFar: number): Promise<ReceptionRecipientRefusal | undefined>;
  /** The whole message: verification, classification, antivirus, then the outcome of pec-spec §2.3. */
  receive(reception: Reception): Promise<ReceptionOutcome>;
}
