/**
 * The webmail's "Set up a mail client" page: GET /api/v1/client-setup, the servers a mail client
 * connects to (the same settings autoconfiguration documents are built from, preferred first), and
 * GET /api/v1/client-setup/mobileconfig, an Apple configuration profile (.mobileconfig) for the
 * signed-in holder's mailbox; unsigned (apple-mobileconfig.ts).
 */
import { z } from 'zod';
import { appleMobileconfig, mobileconfigContentType } from '../autoconfig/apple-mobileconfig.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const clientSetupSchema = z
  .object({
    providerName: z.string(),
    username: z.string().describe('The user name every server expects: the PEC address.'),
    servers: z.array(
      z.object({
        protocol: z.enum(['imap', 'pop3', 'smtp']),
        host: z.string(),
        port: z.number().int(),
        security: z.enum(['tls', 'starttls']).describe('tls: TLS from the first byte; starttls: upgrade.'),
      }),
    ),
  })
  .meta({ id: 'ClientSetup' });

export function clientSetupRoutes(deps: ApiDependencies): ApiRoute[] {
  const { clients } = deps;
  if (clients === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/client-setup',
      operationId: 'getClientSetup',
      summary: 'The IMAP, POP3 and SMTP servers a mail client uses for this mailbox, preferred first.',
      tag: 'client-setup',
      auth: true,
      responses: {
        200: { description: 'The servers and the user name to give.', schema: clientSetupSchema },
        ...sessionResponses,
      },
      handler({ session }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const settings = clients();
        return Promise.resolve({
          providerName: settings.providerName,
          username: session.address,
          servers: settings.servers.map((server) => ({ ...server })),
        });
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/client-setup/mobileconfig',
      operationId: 'getMobileconfig',
      summary: "An unsigned Apple configuration profile (.mobileconfig) for the holder's mailbox.",
      tag: 'client-setup',
      auth: true,
      responses: {
        200: { description: 'The profile (application/x-apple-aspen-config).', schema: z.string() },
        404: { description: 'The provider offers no IMAP or no submission server.', problem: true },
        ...sessionResponses,
      },
      async handler({ session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const profile = appleMobileconfig(clients(), {
          address: session.address,
          displayName: session.displayName,
        });
        if (profile === undefined) {
          const problem = requestProblem('not-found', 'No IMAP or no submission server is offered.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        const file = `${session.address.replace(/[^A-Za-z0-9@._-]/g, '_')}.mobileconfig`;
        return reply
          .type(mobileconfigContentType)
          .header('content-disposition', `attachment; filename="${file}"`)
          .send(profile);
      },
    }),
  ];
}
