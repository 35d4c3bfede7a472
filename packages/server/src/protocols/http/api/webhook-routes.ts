/**
 * The holder's webhooks (session, or an API token with scope webhooks:manage): register an
 * endpoint (its signing secret `whsec_…` is in that answer only), list, disable or enable, and
 * delete endpoints, read an endpoint's delivery log, replay a delivery, send a test event. Another
 * holder's endpoint is 404, as one that does not exist. Events and signing: docs/api-integration.md.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { webhookEventTypes } from '../../../services/webhooks/webhook-events.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { deliverySchema, deliveryView, endpointSchema, endpointView } from './webhook-schemas.ts';
import { apiRoute, tokenResponses, type ApiRoute } from './api-route.ts';
import type { FastifyReply } from 'fastify';

const createSchema = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .describe('Where the events are POSTed (https, or http inside a private network).'),
  events: z.array(z.enum(webhookEventTypes)).min(1),
  description: z.string().max(200).optional(),
});
const updateSchema = z.object({ enabled: z.boolean() }).meta({ id: 'UpdateWebhook' });
const idSchema = z.object({ id: z.coerce.number().int().positive() });
const replaySchema = z.object({
  id: z.coerce.number().int().positive(),
  deliveryId: z.coerce.number().int().positive(),
});

function notFound(reply: FastifyReply): FastifyReply {
  const problem = requestProblem('not-found', 'There is no such webhook endpoint or delivery.');
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

export function webhookRoutes(deps: ApiDependencies): ApiRoute[] {
  const { webhooks } = deps;
  if (webhooks === undefined) return [];
  const own = async (mailboxId: number, id: number) => {
    const endpoint = await webhooks.store.getEndpoint(id);
    return endpoint?.mailboxId === mailboxId ? endpoint : undefined;
  };
  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/webhooks',
      operationId: 'createWebhook',
      summary: 'Register a webhook endpoint; its signing secret is in this answer only.',
      tag: 'webhooks',
      auth: true,
      tokenScope: 'webhooks:manage',
      body: createSchema,
      responses: {
        201: {
          description: 'The endpoint and its secret.',
          schema: endpointSchema.extend({ secret: z.string() }),
        },
        ...tokenResponses,
      },
      async handler({ body, session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const endpoint = await webhooks.store.createEndpoint({
          mailboxId: session.mailboxId,
          address: session.address,
          url: body.url,
          // Standard Webhooks: whsec_ + base64 of a random key (24 to 64 bytes).
          secret: `whsec_${randomBytes(32).toString('base64')}`,
          events: [...new Set(body.events)],
          description: body.description ?? null,
        });
        return reply.code(201).send({ ...endpointView(endpoint), secret: endpoint.secret });
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/webhooks',
      operationId: 'listWebhooks',
      summary: "This mailbox's webhook endpoints.",
      tag: 'webhooks',
      auth: true,
      tokenScope: 'webhooks:manage',
      responses: {
        200: { description: 'The endpoints.', schema: z.object({ webhooks: z.array(endpointSchema) }) },
        ...tokenResponses,
      },
      async handler({ session }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        return { webhooks: (await webhooks.store.listEndpoints(session.mailboxId)).map(endpointView) };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/webhooks/:id',
      operationId: 'deleteWebhook',
      summary: 'Delete a webhook endpoint and its delivery log.',
      tag: 'webhooks',
      auth: true,
      tokenScope: 'webhooks:manage',
      params: idSchema,
      responses: {
        204: { description: 'Deleted.' },
        404: { description: 'No such endpoint.', problem: true },
        ...tokenResponses,
      },
      async handler({ params, session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        if ((await own(session.mailboxId, params.id)) === undefined) return notFound(reply);
        await webhooks.store.deleteEndpoint(params.id);
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/v1/webhooks/:id',
      operationId: 'updateWebhook',
      summary: 'Disable or enable a webhook endpoint (its secret and log are kept).',
      tag: 'webhooks',
      auth: true,
      tokenScope: 'webhooks:manage',
      params: idSchema,
      body: updateSchema,
      responses: {
        200: { description: 'The endpoint as it is now.', schema: endpointSchema },
        404: { description: 'No such endpoint.', problem: true },
        ...tokenResponses,
      },
      async handler({ params, body, session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        if ((await own(session.mailboxId, params.id)) === undefined) return notFound(reply);
        await webhooks.setEnabled(params.id, body.enabled);
        const endpoint = await own(session.mailboxId, params.id);
        return endpoint === undefined ? notFound(reply) : endpointView(endpoint);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/webhooks/:id/test',
      operationId: 'testWebhook',
      summary: 'Send a `webhook.test` event to the endpoint; it appears in the delivery log.',
      tag: 'webhooks',
      auth: true,
      tokenScope: 'webhooks:manage',
      params: idSchema,
      responses: {
        202: { description: 'Queued.' },
        404: { description: 'No such endpoint.', problem: true },
        ...tokenResponses,
      },
      async handler({ params, session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        if ((await own(session.mailboxId, params.id)) === undefined) return notFound(reply);
        await webhooks.sendTest(params.id);
        return reply.code(202).send();
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/webhooks/:id/deliveries',
      operationId: 'listWebhookDeliveries',
      summary: "An endpoint's delivery log, newest first (last 100).",
      tag: 'webhooks',
      auth: true,
      tokenScope: 'webhooks:manage',
      params: idSchema,
      responses: {
        200: { description: 'The deliveries.', schema: z.object({ deliveries: z.array(deliverySchema) }) },
        404: { description: 'No such endpoint.', problem: true },
        ...tokenResponses,
      },
      async handler({ params, session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        if ((await own(session.mailboxId, params.id)) === undefined) return notFound(reply);
        return { deliveries: (await webhooks.store.listDeliveries(params.id, 100)).map(deliveryView) };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/webhooks/:id/deliveries/:deliveryId/replay',
      operationId: 'replayWebhookDelivery',
      summary: 'Send a delivery again (same webhook-id), with a fresh retry window.',
      tag: 'webhooks',
      auth: true,
      tokenScope: 'webhooks:manage',
      params: replaySchema,
      responses: {
        202: { description: 'Queued.' },
        404: { description: 'No such delivery.', problem: true },
        ...tokenResponses,
      },
      async handler({ params, session, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const delivery = await webhooks.store.getDelivery(params.deliveryId);
        if ((await own(session.mailboxId, params.id)) === undefined || delivery?.endpointId !== params.id)
          return notFound(reply);
        await webhooks.replay(params.deliveryId);
        return reply.code(202).send();
      },
    }),
  ];
}
