/**
 * The administrative API's services (decision 0021) from the provider's context: sessions kept in
 * storage (any node serves any session) with the `http.adminSession*` timeouts, failed sign-ins
 * through the shared login throttle, and the audit trail in storage.
 */
import type { AdminApiDependencies } from '../protocols/http/api/admin/admin-api-dependencies.ts';
import { createAdminSessions } from '../services/administration/admin-sessions.ts';
import { createAudit } from '../services/administration/audit.ts';
import { createCredentialThrottle } from '../services/account-security/credential-throttle.ts';
import type { ProviderContext } from './provider-context.ts';

export function adminApiDependencies(ctx: ProviderContext): AdminApiDependencies {
  const { config } = ctx.config;
  const audit = createAudit(ctx.storage.auditTrail, ctx.clock);
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
  };
}
