/**
 * The shapes of the Web Push routes (push-routes.ts): a subscription is what the browser's
 * PushSubscription.toJSON() gives (W3C Push API §3.4: endpoint and keys p256dh/auth, base64url).
 */
import { z } from 'zod';

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/)
  .max(256);

export const pushKeySchema = z
  .object({
    publicKey: z.string().describe('The VAPID public key (RFC 8292), base64url: the applicationServerKey.'),
    perHour: z.number().int().describe('At most this many pushes a box gets each hour.'),
  })
  .meta({ id: 'PushKey' });

export const newPushSubscriptionSchema = z
  .object({
    endpoint: z.string().min(1).max(2048),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url, auth: base64url }),
  })
  .meta({ id: 'NewPushSubscription' });

export const pushSubscriptionSchema = z
  .object({
    id: z.string().describe('Names the subscription in DELETE /api/v1/push/subscriptions/{id}.'),
    device: z.string().nullable(),
    createdAt: z.string(),
    thisSession: z.boolean().describe('Made by the session asking.'),
    endpointOrigin: z.string().describe('The push service (the endpoint itself is a secret).'),
  })
  .meta({ id: 'PushSubscription' });

export const pushSubscriptionListSchema = z
  .object({ subscriptions: z.array(pushSubscriptionSchema) })
  .meta({ id: 'PushSubscriptionList' });

export const pushSubscriptionParamsSchema = z.object({ id: z.coerce.number().int().positive() });
