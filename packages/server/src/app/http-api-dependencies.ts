/**
 * The HTTP API's services, from the provider's context and its shared Authenticator: webmail
 * sessions (settings `http.session*`) kept in storage, so that any node sharing it serves any
 * session and a restart signs nobody out, and the mailbox-access service for reading over the same
 * storage and change bus as IMAP and POP3, and sending through the access point SMTP submission uses.
 */
import type { ApiDependencies } from '../protocols/http/api/api-dependencies.ts';
import { createAccessHistory } from '../services/access-history/create-access-history.ts';
import { createAppPasswords } from '../services/account-security/create-app-passwords.ts';
import { createPasswordChange } from '../services/account-security/create-password-change.ts';
import { createTwoFactor } from '../services/account-security/create-two-factor.ts';
import type { Authenticator } from '../services/accounts/authenticator.ts';
import type { AccessPoint } from '../services/pipeline/access-point/access-point.ts';
import { createScheduledSends } from '../services/scheduled-send/create-scheduled-sends.ts';
import { configuredOutgoingMail } from './configured-outgoing-mail.ts';
import type { ClientSettings } from '../protocols/http/autoconfig/client-settings.ts';
import { createApiTokens } from '../services/api-tokens/create-api-tokens.ts';
import { createMailboxAccess } from '../services/mailbox-access/create-mailbox-access.ts';
import { createMailboxActions } from '../services/mailbox-actions/create-mailbox-actions.ts';
import { createChangeFeed } from '../services/notifications/change-feed.ts';
import { createPecEvidence } from '../services/pec-evidence/create-pec-evidence.ts';
import { createWebSessions } from '../services/web-sessions/create-web-sessions.ts';
import { coordinationOf } from './open-coordination.ts';
import { createBoxLife } from '../services/box-life/create-box-life.ts';
import { boxLifeDependencies } from './service-dependencies.ts';
import type { ProviderContext } from './provider-context.ts';

export function httpApiDependencies(
  ctx: ProviderContext,
  authenticator: Authenticator,
  accessPoint?: AccessPoint,
  clients?: () => ClientSettings,
): ApiDependencies {
  const { config } = ctx.config;
  const { bus, locks } = coordinationOf(ctx);
  const mailboxes = createMailboxAccess({
    storage: ctx.storage,
    blobs: ctx.blobs,
    changes: createChangeFeed({ bus }),
    clock: ctx.clock,
    locks,
  });
  // Code and password checks in the settings count in storage, so every node sees them.
  const security = {
    store: ctx.storage.accountSecurity,
    throttleStore: ctx.storage.loginThrottle,
    clock: ctx.clock,
  };
  const twoFactor = createTwoFactor(
    { ...security, accounts: ctx.storage.accounts },
    { issuer: config.provider.name },
  );
  const history = createAccessHistory({
    log: ctx.storage.accessLog,
    accounts: ctx.storage.accounts,
    origins: ctx.storage.accountSecurity,
  });
  const outgoing =
    accessPoint === undefined ? undefined : configuredOutgoingMail(ctx, accessPoint, mailboxes.messages);
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
        secondFactor: twoFactor,
        onSecondFactorFailure: history.recordLogin,
        clock: ctx.clock,
      },
      {
        idleMinutes: config.http.sessionIdleMinutes,
        lifetimeHours: config.http.sessionLifetimeHours,
        staySignedInDays: config.http.sessionStaySignedInDays,
      },
    ),
    mailboxes,
    actions: createMailboxActions(mailboxes),
    pecEvidence: createPecEvidence(
      {
        mailboxes: ctx.storage.mailboxes,
        blobs: ctx.blobs,
        tracking: ctx.storage.tracking,
        index: ctx.index,
        clock: ctx.clock,
      },
      { providerName: config.provider.name },
    ),
    boxLife: createBoxLife(boxLifeDependencies(ctx, coordinationOf(ctx).nodeId)),
    security: {
      twoFactor,
      appPasswords: createAppPasswords(security),
      passwordChange: createPasswordChange({ ...security, accounts: ctx.storage.accounts }),
      accessHistory: history,
    },
    // Sending from the webmail goes through the same access point as SMTP submission; scheduled
    // messages wait in Drafts for their outbox job (decision 0024).
    ...(outgoing === undefined
      ? {}
      : {
          outgoing,
          scheduledSends: createScheduledSends({ queue: ctx.storage.queue, outgoing, clock: ctx.clock }),
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
