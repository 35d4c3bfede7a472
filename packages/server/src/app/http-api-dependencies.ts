/**
 * The HTTP API's services, from the provider's context and its shared Authenticator: webmail
 * sessions (settings `http.session*`) kept in storage, so that any node sharing it serves any
 * session and a restart signs nobody out, and the mailbox-access service for reading over the same
 * storage and change bus as IMAP and POP3.
 */
import type { ApiDependencies } from '../protocols/http/api/api-dependencies.ts';
import type { ClientSettings } from '../protocols/http/autoconfig/client-settings.ts';
import type { Authenticator } from '../services/accounts/authenticator.ts';
import { createApiTokens } from '../services/api-tokens/create-api-tokens.ts';
import { createMailboxAccess } from '../services/mailbox-access/create-mailbox-access.ts';
import { createChangeFeed } from '../services/notifications/change-feed.ts';
import { createWebSessions } from '../services/web-sessions/create-web-sessions.ts';
import { coordinationOf } from './open-coordination.ts';
import type { ProviderContext } from './provider-context.ts';

export function httpApiDependencies(
  ctx: ProviderContext,
  authenticator: Authenticator,
  clients?: () => ClientSettings,
): ApiDependencies {
  const { config } = ctx.config;
  const { bus, locks } = coordinationOf(ctx);
  return {
    provider: {
      name: config.provider.name,
      domain: config.provider.domain,
      // Password recovery is not built yet: the sign-in screen links to the app's own route.
      passwordRecoveryUrl: '/account/recover',
    },
    sessions: createWebSessions(
      {
        authenticator,
        accounts: ctx.storage.accounts,
        store: ctx.storage.webSessions,
        clock: ctx.clock,
      },
      {
        idleMinutes: config.http.sessionIdleMinutes,
        lifetimeHours: config.http.sessionLifetimeHours,
        staySignedInDays: config.http.sessionStaySignedInDays,
      },
    ),
    mailboxes: createMailboxAccess({
      storage: ctx.storage,
      blobs: ctx.blobs,
      changes: createChangeFeed({ bus }),
      clock: ctx.clock,
      locks,
    }),
    ...(clients === undefined ? {} : { clients }),
    webhooks: {
      store: ctx.storage.webhooks,
      replay: (id) => {
        const now = ctx.clock.now();
        return ctx.storage.webhooks.replay(
          id,
          now,
          new Date(now.getTime() + config.integration.webhookRetryHours * 3_600_000),
        );
      },
    },
    tokens: createApiTokens(
      { store: ctx.storage.apiTokens, clock: ctx.clock },
      {
        requestsPerMinute: config.integration.tokenRequestsPerMinute,
        burst: config.integration.tokenBurst,
      },
    ),
  };
}
