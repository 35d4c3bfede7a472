/**
 * The HTTP API's services, from the provider's context and its shared Authenticator: webmail
 * sessions (settings `http.session*`) kept in storage, so that any node sharing it serves any
 * session and a restart signs nobody out, and the mailbox-access service for reading over the same
 * storage and change bus as IMAP and POP3, and sending through the access point SMTP submission uses.
 */
import { createWebhookDesk } from '../services/webhooks/create-webhook-desk.ts';
import type { EventLog } from '../ports/event-log.ts';
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
import { createIncomingMailSettings } from '../services/incoming-mail/create-incoming-mail-settings.ts';
import { createMailboxAccess } from '../services/mailbox-access/create-mailbox-access.ts';
import { createSecurityArchive } from '../services/security-archive/security-archive.ts';
import { createMailboxActions } from '../services/mailbox-actions/create-mailbox-actions.ts';
import { createChangeFeed } from '../services/notifications/change-feed.ts';
import { createPecEvidence } from '../services/pec-evidence/create-pec-evidence.ts';
import { createWebSessions } from '../services/web-sessions/create-web-sessions.ts';
import { createPasskeys } from '../services/passkeys/create-passkeys.ts';
import { configuredWebPush } from './web-push-components.ts';
import { coordinationOf } from './open-coordination.ts';
import { createHolderPreferences } from '../services/holder-preferences/create-holder-preferences.ts';
import { createContacts } from '../services/contacts/create-contacts.ts';
import { createCalendar } from '../services/calendar/create-calendar.ts';
import { createHolderDashboard } from '../services/holder-dashboard/create-holder-dashboard.ts';
import { createBoxLife } from '../services/box-life/create-box-life.ts';
import { createSignInNetworks } from '../services/sign-in-networks/create-sign-in-networks.ts';
import { contactChanges, newPecNotices, noticePreferences } from './new-pec-notice-components.ts';
import { createPasswordRecovery } from '../services/password-recovery/create-password-recovery.ts';
import { boxLifeDependencies } from './service-dependencies.ts';
import type { ProviderContext } from './provider-context.ts';
import type { RevocationChecker } from '../services/revocation/revocation-checker.ts';
import { readPecTrustAnchors } from './read-pec-trust-anchors.ts';
import { adminApiDependencies } from './admin-api-dependencies.ts';
import type { Registry } from 'prom-client';
import { operatorApiDependencies } from './operator-api-dependencies.ts';

export function httpApiDependencies(
  ctx: ProviderContext,
  authenticator: Authenticator,
  accessPoint?: AccessPoint,
  clients?: () => ClientSettings,
  events?: EventLog,
  revocation?: RevocationChecker,
  metrics?: Registry,
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
    networkRefusals: ctx.storage.signInNetworks,
    // The holder's page covers six months (the "Accessi" page); retention keeps more.
    holderMonths: 6,
    clock: ctx.clock,
  });
  // The relying party is the webmail's public address (decision 0032), never the request's Host.
  const publicUrl = new URL(config.http.publicUrl ?? `https://${config.provider.domain}`);
  const passkeys = createPasskeys(
    { store: ctx.storage.passkeys, clock: ctx.clock },
    { rpId: publicUrl.hostname, origin: publicUrl.origin, rpName: config.provider.name },
  );
  const outgoing =
    accessPoint === undefined ? undefined : configuredOutgoingMail(ctx, accessPoint, mailboxes.messages);
  return {
    provider: {
      name: config.provider.name,
      domain: config.provider.domain,
      passwordRecoveryUrl: '/recover',
    },
    sessions: createWebSessions(
      {
        authenticator,
        accounts: ctx.storage.accounts,
        store: ctx.storage.webSessions,
        secondFactor: twoFactor,
        onSecondFactorFailure: history.recordLogin,
        passkeys,
        onPasskeyLogin: history.recordLogin,
        networks: ctx.storage.signInNetworks,
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
        // The chain and revocation checks of the PEC panel and the verification report (decision 0025).
        ...optionalTrustAnchors(readPecTrustAnchors(config.revocation.trustAnchorFiles)),
        ...(revocation === undefined ? {} : { revocation: revocation.check }),
      },
      { providerName: config.provider.name },
    ),
    recovery: createPasswordRecovery({
      storage: ctx.storage,
      blobs: ctx.blobs,
      clock: ctx.clock,
      settings: {
        providerName: config.provider.name,
        from: config.boxLife.noticeFrom ?? `noreply@${config.provider.domain}`,
        mailLifetimeMs: config.timeouts.queueLifetimeHours * 3_600_000,
        linkMinutes: config.http.recoveryLinkMinutes,
        linkBase: config.http.publicUrl ?? `https://${config.provider.domain}`,
        perAddressPerHour: 3,
        perNetworkPerHour: 20,
      },
      onError: (error) => {
        events?.emit({ event: 'error.unexpected', where: 'password recovery', error });
      },
    }),
    boxLife: createBoxLife(boxLifeDependencies(ctx, coordinationOf(ctx).nodeId)),
    security: {
      twoFactor,
      appPasswords: createAppPasswords(security),
      passwordChange: createPasswordChange({ ...security, accounts: ctx.storage.accounts }),
      accessHistory: history,
      networks: createSignInNetworks({ storage: ctx.storage, clock: ctx.clock }),
      passkeys,
    },
    notices: newPecNotices(ctx),
    webPush: configuredWebPush(ctx, events),
    securityArchive: createSecurityArchive({
      storage: ctx.storage,
      clock: ctx.clock,
      changes: mailboxes.changes,
    }),
    noticePreferences: noticePreferences(ctx),
    contactChanges: contactChanges(ctx),
    // Sending from the webmail goes through the same access point as SMTP submission; scheduled
    // messages wait in Drafts for their outbox job (decision 0024).
    ...(outgoing === undefined
      ? {}
      : {
          outgoing,
          scheduledSends: createScheduledSends({ queue: ctx.storage.queue, outgoing, clock: ctx.clock }),
        }),
    ...(clients === undefined ? {} : { clients }),
    webhooks: createWebhookDesk(
      { store: ctx.storage.webhooks, clock: ctx.clock },
      { retryHours: config.integration.webhookRetryHours },
    ),
    dashboard: createHolderDashboard({ tracking: ctx.storage.tracking, clock: ctx.clock }),
    preferences: createHolderPreferences({ store: ctx.storage.preferences, clock: ctx.clock }),
    contacts: createContacts({
      store: ctx.storage.contacts,
      clock: ctx.clock,
      inIndex: (address) => ctx.index.classifyDomain(address) === 'certificato',
    }),
    calendar: createCalendar({
      store: ctx.storage.calendar,
      clock: ctx.clock,
      productId: `-//${ctx.config.config.provider.name}//Webmail Calendar//EN`,
    }),
    admin: { ...adminApiDependencies(ctx), operator: operatorApiDependencies(ctx, metrics) },
    tokens: createApiTokens(
      { store: ctx.storage.apiTokens, clock: ctx.clock },
      {
        requestsPerMinute: config.integration.tokenRequestsPerMinute,
        burst: config.integration.tokenBurst,
      },
    ),
    incoming: createIncomingMailSettings({
      storage: ctx.storage,
      filterActive: config.antispam.rspamd.url !== undefined,
    }),
  };
}

function optionalTrustAnchors(anchors: Uint8Array[] | undefined): { trustAnchors?: Uint8Array[] } {
  return anchors === undefined ? {} : { trustAnchors: anchors };
}
