/**
 * The `billing` section (decision 0041): who takes the holders' payments. `ledger`, the built-in
 * ledger (orders recorded, paid from prepaid credit or marked paid by the operator); `http`, an
 * external billing system reached with signed requests, answering with a signed callback.
 */
import { z } from 'zod';
import { isBillingSecret } from '../billing/billing-signature.ts';

export const billingSchema = z
  .strictObject({
    kind: z
      .enum(['ledger', 'http'])
      .default('ledger')
      .describe('ledger: the built-in ledger; http: an external billing system (billing.url).'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional()
      .describe('With kind http: where each order is POSTed as a signed JSON payment request.'),
    secret: z
      .string()
      .optional()
      .describe(
        'With kind http: the shared secret, whsec_ and at least 16 random bytes in base64, that signs the ' +
          'requests and the callbacks (Standard Webhooks). Or PEC_BILLING_SECRET.',
      ),
    timeoutSeconds: z
      .number()
      .positive()
      .max(120)
      .default(10)
      .describe('Seconds the billing system has to answer a request; then it is asked again later.'),
    callbackToleranceSeconds: z
      .number()
      .int()
      .min(30)
      .max(3600)
      .default(300)
      .describe('A callback whose webhook-timestamp is further than this from now is refused.'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
      .default('EUR')
      .describe('Currency of the amounts sent to the billing system.'),
  })
  .superRefine((billing, ctx) => {
    if (billing.kind !== 'http') return;
    if (billing.url === undefined)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'billing.kind http needs billing.url' });
    if (billing.secret === undefined || !isBillingSecret(billing.secret))
      ctx.addIssue({
        code: 'custom',
        path: ['secret'],
        message: 'billing.kind http needs billing.secret: whsec_ and at least 16 bytes in base64',
      });
  })
  .prefault({})
  .describe('Payments: the built-in ledger or an external billing system.');

export type BillingConfig = z.output<typeof billingSchema>;
