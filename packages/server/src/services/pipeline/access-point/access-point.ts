/**
 * The access point's service seam (punto di accesso, pec-spec §2.2): what the SMTP submission
 * adapter hands over once a client has sent DATA, and what it gets back. The adapter replies
 * `250` only after `submit` resolved, because by then everything is durable (decision 0004).
 */

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
 * the adapter answers with `smtpCode`/`enhancedCode`/`text` so that the client sees why too.
 */
export type SubmissionOutcome =
  | { readonly kind: 'accepted'; readonly identifier: string }
  | {
      readonly kind: 'not-accepted';
      readonly identifier: string;
      readonly reason: 'formal' | 'virus';
      readonly smtpCode: number;
      readonly enhancedCode: string;
      readonly text: string;
    };

/** A refusal decided before DATA (at MAIL FROM or RCPT TO), with no notice: there is no message yet. */
export interface EnvelopeRefusal {
  readonly smtpCode: number;
  readonly enhancedCode: string;
  readonly text: string;
}

export interface AccessPoint {
  /** MAIL FROM check: the reverse-path must be the authenticated mailbox, active and allowed to send. */
  checkSender(authenticatedUser: string, mailFrom: string): Promise<EnvelopeRefusal | undefined>;
  /** RCPT TO check: syntax and the recipient-count limit (counted by the adapter). */
  checkRecipient(address: string, countSoFar: number): Promise<EnvelopeRefusal | undefined>;
  /** The whole message: formal checks, antivirus, acceptance or non-acceptance, envelope, outbox. */
  submit(submission: Submission): Promise<SubmissionOutcome>;
}
