/**
 * The one error the typed command parsers throw: a client syntax error that the session answers with
 * a tagged BAD (RFC 9051 §7.1.3) or, when `code` is set, with that response code (e.g. BADCHARSET).
 * `parseCommand` turns it into a `ParseFailure` value, so it never escapes the grammar's public API.
 */

export class ImapParseError extends Error {
  /** Optional response code for the BAD/NO reply, e.g. `BADCHARSET` or `CLIENTBUG`. */
  readonly responseCode: string | null;

  constructor(message: string, responseCode: string | null = null) {
    super(message);
    this.name = 'ImapParseError';
    this.responseCode = responseCode;
  }
}
