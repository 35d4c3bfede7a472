/**
 * Mounts the HTTP API under /api on the listener's Fastify instance, in its own encapsulated scope:
 * requests validated by the routes' zod schemas, the CSRF header required on every state-changing
 * request (decision 0010: a custom header cannot cross sites without a CORS preflight, which is
 * never granted), a session required where the route says so, every failure an RFC 9457 problem
 * (refusal-problem.ts), no answer cached, and /api/openapi.json generated from the same routes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { EventLog } from '../../../ports/event-log.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import type { ApiRoute } from './api-route.ts';
import { clientSetupRoutes } from './client-setup-routes.ts';
import { folderRoutes } from './folder-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { openApiDocument } from './openapi-document.ts';
import { providerRoutes } from './provider-routes.ts';
import { sessionToken } from './session-cookie.ts';
import { sessionRoutes } from './session-routes.ts';

export const apiPrefix = '/api';

/** Every route of the API, in the order the OpenAPI document lists them. */
export function apiRoutes(deps: ApiDependencies): ApiRoute[] {
  return [
    ...providerRoutes(deps),
    ...sessionRoutes(deps),
    ...folderRoutes(deps),
    ...messageRoutes(deps),
    ...clientSetupRoutes(deps),
  ];
}

function sendProblem(reply: FastifyReply, problem: RefusalProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerApi(app: FastifyInstance, deps: ApiDependencies, events: EventLog): void {
  const routes = apiRoutes(deps);
  const document = openApiDocument(routes, { title: 'PEC provider HTTP API', version: '1' });
  const sessions = new WeakMap<FastifyRequest, WebSession>();

  void app.register(
    (api, _options, done) => {
      // Fastify hands each route's zod schema back here: validation is zod's, and its output
      // (defaults filled, numbers coerced) is what the handler sees.
      api.setValidatorCompiler(({ schema }) => (data: unknown) => {
        const result = (schema as z.ZodType).safeParse(data);
        if (result.success) return { value: result.data };
        const detail = result.error.issues
          .map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
          .join('; ');
        return { error: new Error(detail) };
      });

      api.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
        if (error.validation !== undefined || (error.statusCode !== undefined && error.statusCode < 500))
          return sendProblem(reply, requestProblem('invalid-request', error.message));
        events.emit({ event: 'error.unexpected', where: `http ${request.method} ${request.url}`, error });
        return sendProblem(reply, refusalProblem({ reason: 'internal-error' }));
      });

      api.setNotFoundHandler((_request, reply) => sendProblem(reply, requestProblem('not-found')));

      api.addHook('onRequest', async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        if (!safeMethods.has(request.method) && request.headers['x-pec-request'] !== '1')
          return sendProblem(reply, requestProblem('csrf'));
        return undefined;
      });

      api.get('/openapi.json', () => document);

      for (const route of routes) {
        api.route({
          method: route.method,
          url: route.url.slice(apiPrefix.length),
          schema: {
            ...(route.params === undefined ? {} : { params: route.params }),
            ...(route.query === undefined ? {} : { querystring: route.query }),
            ...(route.body === undefined ? {} : { body: route.body }),
          },
          preHandler: async (request, reply) => {
            if (!route.auth) return undefined;
            const token = sessionToken(request);
            const session = token === undefined ? undefined : await deps.sessions.resolve(token);
            if (session === undefined)
              return sendProblem(reply, refusalProblem({ reason: 'authentication-required' }));
            sessions.set(request, session);
            return undefined;
          },
          handler: async (request, reply) => {
            const result = await route.handler({
              params: request.params,
              query: request.query,
              body: request.body,
              session: sessions.get(request),
              request,
              reply,
            });
            return result;
          },
        });
      }
      done();
    },
    { prefix: apiPrefix },
  );
}
