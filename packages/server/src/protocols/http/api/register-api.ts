/**
 * Mounts the HTTP API under /api on the listener's Fastify instance, in its own encapsulated scope:
 * requests validated by the routes' zod schemas, the CSRF header required on every state-changing
 * request (decision 0010: a custom header cannot cross sites without a CORS preflight, which is
 * never granted), a session required where the route says so, every failure an RFC 9457 problem
 * (refusal-problem.ts), no answer cached, and /api/openapi.json generated from the same routes.
 * An API token (`Authorization: Bearer pec_…`) stands in for the session on the routes that name a
 * `tokenScope`, within its rate (RFC 6750 §2.1, §3.1). A request carrying an Authorization header
 * needs no CSRF header: browsers never attach one by themselves, and a page of another site cannot
 * set it without a CORS preflight, which is never granted (the same reasoning as X-PEC-Request).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { nullEventLog, type EventLog } from '../../../ports/event-log.ts';
import { isRefusalError } from '../../../services/refusal/refusal-error.ts';
import type { Refusal } from '../../../services/refusal/refusal.ts';
import type { ApiTokenPrincipal } from '../../../services/api-tokens/api-tokens.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { bearerToken } from './bearer-token.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import type { ApiRoute } from './api-route.ts';
import { actionRoutes } from './action-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { downloadRoutes } from './download-routes.ts';
import { closeEventStreams, eventRoutes } from './event-routes.ts';
import { folderAdminRoutes } from './folder-admin-routes.ts';
import { clientSetupRoutes } from './client-setup-routes.ts';
import { folderRoutes } from './folder-routes.ts';
import { incomingRoutes } from './incoming-routes.ts';
import { accountOrderRoutes } from './account-order-routes.ts';
import { accountQuoteRoutes } from './account-quote-routes.ts';
import { accountPlanRoutes } from './account-plan-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { openApiDocument } from './openapi-document.ts';
import { pecRoutes } from './pec-routes.ts';
import { preferenceRoutes } from './preference-routes.ts';
import { outgoingRoutes } from './outgoing-routes.ts';
import { scheduledRoutes } from './scheduled-routes.ts';
import { providerRoutes } from './provider-routes.ts';
import { networkRoutes } from './network-routes.ts';
import { noticeRoutes } from './notice-routes.ts';
import { securityArchiveRoutes } from './security-archive-routes.ts';
import { noticePreferenceRoutes } from './notice-preference-routes.ts';
import { contactRoutes } from './contact-routes.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { contactChangeRoutes } from './contact-change-routes.ts';
import { recoveryRoutes } from './recovery-routes.ts';
import { securityRoutes } from './security-routes.ts';
import { passkeyRoutes } from './passkey-routes.ts';
import { pushRoutes } from './push-routes.ts';
import { sessionToken } from './session-cookie.ts';
import { sessionRoutes } from './session-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { webhookRoutes } from './webhook-routes.ts';
import { adminRoutes } from './admin/admin-routes.ts';

export const apiPrefix = '/api';

/** Every route of the API, in the order the OpenAPI document lists them. */
export function apiRoutes(deps: ApiDependencies, events: EventLog = nullEventLog): ApiRoute[] {
  return [
    ...providerRoutes(deps),
    ...sessionRoutes(deps),
    ...folderRoutes(deps),
    ...messageRoutes(deps),
    ...pecRoutes(deps),
    ...accountPlanRoutes(deps),
    ...accountOrderRoutes(deps),
    ...accountQuoteRoutes(deps),
    ...folderAdminRoutes(deps),
    ...actionRoutes(deps),
    ...downloadRoutes(deps),
    ...eventRoutes(deps),
    ...securityRoutes(deps),
    ...passkeyRoutes(deps),
    ...pushRoutes(deps),
    ...networkRoutes(deps),
    ...noticeRoutes(deps),
    ...securityArchiveRoutes(deps),
    ...noticePreferenceRoutes(deps),
    ...contactChangeRoutes(deps),
    ...(deps.recovery === undefined ? [] : recoveryRoutes(deps.recovery)),
    ...(deps.outgoing === undefined ? [] : outgoingRoutes(deps.outgoing, events)),
    ...(deps.outgoing === undefined || deps.scheduledSends === undefined
      ? []
      : scheduledRoutes(deps.outgoing, deps.scheduledSends)),
    ...clientSetupRoutes(deps),
    ...tokenRoutes(deps),
    ...webhookRoutes(deps),
    ...incomingRoutes(deps.incoming),
    ...preferenceRoutes(deps),
    ...contactRoutes(deps.contacts),
    ...calendarRoutes(deps.calendar),
    ...dashboardRoutes(deps),
    ...(deps.admin === undefined ? [] : adminRoutes(deps.admin)),
  ];
}

