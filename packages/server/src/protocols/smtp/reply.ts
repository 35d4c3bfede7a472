/**
 * SMTP replies of our listeners: the `SmtpReply` error (code, enhanced code, text, who is to blame) and
 * the table of every reply we choose ourselves, with the codes of decision 0004 and RFC 5321 §4.2,
 * RFC 3463 (enhanced codes), RFC 4954 (AUTH) and RFC 3207 (STARTTLS). smtp-server sends
 * `responseCode` + `message` of an error it is handed, so an `SmtpReply` can be passed to it directly.
 */

/** `client`: the request was refused; `server`: we failed (logged, usually transient). */
export type SmtpBlame = 'client' | 'server';

const enhancedCodePattern = /^[245]\.\d{1,3}\.\d{1,3}$/;

/**
 * One SMTP reply. Its `message` is `enhancedCode text`: the listeners do not advertise
 * ENHANCEDSTATUSCODES (the library would prefix its own, generic ones), so ours travel in the text.
 */
export class SmtpReply extends Error {
  readonly code: number;
  readonly enhancedCode: string;
  readonly text: string;
  readonly blame: SmtpBlame;
  /** The name smtp-server reads the reply code from. */
  readonly responseCode: number;

  constructor(
    code: number,
    enhancedCode: string,
    text: string,
    blame: SmtpBlame = 'client',
    cause?: unknown,
  ) {
    if (!Number.isInteger(code) || code < 200 || code > 599) throw new RangeError(`bad SMTP code ${code}`);
    if (!enhancedCodePattern.test(enhancedCode) || enhancedCode[0] !== String(code)[0]) {
      throw new RangeError(`enhanced code ${enhancedCode} does not fit reply code ${code}`);
    }
    // A reply line must not be split by the text (RFC 5321 §4.2): control characters become spaces.
    // eslint-disable-next-line no-control-regex
    const clean = text.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
    super(`${enhancedCode} ${clean}`, cause === undefined ? undefined : { cause });
    this.name = 'SmtpReply';
    this.code = code;
    this.enhancedCode = enhancedCode;
    this.text = clean;
    this.blame = blame;
    this.responseCode = code;
  }

  /** The reply line as sent on the wire, without CRLF. */
  get line(): string {
    return `${this.code} ${this.message}`;
  }

  /** 4xx: the client may retry the same transaction later. */
  get transient(): boolean {
    return this.code >= 400 && this.code < 500;
  }
}

/** The reply text of a successful end of DATA: the client sees the PEC identifier (pec-spec §6.1). */
export function acceptedText(identifier: string): string {
  return `2.0.0 Accepted as PEC message ${identifier}; the acceptance receipt is in your INBOX`;
}

/** Every reply the submission listeners choose themselves (the access point supplies the others). */
export const smtpReplies = {
  /** RFC 4954 §6: MAIL before a successful AUTH; over plain text AUTH is not even offered (pec-spec §8.6). */
  authRequired: (secure: boolean): SmtpReply =>
    new SmtpReply(
      530,
      '5.7.0',
      secure
        ? 'Authentication required: log in with AUTH PLAIN or AUTH LOGIN first'
        : 'Authentication required: start TLS with STARTTLS, then log in with AUTH (pec-spec §8.6)',
    ),
  /** RFC 4954 §6: wrong user name or password. */
  badCredentials: (): SmtpReply =>
    new SmtpReply(535, '5.7.8', 'Authentication failed: wrong user name or password'),
  /** RFC 4954 §6: the authorisation identity of PLAIN names someone else. */
  foreignAuthorizationIdentity: (): SmtpReply =>
    new SmtpReply(535, '5.7.8', 'Authentication failed: acting on behalf of another mailbox is not allowed'),
  /** The mailbox is suspended or deactivated; its holder must contact the provider. */
  mailboxDisabled: (): SmtpReply =>
    new SmtpReply(535, '5.7.8', 'Authentication refused: this mailbox is suspended or deactivated'),
  /** RFC 4954 §6: 454 4.7.0, a transient failure; here after too many failed attempts. */
  authThrottled: (): SmtpReply =>
    new SmtpReply(
      454,
      '4.7.0',
      'Too many failed logins from this address or for this mailbox; try again later',
    ),
  /** Decision 0004: size over the limit, declared (SIZE=) or actual (RFC 1870 §6, pec-spec §2.2). */
  messageTooBig: (limitBytes: number): SmtpReply =>
    new SmtpReply(
      552,
      '5.3.4',
      `Message too big: the limit of this provider is ${limitBytes} bytes (pec-spec §6.5)`,
    ),
  /** Decision 0004: our own failure; the transaction was not committed and may be retried. */
  localError: (cause?: unknown): SmtpReply =>
    new SmtpReply(
      451,
      '4.3.0',
      'Local error while processing the message; nothing was sent, try again later',
      'server',
      cause,
    ),
  /** RFC 5321 §3.8: the server is stopping; the client retries later. */
  shuttingDown: (): SmtpReply =>
    new SmtpReply(421, '4.3.2', 'Service shutting down; try again later', 'server'),
} as const;

/** A refusal returned by a service seam (`EnvelopeRefusal`, a not-accepted outcome) as a reply. */
export function replyFromRefusal(refusal: {
  readonly smtpCode: number;
  readonly enhancedCode: string;
  readonly text: string;
}): SmtpReply {
  // A seam that hands back a success code as a refusal is a bug of ours, never a 2xx to the client.
  if (!Number.isInteger(refusal.smtpCode) || refusal.smtpCode < 400) {
    throw new RangeError(`a refusal needs a 4xx or 5xx code, got ${refusal.smtpCode}`);
  }
  return new SmtpReply(refusal.smtpCode, refusal.enhancedCode, refusal.text, 'client');
}

/** Any thrown value as the reply to send: an `SmtpReply` as it is, anything else as 451 4.3.0. */
export function replyFromError(error: unknown): SmtpReply {
  return error instanceof SmtpReply ? error : smtpReplies.localError(error);
}
