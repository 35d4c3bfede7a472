/**
 * An operator's or postmaster's own API tokens (decision 0042): list, create (the secret answered
 * once), revoke. Managing tokens takes the session: a token cannot create or revoke tokens. Every
 * role has them, with the scopes its role may hold (tokenScopesOfRole), which the list answers
 * too so the admin web offers those and keeps no copy of the table.
 */
import { tokenScopesOfRole, type AdminToken } from '../../../../services/administration/admin-tokens.ts';
import { adminRoles } from '../../../../ports/admin-store.ts';
import { AccountError } from '../../../../services/accounts/account-error.ts';
import type { ApiRoute } from '../api-route.ts';
import type { AdminApiDependencies } from './admin-api-dependencies.ts';
import { adminRoute } from './admin-route.ts';
import {
  adminTokenListSchema,
  adminTokenParamsSchema,
  createdAdminTokenSchema,
  newAdminTokenSchema,
} from './admin-token-schemas.ts';

function view(token: AdminToken) {
  return {
    id: token.id,
    name: token.name,
    scopes: [...token.scopes],
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

export function adminTokenRoutes(deps: AdminApiDependencies): ApiRoute[] {
  const { tokens } = deps;
  if (tokens === undefined) return [];
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/tokens',
      operationId: 'listAdminTokens',
      summary: "The signed-in principal's API tokens, newest first (never their secrets).",
      tag: 'admin',
      access: { roles: adminRoles, action: 'token.list', sessionOnly: true },
      audited: false,
      responses: {
        200: { description: 'The tokens.', schema: adminTokenListSchema },
      },
      async handler({ principal }) {
        return {
          tokens: (await tokens.list(principal.id)).map(view),
          allowedScopes: [...tokenScopesOfRole[principal.role]],
        };
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/tokens',
      operationId: 'createAdminToken',
      summary: 'Create an API token with scopes and an end; the secret is answered once.',
      tag: 'admin',
      access: { roles: adminRoles, action: 'token.create', sessionOnly: true },
      body: newAdminTokenSchema,
      target: ({ body }) => `${body.name} ${body.scopes.join(',')}`,
      responses: {
        201: { description: 'Created.', schema: createdAdminTokenSchema },
        400: { description: 'A scope the role may not hold (invalid-request).', problem: true },
      },
      async handler({ principal, body, reply }) {
        const created = await tokens.create(principal, body);
        reply.code(201);
        return { token: view(created.token), secret: created.secret };
      },
    }),
    adminRoute(deps, {
      method: 'DELETE',
      url: '/api/v1/admin/tokens/:id',
      operationId: 'revokeAdminToken',
      summary: 'Revoke one of the principal’s API tokens; it stops at once.',
      tag: 'admin',
      access: { roles: adminRoles, action: 'token.revoke', sessionOnly: true },
      params: adminTokenParamsSchema,
      target: ({ params }) => `token ${String(params.id)}`,
      responses: {
        204: { description: 'Revoked.' },
        404: { description: 'No live such token.', problem: true },
      },
      async handler({ principal, params, reply }) {
        if (!(await tokens.revoke(params.id, principal.id)))
          throw new AccountError('not-found', `no live token ${String(params.id)}`);
        return reply.code(204).send();
      },
    }),
  ];
}
