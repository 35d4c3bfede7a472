/**
 * Web Push of new PEC over HTTP (decision 0032): the VAPID public key, and the signed-in holder's
 * own subscriptions (list, add, remove); another box's subscription is never seen (404).
 */
import { sendConflict } from './send-conflict.ts';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { PushSubscriptionRecord } from '../../../ports/web-push-store.ts';
import { deviceLabel } from '../../../services/web-sessions/describe-user-agent.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import {
  newPushSubscriptionSchema,
  pushKeySchema,
  pushSubscriptionListSchema,
  pushSubscriptionParamsSchema,
  pushSubscriptionSchema,
} from './push-schemas.ts';
import { sessionToken } from './session-cookie.ts';

function signedIn(session: WebSession | undefined): WebSession {
  if (session === undefined) throw new Error('unreachable: the route needs a session');
  return session;
}

/** A session's id as the session store keeps it (the SHA-256 of its token). */
export const sessionHash = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

const sessionId = (request: FastifyRequest): string => sessionHash(sessionToken(request) ?? '');

function subscriptionBody(record: PushSubscriptionRecord, currentSession: string) {
  return {
    id: String(record.id),
    device: record.device,
    createdAt: record.createdAt.toISOString(),
    thisSession: record.sessionId === currentSession,
    endpointOrigin: new URL(record.endpoint).origin,
  };
}

export function pushRoutes(deps: ApiDependencies): ApiRoute[] {
  const { webPush } = deps;
  if (webPush === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/push/key',
      operationId: 'pushKey',
      summary: "The provider's VAPID public key, for PushManager.subscribe (made on first use).",
      tag: 'notices',
      auth: true,
      responses: { 200: { description: 'The key.', schema: pushKeySchema }, ...sessionResponses },
      async handler() {
        return { publicKey: await webPush.publicKey(), perHour: webPush.perHour };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/push/subscriptions',
      operationId: 'listPushSubscriptions',
      summary: "The holder's notified devices (never their endpoints or keys).",
      tag: 'notices',
      auth: true,
      responses: {
        200: { description: 'The list.', schema: pushSubscriptionListSchema },
        ...sessionResponses,
      },
      async handler({ session, request }) {
        const current = sessionId(request);
        const records = await webPush.list(signedIn(session).mailboxId);
        return { subscriptions: records.map((r) => subscriptionBody(r, current)) };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/push/subscriptions',
      operationId: 'addPushSubscription',
      summary: 'Notifies this browser of new PEC: the body is its PushSubscription.toJSON().',
      tag: 'notices',
      auth: true,
      body: newPushSubscriptionSchema,
      responses: {
        201: { description: 'Subscribed.', schema: pushSubscriptionSchema },
        409: { description: 'Not a usable subscription, or too many devices (conflict).', problem: true },
        ...sessionResponses,
      },
      async handler({ body, session, request, reply }) {
        const current = sessionId(request);
        const outcome = await webPush.subscribe(signedIn(session).mailboxId, {
          endpoint: body.endpoint,
          p256dh: body.keys.p256dh,
          auth: body.keys.auth,
          sessionId: current,
          device: deviceLabel(request.headers['user-agent']),
        });
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return reply.code(201).send(subscriptionBody(outcome.subscription, current));
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/push/subscriptions/:id',
      operationId: 'removePushSubscription',
      summary: 'Stops notifying one device.',
      tag: 'notices',
      auth: true,
      params: pushSubscriptionParamsSchema,
      responses: {
        204: { description: 'Removed.' },
        404: { description: 'The holder has no such subscription.', problem: true },
        ...sessionResponses,
      },
      async handler({ params, session, reply }) {
        if (!(await webPush.remove(signedIn(session).mailboxId, params.id))) {
          const problem = requestProblem('not-found', 'There is no such subscription.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return reply.code(204).send();
      },
    }),
  ];
}
