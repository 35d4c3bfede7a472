/** What the HTTP API needs from the services, built by the composition root. */
import type { MailboxActions } from '../../../services/mailbox-actions/mailbox-actions.ts';
import type { AccessHistory } from '../../../services/access-history/create-access-history.ts';
import type {
  AppPasswords,
  PasswordChange,
  TwoFactor,
} from '../../../services/account-security/account-security.ts';
import type { MailboxAccess } from '../../../services/mailbox-access/mailbox-access.ts';
import type { PecEvidence } from '../../../services/pec-evidence/pec-evidence.ts';
import type { OutgoingMail } from '../../../services/outgoing/outgoing-mail.ts';
import type { ScheduledSends } from '../../../services/scheduled-send/scheduled-sends.ts';
import type { ApiTokens } from '../../../services/api-tokens/api-tokens.ts';
import type { WebhookDesk } from '../../../services/webhooks/create-webhook-desk.ts';
import type { ClientSettings } from '../autoconfig/client-settings.ts';
import type { WebSessions } from '../../../services/web-sessions/web-sessions.ts';
import type { HolderPreferencesService } from '../../../services/holder-preferences/holder-preferences.ts';
import type { ContactsService } from '../../../services/contacts/contacts.ts';
import type { CalendarService } from '../../../services/calendar/calendar.ts';
import type { HolderDashboard } from '../../../services/holder-dashboard/create-holder-dashboard.ts';
import type { BoxLife } from '../../../services/box-life/create-box-life.ts';
import type { SignInNetworks } from '../../../services/sign-in-networks/create-sign-in-networks.ts';
import type { NewPecNotices } from '../../../services/new-pec-notices/new-pec-notices.ts';
import type { SecurityArchive } from '../../../services/security-archive/security-archive.ts';
import type { NoticePreferenceService } from '../../../services/new-pec-notices/notice-preferences.ts';
import type { ContactChanges } from '../../../services/new-pec-notices/contact-changes.ts';
import type { PasswordRecovery } from '../../../services/password-recovery/password-recovery.ts';
import type { IncomingMailSettings } from '../../../services/incoming-mail/incoming-settings.ts';
import type { AdminApiDependencies } from './admin/admin-api-dependencies.ts';
import type { Passkeys } from '../../../services/passkeys/passkeys.ts';
import type { WebPush } from '../../../services/web-push/web-push.ts';

export interface ApiDependencies {
  /** What the sign-in screen shows. */
  readonly provider: { readonly name: string; readonly domain: string; readonly passwordRecoveryUrl: string };
  readonly sessions: WebSessions;
  readonly mailboxes: Pick<MailboxAccess, 'folders' | 'reading' | 'messages' | 'changes'>;
  /** Marks, move, copy, delete and folder administration, over the same mailbox access. */
  readonly actions: MailboxActions;
  /** PEC details, receipts dossiers and evidence packs. */
  readonly pecEvidence: PecEvidence;
  /**
   * The holder's plan and calendar (decision 0016) and what they buy for their own box (decision
   * 0038); without it the routes are not offered.
   */
  readonly boxLife?: Pick<
    BoxLife,
    | 'status'
    | 'plan'
    | 'listPlans'
    | 'listOrders'
    | 'renew'
    | 'quoteSpace'
    | 'quote'
    | 'payment'
    | 'addSpace'
    | 'changePlan'
    | 'setAutoRenew'
  >;
  /** The holder's security settings (security-routes.ts). */
  readonly security: {
    readonly twoFactor: TwoFactor;
    readonly appPasswords: AppPasswords;
    readonly passwordChange: PasswordChange;
    readonly accessHistory: Pick<AccessHistory, 'page'>;
    /** The allow-list of sign-in networks (decision 0027). */
    readonly networks: SignInNetworks;
    /** Passkeys (decision 0032); absent: no passkey route. */
    readonly passkeys?: Passkeys;
  };
  /** Password recovery by tax code and contact e-mail (decision 0027); absent: no recovery route. */
  readonly recovery?: PasswordRecovery;
  /** Sending and drafts; without it the API has no sending routes. */
  readonly outgoing?: OutgoingMail;
  /** Scheduled send (decision 0024); offered only with `outgoing`. */
  readonly scheduledSends?: ScheduledSends;
  /** What mail clients are told to connect to (the Apple profile); absent: no profile route answers. */
  readonly clients?: () => ClientSettings;
  /** Holders' API tokens (`Authorization: Bearer pec_…`); absent: no token is accepted. */
  readonly tokens?: ApiTokens;
  /** Holders' webhook endpoints, delivery logs, replays and test events. */
  readonly webhooks?: WebhookDesk;
  /** Ordinary mail, sender lists, antispam and rules (decision 0026); absent: no settings routes. */
  readonly incoming?: IncomingMailSettings;
  /** The holder's webmail options (decision 0025); absent: no preference routes. */
  readonly preferences?: HolderPreferencesService;
  /** The holder's address book (decision 0037). */
  readonly contacts?: ContactsService;
  /** The holder's calendar (decision 0040). */
  readonly calendar?: CalendarService;
  /** The home screen's summary of sent PEC (decision 0025); absent: no dashboard route. */
  readonly dashboard?: { summary(sender: string): Promise<HolderDashboard> };
  /** The administrative API under /api/v1/admin (decision 0021); absent: not offered. */
  readonly admin?: AdminApiDependencies;
  /** Web Push of new PEC (decision 0032); absent: no push route. */
  readonly webPush?: WebPush;
  /** E-mail notices of new PEC (decision 0028); absent: no notice route. */
  readonly notices?: NewPecNotices;
  /** The security archive's settings and deletion (decision 0035); absent: no archive route. */
  readonly securityArchive?: SecurityArchive;
  /** Digest times, the verified mobile, SMS and quiet hours (decision 0036); absent: no such route. */
  readonly noticePreferences?: NoticePreferenceService;
  /** The holder's own change of contact e-mail and mobile (decision 0036); absent: no such route. */
  readonly contactChanges?: ContactChanges;
}
