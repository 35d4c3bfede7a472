/**
 * The expected failures of the mailbox-access service, one code per client-visible outcome. Protocol
 * adapters map codes to their wire form (IMAP response codes of RFC 5530 / RFC 9051 §7.1, POP3 -ERR);
 * anything else thrown is a server fault.
 */

export type MailboxAccessErrorCode =
  /** The named folder (or message) does not exist. IMAP `[NONEXISTENT]` / `[TRYCREATE]`. */
  | 'nonexistent'
  /** The target name is taken. IMAP `[ALREADYEXISTS]`. */
  | 'already-exists'
  /** The name is not acceptable (empty level, wildcard, control character, too long or deep). */
  | 'invalid-name'
  /** The operation is never allowed (deleting INBOX, renaming into itself). IMAP `[CANNOT]`. */
  | 'cannot'
  /** The folder has subfolders and cannot be deleted first. IMAP `[HASCHILDREN]`. */
  | 'has-children'
  /** The box quota would be exceeded. IMAP `[OVERQUOTA]`. */
  | 'over-quota'
  /** A size or count limit was hit. IMAP `[LIMIT]`. */
  | 'limit'
  /** Another session (a POP3 session, an EXPUNGE on another node) holds the mailbox lock. IMAP `[INUSE]`. */
  | 'in-use';

export class MailboxAccessError extends Error {
  readonly code: MailboxAccessErrorCode;

  constructor(code: MailboxAccessErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MailboxAccessError';
    this.code = code;
  }
}

/** True when `error` is a MailboxAccessError, optionally with the given code. */
export function isMailboxAccessError(
  error: unknown,
  code?: MailboxAccessErrorCode,
): error is MailboxAccessError {
  return error instanceof MailboxAccessError && (code === undefined || error.code === code);
}
