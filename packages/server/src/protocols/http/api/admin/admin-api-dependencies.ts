/** What the administrative API (decision 0021) needs from the services, built by the composition root. */
import type { AuditTrail } from '../../../../ports/audit-trail.ts';
import type { AdminSessions } from '../../../../services/administration/admin-sessions.ts';
import type { AdminRecovery } from '../../../../services/administration/admin-recovery.ts';
import type { AdminTokens } from '../../../../services/administration/admin-tokens.ts';
import type { Audit } from '../../../../services/administration/audit.ts';
import type { PostmasterPanel } from '../../../../services/administration/postmaster-panel.ts';
import type { OperatorApiDependencies } from './operator/operator-api-dependencies.ts';

export interface AdminApiDependencies {
  readonly sessions: AdminSessions;
  /** Records actions and denials. */
  readonly audit: Audit;
  /** Searched by GET /api/v1/admin/audit. */
  readonly trail: Pick<AuditTrail, 'search'>;
  /** Boxes of customer domains for postmasters and operators. */
  readonly panel: PostmasterPanel;
  /** Operators' and postmasters' API tokens (decision 0042); absent: no token is accepted. */
  readonly tokens?: AdminTokens;
  /** Operators' and postmasters' own password recovery (decision 0042); absent: not offered. */
  readonly recovery?: AdminRecovery;
  /** The operator console's routes (decision 0022); absent: not offered. */
  readonly operator?: OperatorApiDependencies;
}
