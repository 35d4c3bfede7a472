/**
 * The holder's allow-list of sign-in networks over HTTP (decision 0027): read it with the address
 * this request comes from, and replace it whole. Acts on the signed-in holder's own box only.
 */
import { sendConflict } from './send-conflict.ts';
import { z } from 'zod';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const networksSchema = z
  .object({
    networks: z
      .array(z.string())
      .describe('CIDR blocks (address/prefix) allowed to sign in on every protocol; empty: every network.'),
    currentAddress: z.string().describe('The address this request comes from.'),
  })
  .meta({ id: 'SignInNetworks' });

const replaceSchema = z
  .strictObject({
    networks: z.array(z.string().max(64)).max(100).describe('Addresses or address/prefix blocks.'),
  })
  .meta({ id: 'SignInNetworksChange' });

export function networkRoutes(deps: ApiDependencies): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/security/networks',
      operationId: 'getSignInNetworks',
      summary: 'The networks the holder’s box accepts sign-ins from (empty: every network).',
      tag: 'security',
      auth: true,
      responses: { 200: { description: 'The list.', schema: networksSchema }, ...sessionResponses },
      async handler({ session, request }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        return { networks: await deps.security.networks.list(session.mailboxId), currentAddress: request.ip };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/networks',
      operationId: 'replaceSignInNetworks',
      summary:
        'Replaces the allow-list; refused when an entry is no network or the list leaves out this request’s own.',
      tag: 'security',
      auth: true,
      body: replaceSchema,
      responses: {
        200: { description: 'The list as stored (canonical).', schema: networksSchema },
        409: {
          description: 'Not a network, too many, or would lock the holder out (conflict).',
          problem: true,
        },
        ...sessionResponses,
      },
      async handler({ session, request, body, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const outcome = await deps.security.networks.replace(session.mailboxId, body.networks, request.ip);
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return { networks: outcome.networks, currentAddress: request.ip };
      },
    }),
  ];
}
