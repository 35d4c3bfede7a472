/**
 * Before and after the holder orders (decision 0041, on 0038): the quote of a renewal, extra space
 * or plan change (what it costs now, prorated, and the expiry and quota it leaves), refused as the
 * order itself would be; and where one of the box's orders stands with the billing system (the
 * URL to pay at, pending, paid, declined), for the Plan screen to follow and show on return.
 */
import { z } from 'zod';
import { answerBoxLife } from './account-order-routes.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { requestProblem } from '../refusal-problem.ts';

const maxExtraBytes = 1024 ** 4;

const quoteQuery = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('renewal'), years: z.coerce.number().int().min(1).max(5) }),
  z.strictObject({
    kind: z.literal('extra-space'),
    bytes: z.coerce.number().int().min(1).max(maxExtraBytes),
  }),
  z.strictObject({ kind: z.literal('plan-change'), plan: z.string().min(1).max(64) }),
]);

const quoteSchema = z
  .object({
    kind: z.enum(['renewal', 'extra-space', 'plan-change']),
    priceCents: z.number().describe('What the order costs now, in euro cents (prorated where it applies).'),
    expiresAt: z.string().nullable().describe('The expiry after the order.'),
    quotaBytes: z.number().describe("The box's quota after the order."),
  })
  .meta({ id: 'OrderQuote' });

const paymentSchema = z
  .object({
    orderId: z.number(),
    orderStatus: z.enum(['open', 'paid', 'cancelled']),
    payment: z
      .object({
        status: z.enum(['requested', 'pending', 'paid', 'declined']),
        paymentUrl: z.string().nullable().describe('Where the holder pays, while pending.'),
        detail: z.string().nullable(),
      })
      .nullable()
      .describe('Null with the built-in ledger, or before the order was put to the billing system.'),
  })
  .meta({ id: 'OrderPayment' });

export function accountQuoteRoutes(deps: ApiDependencies): ApiRoute[] {
  const { boxLife } = deps;
  if (boxLife === undefined) return [];
  const common = { tag: 'account', auth: true } as const;
  return [
    apiRoute({
      ...common,
      method: 'GET',
      url: '/api/v1/account/quote',
      operationId: 'quoteOrder',
      summary: 'What a renewal, extra space or plan change would cost now and leave, before ordering.',
      query: quoteQuery,
      responses: {
        200: { description: 'The quote.', schema: quoteSchema },
        400: { description: 'Malformed request (invalid-request).', problem: true },
        409: { description: 'The order would be refused; `refusal` says why.', problem: true },
        ...sessionResponses,
      },
      handler: ({ session, query, reply }) =>
        answerBoxLife(reply, async () => {
          const quote = await boxLife.quote(session?.address ?? '', query);
          return {
            kind: quote.kind,
            priceCents: quote.priceCents,
            expiresAt: quote.expiresAt?.toISOString() ?? null,
            quotaBytes: quote.quotaBytes,
          };
        }),
    }),
    apiRoute({
      ...common,
      method: 'GET',
      url: '/api/v1/account/orders/:id/payment',
      operationId: 'getOrderPayment',
      summary: 'Where one of the box’s orders stands with the billing system.',
      params: z.strictObject({ id: z.coerce.number().int().positive() }),
      responses: {
        200: { description: 'The order and its payment.', schema: paymentSchema },
        404: { description: 'No such order of this box (not-found).', problem: true },
        ...sessionResponses,
      },
      async handler({ session, params, reply }) {
        const orders = await boxLife.listOrders({ address: session?.address ?? '' });
        const order = orders.find((o) => o.id === params.id);
        if (order === undefined) {
          const problem = requestProblem('not-found');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        const payment = await boxLife.payment(order.id);
        return {
          orderId: order.id,
          orderStatus: order.status,
          payment:
            payment === undefined
              ? null
              : { status: payment.status, paymentUrl: payment.paymentUrl, detail: payment.detail },
        };
      },
    }),
  ];
}
