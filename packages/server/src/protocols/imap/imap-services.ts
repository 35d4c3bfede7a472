/**
 * The services an IMAP session calls (house style: protocol adapters call services, never storage):
 * the mailbox-access service for folders and messages, the authenticator for logins, a clock.
 */
import type { Clock } from '../../ports/clock.ts';
import type { Authenticator } from '../../services/accounts/authenticator.ts';
import type { MailboxAccess } from '../../services/mailbox-access/mailbox-access.ts';

export interface ImapServices {
  readonly mailboxes: MailboxAccess;
  readonly authenticator: Authenticator;
  readonly clock: Clock;
}
