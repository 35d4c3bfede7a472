/** What the HTTP API needs from the services, built by the composition root. */
import type { MailboxAccess } from '../../../services/mailbox-access/mailbox-access.ts';
import type { OutgoingMail } from '../../../services/outgoing/outgoing-mail.ts';
import type { WebSessions } from '../../../services/web-sessions/web-sessions.ts';

export interface ApiDependencies {
  /** What the sign-in screen shows. */
  readonly provider: { readonly name: string; readonly domain: string; readonly passwordRecoveryUrl: string };
  readonly sessions: WebSessions;
  readonly mailboxes: Pick<MailboxAccess, 'folders' | 'reading'>;
  /** Sending and drafts; without it the API has no sending routes. */
  readonly outgoing?: OutgoingMail;
}
