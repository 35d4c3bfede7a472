/**
 * The one error the typed command parsers throw: a client syntax error that the session answers with
 * a tagged BAD (RFC 9051 §7.1.3) or, when `code` is set, with that response code (e.g. BADCHARSET).
 * `notSyntax` marks a well-formed command naming something that cannot exist (a mailbox name that is
 * not modified UTF-7): the session answers NO, as Dovecot does.
 * `parseCommand` turns it into a `ParseFailure` value, so it never escapes the grammar's public API.
 */

export class ImapParseError extends Error {
  /** Optional response code for the BAD/NO reply, e.g. `BADCHARSET` or `CLIENTBUG`. */
  readonly responseCode: string | null;

  /** Well-formed, but naming what cannot exist: answered NO rather than BAD. */
  readonly notSyntax: boolean;

  constructor(message: string, responseCode: string | null = null, notSyntax = false) {
    super(message);
    this.name = 'ImapParseError';
    this.responseCode = responseCode;
    this.notSyntax = notSyntax;
  }
}
