/**
 * Disabling a postmaster without removing it (decision 0042): POST
 * /api/v1/admin/operator/postmasters/{email}/disabled with `{ disabled }`, admin only. While
 * disabled the postmaster cannot sign in, its sessions are ended and its API tokens refused; its
 * domains, tokens and history stay for when it is enabled again. Audited as `postmaster.disabled`.
 */
import { AccountError } from '../../../../../services/accounts/account-error.ts';
import type { ApiRoute } from '../../api-route.ts';
import type { AdminApiDependencies } from '../admin-api-dependencies.ts';
import { adminRoute } from '../admin-route.ts';
import type { OperatorApiDependencies } from './operator-api-dependencies.ts';
import { operatorWriters } from './operator-access.ts';
import { postmasterDisabledSchema, postmasterParamsSchema, postmasterSchema } from './operator-schemas.ts';
import { postmasterView } from './operator-tenancy-routes.ts';

export function operatorPostmasterStateRoutes(
  deps: AdminApiDependencies,
  operator: OperatorApiDependencies,
): ApiRoute[] {
  return [
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/postmasters/:email/disabled',
      operationId: 'operatorDisablePostmaster',
      summary:
        'Disable a postmaster (no sign-in, sessions ended, API tokens refused) or enable it again; unlike removal, its domains and tokens stay.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'postmaster.disabled' },
      params: postmasterParamsSchema,
      body: postmasterDisabledSchema,
      target: ({ params, body }) => `${params.email} ${body.disabled ? 'disabled' : 'enabled'}`,
      responses: {
        200: { description: 'The postmaster.', schema: postmasterSchema },
        404: { description: 'No such postmaster.', problem: true },
      },
      async handler({ params, body }) {
        const found = await operator.postmasters.find(params.email);
        // Operators are not managed here: they are a 404 like an unknown address.
        if (found?.role !== 'postmaster')
          throw new AccountError('not-found', `no postmaster ${params.email}`);
        return postmasterView(await operator.postmasters.setDisabled(found.email, body.disabled));
      },
    }),
  ];
}
