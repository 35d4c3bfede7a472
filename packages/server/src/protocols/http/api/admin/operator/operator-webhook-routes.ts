/**
 * Every holder's webhooks in the operator console: the endpoints with their deliveries counted,
 * failing ones first (admin, support), one endpoint's delivery log (admin, support), and the
 * replay of a delivery (admin). The signing secret is never shown here; deliveries carry only
 * the event's metadata (pec-spec: no message content leaves the box through a webhook).
 */
import { z } from 'zod';
import { AccountError } from '../../../../../services/accounts/account-error.ts';
import type { ApiRoute } from '../../api-route.ts';
import { deliverySchema, deliveryView, endpointSchema, endpointView } from '../../webhook-schemas.ts';
import type { AdminApiDependencies } from '../admin-api-dependencies.ts';
import { adminRoute } from '../admin-route.ts';
import { operatorReaders, operatorWriters } from './operator-access.ts';
import type { OperatorApiDependencies } from './operator-api-dependencies.ts';

const endpointRowSchema = endpointSchema
  .extend({
    address: z.string().describe('The box whose holder registered it.'),
    pending: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
    lastFailureAt: z
      .string()
      .nullable()
      .describe('The last attempt that got no 2xx, when the last one failed.'),
  })
  .meta({ id: 'OperatorWebhookEndpoint' });

const idSchema = z.object({ id: z.coerce.number().int().positive() });
const replaySchema = z.object({
  id: z.coerce.number().int().positive(),
  deliveryId: z.coerce.number().int().positive(),
});

export function operatorWebhookRoutes(
  deps: AdminApiDependencies,
  operator: OperatorApiDependencies,
): ApiRoute[] {
  const { webhooks } = operator;
  async function endpoint(id: number) {
    const found = await webhooks.store.getEndpoint(id);
    if (found === undefined) throw new AccountError('not-found', 'There is no such webhook endpoint.');
    return found;
  }
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/webhooks',
      operationId: 'listAllWebhooks',
      summary: "Every holder's webhook endpoints with their deliveries counted, failing first.",
      tag: 'operator',
      access: { roles: operatorReaders, action: 'webhooks.list' },
      responses: { 200: { description: 'The endpoints.', schema: z.array(endpointRowSchema) } },
      async handler() {
        return (await webhooks.overview()).map(({ endpoint: e, health }) => ({
          ...endpointView(e),
          address: e.address,
          pending: health.pending,
          delivered: health.delivered,
          failed: health.failed,
          lastFailureAt: health.lastFailureAt?.toISOString() ?? null,
        }));
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/webhooks/:id/deliveries',
      operationId: 'listAnyWebhookDeliveries',
      summary: "One endpoint's delivery log, newest first (last 100).",
      tag: 'operator',
      access: { roles: operatorReaders, action: 'webhooks.deliveries' },
      params: idSchema,
      target: ({ params }) => `webhook ${String(params.id)}`,
      responses: { 200: { description: 'The deliveries.', schema: z.array(deliverySchema) } },
      async handler({ params }) {
        await endpoint(params.id);
        return (await webhooks.store.listDeliveries(params.id, 100)).map(deliveryView);
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/webhooks/:id/deliveries/:deliveryId/replay',
      operationId: 'replayAnyWebhookDelivery',
      summary: 'Send a delivery again (same webhook-id), with a fresh retry window.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'webhooks.replay' },
      params: replaySchema,
      target: ({ params }) => `webhook ${String(params.id)} delivery ${String(params.deliveryId)}`,
      responses: { 202: { description: 'Queued.' } },
      async handler({ params, reply }) {
        await endpoint(params.id);
        const delivery = await webhooks.store.getDelivery(params.deliveryId);
        if (delivery?.endpointId !== params.id)
          throw new AccountError('not-found', 'There is no such delivery of this endpoint.');
        await webhooks.replay(params.deliveryId);
        return reply.code(202).send();
      },
    }),
  ];
}
