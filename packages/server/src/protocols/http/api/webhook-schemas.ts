/**
 * A webhook endpoint and a delivery as the HTTP API shows them (never the signing secret), for the
 * holder's routes and the operator's console alike.
 */
import { z } from 'zod';
import type { WebhookDelivery, WebhookEndpoint } from '../../../ports/webhook-store.ts';

export const endpointSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    createdAt: z.string(),
    enabled: z.boolean().describe('False: no new event is recorded for it and pending deliveries wait.'),
  })
  .meta({ id: 'WebhookEndpoint' });

export const deliverySchema = z
  .object({
    id: z.number().int(),
    webhookId: z.string(),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    createdAt: z.string(),
    nextAttemptAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    payload: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

export function endpointView(endpoint: WebhookEndpoint): z.infer<typeof endpointSchema> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: [...endpoint.events],
    description: endpoint.description,
    createdAt: endpoint.createdAt.toISOString(),
    enabled: endpoint.disabledAt === null,
  };
}

export function deliveryView(d: WebhookDelivery): z.infer<typeof deliverySchema> {
  return {
    id: d.id,
    webhookId: d.eventId,
    type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    payload: d.payload,
  };
}
