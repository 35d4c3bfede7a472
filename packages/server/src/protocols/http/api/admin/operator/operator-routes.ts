/** Every route of the operator console under /api/v1/admin/operator (decision 0022). */
import type { ApiRoute } from '../../api-route.ts';
import type { AdminApiDependencies } from '../admin-api-dependencies.ts';
import type { OperatorApiDependencies } from './operator-api-dependencies.ts';
import { operatorBoxRoutes } from './operator-box-routes.ts';
import { operatorLogRoutes } from './operator-log-routes.ts';
import { operatorProviderRoutes } from './operator-provider-routes.ts';
import { operatorQueueRoutes } from './operator-queue-routes.ts';
import { operatorPostmasterStateRoutes } from './operator-postmaster-state-routes.ts';
import { operatorTenancyRoutes } from './operator-tenancy-routes.ts';
import { operatorWebhookRoutes } from './operator-webhook-routes.ts';

export function operatorRoutes(deps: AdminApiDependencies, operator: OperatorApiDependencies): ApiRoute[] {
  return [
    ...operatorProviderRoutes(deps, operator),
    ...operatorTenancyRoutes(deps, operator),
    ...operatorPostmasterStateRoutes(deps, operator),
    ...operatorBoxRoutes(deps, operator),
    ...operatorQueueRoutes(deps, operator),
    ...operatorLogRoutes(deps, operator),
    ...operatorWebhookRoutes(deps, operator),
  ];
}