function sendProblem(reply: FastifyReply, problem: RefusalProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

/** What Fastify hands the error handler: validation failures, its own coded errors, ours. */
type FastifyFailure = Error & { statusCode?: number; validation?: unknown; code?: string };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerApi(app: FastifyInstance, deps: ApiDependencies, events: EventLog): void {
  const routes = apiRoutes(deps, events);
  const document = openApiDocument(routes, { title: 'PEC provider HTTP API', version: '1' });
  const sessions = new WeakMap<FastifyRequest, WebSession>();
  const tokens = new WeakMap<FastifyRequest, ApiTokenPrincipal>();

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

      api.setErrorHandler((error: FastifyFailure, request, reply) => {
        // A body over the route's cap, refused from its Content-Length before it is read.
        const tooLarge = (request.routeOptions.config as { tooLarge?: Refusal }).tooLarge;
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && tooLarge !== undefined)
          return sendProblem(reply, refusalProblem(tooLarge));
        // A service's refusal (a folder name taken, a standard folder, the mailbox in use, quota).
        if (isRefusalError(error)) return sendProblem(reply, refusalProblem(error.refusal));
        if (error.validation !== undefined || (error.statusCode !== undefined && error.statusCode < 500))
          return sendProblem(reply, requestProblem('invalid-request', error.message));
        events.emit({ event: 'error.unexpected', where: `http ${request.method} ${request.url}`, error });
        return sendProblem(reply, refusalProblem({ reason: 'internal-error' }));
      });

      api.setNotFoundHandler((_request, reply) => sendProblem(reply, requestProblem('not-found')));

      api.addHook('onRequest', async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        const csrfSafe = request.headers['x-pec-request'] === '1' || bearerToken(request) !== undefined;
        if (!safeMethods.has(request.method) && !csrfSafe) return sendProblem(reply, requestProblem('csrf'));
        return undefined;
      });

      api.get('/openapi.json', () => document);
      // Open event streams would hold the listener open: end them first.
      api.addHook('preClose', (close) => {
        closeEventStreams(deps);
        close();
      });

      for (const route of routes) {
        api.route({
          method: route.method,
          url: route.url.slice(apiPrefix.length),
          schema: {
            ...(route.params === undefined ? {} : { params: route.params }),
            ...(route.query === undefined ? {} : { querystring: route.query }),
            ...(route.body === undefined ? {} : { body: route.body }),
          },
          ...(route.bodyLimit === undefined
            ? {}
            : { bodyLimit: route.bodyLimit.bytes, config: { tooLarge: route.bodyLimit.refusal } }),
          preHandler: async (request, reply) => {
            if (route.guard !== undefined) return route.guard(request, reply);
            if (!route.auth) return undefined;
            const bearer = bearerToken(request);
            if (bearer !== undefined) {
              const principal = await deps.tokens?.authenticate(bearer);
              if (principal === undefined) {
                const problem = refusalProblem({ reason: 'authentication-required' });
                return sendProblem(reply, {
                  ...problem,
                  headers: { ...problem.headers, 'www-authenticate': 'Bearer error="invalid_token"' },
                });
              }
              if (route.tokenScope === undefined || !principal.scopes.includes(route.tokenScope))
                return sendProblem(reply, requestProblem('insufficient-scope'));
              const rate = deps.tokens?.take(principal.tokenId) ?? { ok: true };
              if (!rate.ok)
                return sendProblem(reply, requestProblem('rate-limited', undefined, rate.retryAfterSeconds));
              tokens.set(request, principal);
              sessions.set(request, {
                mailboxId: principal.mailboxId,
                address: principal.address,
                displayName: principal.address,
                staySignedIn: false,
                expiresAt: principal.expiresAt ?? new Date(8.64e15),
              });
              return undefined;
            }
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
              token: tokens.get(request),
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
