/**
 * Why a clamd exchange produced no verdict. Every ClamdError means "not scanned": the access and
 * reception points must answer with a temporary failure and never accept the message unscanned
 * (pec-spec §2.2 step 3, §2.3; RFC 6109 §5.4).
 */

export type ClamdErrorReason =
  /** No connection, or the connection dropped before a complete reply. */
  | 'unavailable'
  /** No complete reply within the time allowed. */
  | 'timeout'
  /** The message is larger than clamd accepts (StreamMaxLength, or our own maxStreamBytes). */
  | 'size-limit'
  /** clamd answered, but with an ERROR line instead of a verdict. */
  | 'scan-error'
  /** clamd answered something this adapter does not understand. */
  | 'protocol';

export class ClamdError extends Error {
  readonly reason: ClamdErrorReason;

  constructor(reason: ClamdErrorReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClamdError';
    this.reason = reason;
  }
}
