/**
 * The access point's service seam (punto di accesso, pec-spec §2.2): what the SMTP submission
 * adapter hands over once a client has sent DATA, and what it gets back. The adapter replies
 * `250` only after `submit` resolved, because by then everything is durable (decision 0004).
 * Refusals are in the protocol-neutral vocabulary of ../../refusal/refusal.ts.
 */
import type { RefusalOf } from '../../refusal/refusal.ts';

/** One SMTP submission transaction, as received. */
export interface Submission {
  /** The SASL identity the client authenticated as (a mailbox address). */
  readonly authenticatedUser: string;
  /** SMTP reverse-path (MAIL FROM), without angle brackets. */
  readonly mailFrom: string;
  /** SMTP forward-paths (RCPT TO), as given, without angle brackets. */
  readonly rcptTo: readonly string[];
  /** The message exactly as received (CRLF, dot-unstuffed). */
  readonly raw: Uint8Array;
  readonly remoteAddress: string;
  /** TLS was in use for the whole transaction. */
  readonly secure: boolean;
}

/**
 * `accepted`: acceptance receipt stored in the sender's INBOX, envelope stored, delivery queued.
 * `not-accepted`: a non-acceptance notice (formal error or virus) is stored in the sender's INBOX;
 * the adapter answers with the `refusal` (which names the notice) so that the client sees why too.
 */
export type SubmissionOutcome =
  | { readonly kind: 'accepted'; readonly identifier: string }
  | {
      readonly kind: 'not-accepted';
      readonly identifier: string;
      readonly reason: 'formal' | 'virus';
      readonly refusal: RefusalOf<'malformed-message' | 'virus-found'>;
    };

/** A sender refused at MAIL FROM (and again at end of DATA), with no notice: there is no message yet. */
export type SenderRefusal = RefusalOf<
  'sender-not-holder' | 'sender-unknown' | 'sending-disabled' | 'mailbox-expired' | 'quota-exceeded'
>;

/** A recipient refused at RCPT TO, with no notice. */
export type RecipientCheckRefusal = RefusalOf<'invalid-address' | 'too-many-recipients'>;

export interface AccessPoint {
  /** MAIL FROM check: the reverse-path must be the authenticated mailbox, active and allowed to send. */
  checkSender(authenticatedUser: string, mailFrom: string): Promise<SenderRefusal | undefined>;
  /** RCPT TO check: syntax and the recipient-count limit (counted by the adapter). */
  checkRecipient(address: string, countSoFar: number): Promise<RecipientCheckRefusal | undefined>;
  /** The whole message: formal checks, antivirus, acceptance or non-acceptance, envelope, outbox. */
  submit(submission: Submission): Promise<SubmissionOutcome>;
}
