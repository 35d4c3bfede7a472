/**
 * The expected failures of the mailbox-access service: a refusal of the shared vocabulary
 * (docs/refusals.md: folder refusals and `quota-exceeded`), thrown. Protocol adapters map the
 * refusal in their one mapping module (IMAP response codes of RFC 5530 / RFC 9051 §7.1); anything
 * else thrown is a server fault.
 */
import { RefusalError } from '../refusal/refusal-error.ts';
import type { FolderRefusal, RefusalOf } from '../refusal/refusal.ts';

/**
 * What mailbox access refuses; `mailbox-in-use` when another session (a POP3 session, an EXPUNGE
 * on another node) holds the mailbox lock.
 */
export type MailboxAccessRefusal = FolderRefusal | RefusalOf<'quota-exceeded'> | RefusalOf<'mailbox-in-use'>;

export class MailboxAccessError extends RefusalError<MailboxAccessRefusal> {
  constructor(refusal: MailboxAccessRefusal, options?: ErrorOptions) {
    super(refusal, options);
    this.name = 'MailboxAccessError';
  }
}

/** True when `error` is a MailboxAccessError, optionally with the given reason. */
export function isMailboxAccessError(
  error: unknown,
  reason?: MailboxAccessRefusal['reason'],
): error is MailboxAccessError {
  return error instanceof MailboxAccessError && (reason === undefined || error.refusal.reason === reason);
}
