/**
 * SMTP replies of our listeners: the `SmtpReply` error (code, enhanced code, text, who is to blame)
 * and the text of a successful end of DATA. Refusals get their codes in ./refusal-reply.ts only
 * (decision 0008). smtp-server sends `responseCode` + `message` of an error it is handed, so an
 * `SmtpReply` can be passed to it directly.
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
  /** The refusal reason this reply answers (docs/refusals.md), when it answers one. */
  readonly reason: string | undefined;

  constructor(
    code: number,
    enhancedCode: string,
    text: string,
    blame: SmtpBlame = 'client',
    cause?: unknown,
    reason?: string,
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
    this.reason = reason;
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
