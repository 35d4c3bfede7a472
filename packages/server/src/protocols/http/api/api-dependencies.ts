/** What the HTTP API needs from the services, built by the composition root. */
import type { AccessHistory } from '../../../services/access-history/create-access-history.ts';
import type {
  AppPasswords,
  PasswordChange,
  TwoFactor,
} from '../../../services/account-security/account-security.ts';
import type { MailboxAccess } from '../../../services/mailbox-access/mailbox-access.ts';
import type { WebSessions } from '../../../services/web-sessions/web-sessions.ts';

export interface ApiDependencies {
  /** What the sign-in screen shows. */
  readonly provider: { readonly name: string; readonly domain: string; readonly passwordRecoveryUrl: string };
  readonly sessions: WebSessions;
  readonly mailboxes: Pick<MailboxAccess, 'folders' | 'reading'>;
  /** The holder's security settings (security-routes.ts). */
  readonly security: {
    readonly twoFactor: TwoFactor;
    readonly appPasswords: AppPasswords;
    readonly passwordChange: PasswordChange;
    readonly accessHistory: Pick<AccessHistory, 'page'>;
  };
}
