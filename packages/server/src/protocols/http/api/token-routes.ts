/**
 * The holder's API tokens: POST /api/v1/tokens creates one for the signed-in mailbox with scopes
 * and an optional end and shows its secret this once; GET lists them (never the secret); DELETE
 * revokes one. Session only: a token cannot mint or revoke tokens.
 */
import { z } from 'zod';
import { apiScopes, type ApiToken } from '../../../services/api-tokens/api-tokens.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const apiTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scopes: z.array(z.enum(apiScopes)),
    createdAt: z.string().describe('ISO 8601.'),
    expiresAt: z.string().nullable().describe('ISO 8601; null: until revoked.'),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

const createTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100).describe('A label, e.g. the software that uses it.'),
    scopes: z.array(z.enum(apiScopes)).min(1),
    expiresInDays: z.number().int().min(1).max(3650).optional().describe('Absent: until revoked.'),
  })
  .meta({ id: 'CreateApiToken' });

const tokenIdSchema = z.object({ id: z.coerce.number().int().positive() });

function tokenView(token: ApiToken): z.infer<typeof apiTokenSchema> {
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

export function tokenRoutes(deps: ApiDependencies): ApiRoute[] {
  const { tokens } = deps;
  if (tokens === undefined) return [];
  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/tokens',
      operationId: 'createApiToken',
      summary: 'Create an API token for this mailbox; the secret is in this answer only.',
      tag: 'tokens',
      auth: true,
      body: createTokenSchema,
      responses: {
        201: {
          description: 'The token, with its secret (`pec_…`) shown this once.',
          schema: apiTokenSchema.extend({ token: z.string() }),
        },
        ...sessionResponses,
      },
      async handler({ body, session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const created = await tokens.create({
          mailboxId: session.mailboxId,
          address: session.address,
          name: body.name,
          scopes: body.scopes,
          expiresInDays: body.expiresInDays ?? null,
        });
        return reply.code(201).send({ ...tokenView(created.token), token: created.secret });
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/tokens',
      operationId: 'listApiTokens',
      summary: "This mailbox's API tokens, newest first, revoked ones included.",
      tag: 'tokens',
      auth: true,
      responses: {
        200: { description: 'The tokens.', schema: z.object({ tokens: z.array(apiTokenSchema) }) },
        ...sessionResponses,
      },
      async handler({ session }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        return { tokens: (await tokens.list(session.mailboxId)).map(tokenView) };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/tokens/:id',
      operationId: 'revokeApiToken',
      summary: 'Revoke an API token of this mailbox.',
      tag: 'tokens',
      auth: true,
      params: tokenIdSchema,
      responses: {
        204: { description: 'Revoked.' },
        404: { description: 'No such live token of this mailbox.', problem: true },
        ...sessionResponses,
      },
      async handler({ params, session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        if (!(await tokens.revoke(params.id, session.mailboxId))) {
          const problem = requestProblem('not-found', 'There is no such live token.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return reply.code(204).send();
      },
    }),
  ];
}
