/**
 * Every route of the administrative API under /api/v1/admin (decision 0021), in the order the
 * OpenAPI document lists them. Sections add their list here, one line each.
 */
import type { ApiRoute } from '../api-route.ts';
import type { AdminApiDependencies } from './admin-api-dependencies.ts';
import { adminAuditRoutes } from './admin-audit-routes.ts';
import { adminRecoveryRoutes } from './admin-recovery-routes.ts';
import { adminTokenRoutes } from './admin-token-routes.ts';
import { adminSessionRoutes } from './admin-session-routes.ts';
import { operatorRoutes } from './operator/operator-routes.ts';
import { panelRoutes } from './panel-routes.ts';

export function adminRoutes(deps: AdminApiDependencies): ApiRoute[] {
  return [
    ...adminSessionRoutes(deps),
    ...adminTokenRoutes(deps),
    ...adminRecoveryRoutes(deps.recovery),
    ...adminAuditRoutes(deps),
    ...panelRoutes(deps),
    ...(deps.operator === undefined ? [] : operatorRoutes(deps, deps.operator)),
  ];
}
