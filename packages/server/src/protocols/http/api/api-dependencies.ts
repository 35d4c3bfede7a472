/** What the HTTP API needs from the services, built by the composition root. */
import type { MailboxAccess } from '../../../services/mailbox-access/mailbox-access.ts';
import type { ApiTokens } from '../../../services/api-tokens/api-tokens.ts';
import type { WebhookStore } from '../../../ports/webhook-store.ts';
import type { ClientSettings } from '../autoconfig/client-settings.ts';
import type { WebSessions } from '../../../services/web-sessions/web-sessions.ts';

export interface ApiDependencies {
  /** What the sign-in screen shows. */
  readonly provider: { readonly name: string; readonly domain: string; readonly passwordRecoveryUrl: string };
  readonly sessions: WebSessions;
  readonly mailboxes: Pick<MailboxAccess, 'folders' | 'reading'>;
  /** What mail clients are told to connect to (the Apple profile); absent: no profile route answers. */
  readonly clients?: () => ClientSettings;
  /** Holders' API tokens (`Authorization: Bearer pec_…`); absent: no token is accepted. */
  readonly tokens?: ApiTokens;
  /** Holders' webhook endpoints and delivery logs; `replay` makes a delivery due again. */
  readonly webhooks?: { readonly store: WebhookStore; replay(deliveryId: number): Promise<boolean> };
}
