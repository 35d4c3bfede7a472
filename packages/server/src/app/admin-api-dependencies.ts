/**
 * The administrative API's services (decision 0021) from the provider's context: sessions kept in
 * storage (any node serves any session) with the `http.adminSession*` timeouts, failed sign-ins
 * through the shared login throttle, the audit trail in storage, and the postmaster panel over
 * the account service, telling holders of password changes through the box-life notices (a copy
 * in the box, a message to the contact address).
 */
import type { AdminApiDependencies } from '../protocols/http/api/admin/admin-api-dependencies.ts';
import { createAdminSessions } from '../services/administration/admin-sessions.ts';
import { createAdminRecovery } from '../services/administration/admin-recovery.ts';
import { createAdminTokens } from '../services/administration/create-admin-tokens.ts';
import { createAudit } from '../services/administration/audit.ts';
import { createPostmasterPanel } from '../services/administration/create-postmaster-panel.ts';
import { createCredentialThrottle } from '../services/account-security/credential-throttle.ts';
import { createAccountService } from '../services/accounts/create-account-service.ts';
import { sendBoxNotice } from '../services/box-life/send-box-notice.ts';
import { coordinationOf } from './open-coordination.ts';
import type { ProviderContext } from './provider-context.ts';
import { boxLifeDependencies } from './service-dependencies.ts';

export function adminApiDependencies(ctx: ProviderContext): AdminApiDependencies {
  const { config } = ctx.config;
  const audit = createAudit(ctx.storage.auditTrail, ctx.clock);
  const notices = boxLifeDependencies(ctx, coordinationOf(ctx).nodeId);
  return {
    sessions: createAdminSessions(
      {
        store: ctx.storage.admin,
        throttle: createCredentialThrottle(ctx.storage.loginThrottle),
        audit,
        clock: ctx.clock,
      },
      {
        idleMinutes: config.http.adminSessionIdleMinutes,
        lifetimeHours: config.http.adminSessionLifetimeHours,
      },
    ),
    audit,
    trail: ctx.storage.auditTrail,
    recovery: createAdminRecovery({
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
        console.error('administrative password recovery: a link could not be issued', error);
      },
    }),
    tokens: createAdminTokens(
      { tokens: ctx.storage.adminTokens, principals: ctx.storage.admin, clock: ctx.clock },
      {
        requestsPerMinute: config.integration.tokenRequestsPerMinute,
        burst: config.integration.tokenBurst,
      },
    ),
    panel: createPostmasterPanel({
      accounts: createAccountService({ storage: ctx.storage, clock: ctx.clock }),
      storage: ctx.storage,
      clock: ctx.clock,
      async notifyPasswordChange(mailbox, by) {
        const now = ctx.clock.now();
        await sendBoxNotice(notices, {
          mailbox,
          // One claim per change: the step names the moment, the term is the box's current one.
          termEnd: mailbox.expiresAt ?? new Date(0),
          step: `password-changed-${String(now.getTime())}`,
          notice: { kind: 'password-changed', by, at: now },
          intoBox: mailbox.status === 'active' || mailbox.status === 'suspended',
          now,
        });
      },
    }),
  };
}
