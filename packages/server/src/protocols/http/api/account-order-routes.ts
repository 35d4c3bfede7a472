/**
 * What the holder buys for their own box over HTTP (decision 0038, on decision 0016): the plans on
 * offer, manual renewal, extra space with its prorated price quoted before buying, a plan change
 * up or down (down only if the contents fit), automatic renewal on or off, and the box's orders.
 * Every route acts on the signed-in box only, so a holder can neither see nor order for another.
 * Refusals are problems with a `refusal` member naming why, worded for the holder (seed 000).
 */
import { z } from 'zod';
import type { Order } from '../../../ports/billing-store.ts';
import type { Plan } from '../../../ports/plan-store.ts';
import { isBoxLifeError, type BoxLifeRefusal } from '../../../services/box-life/box-life-error.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiContext, type ApiRoute } from './api-route.ts';

const planSchema = z
  .object({
    name: z.string(),
    boxQuotaBytes: z.number(),
    archiveQuotaBytes: z.number(),
    smsIncluded: z.boolean(),
    durationMonths: z.number(),
    priceCents: z.number().describe('Price of one term in euro cents.'),
  })
  .meta({ id: 'OfferedPlan' });

const orderSchema = z
  .object({
    id: z.number(),
    kind: z.enum(['renewal', 'extra-space', 'plan-change']),
    description: z.string(),
    amountCents: z.number(),
    status: z.enum(['open', 'paid', 'cancelled']).describe('open: waiting for payment.'),
    createdAt: z.string(),
    settledAt: z.string().nullable(),
  })
  .meta({ id: 'BoxOrder' });

const changeSchema = z
  .object({
    order: orderSchema.nullable().describe('The order made, or null when it cost nothing.'),
    expiresAt: z.string().nullable(),
    quotaBytes: z.number(),
  })
  .meta({ id: 'BoxChangeResult' });

const maxExtraBytes = 1024 ** 4;
const bytesField = z.number().int().min(1).max(maxExtraBytes);
const renewalBody = z.strictObject({ years: z.number().int().min(1).max(5) }).meta({ id: 'Renewal' });
const spaceBody = z.strictObject({ bytes: bytesField }).meta({ id: 'ExtraSpace' });
const spaceQuery = z.strictObject({ bytes: z.coerce.number().int().min(1).max(maxExtraBytes) });
const planBody = z.strictObject({ plan: z.string().min(1).max(64) }).meta({ id: 'PlanChange' });
const autoRenewBody = z.strictObject({ on: z.boolean() }).meta({ id: 'AutoRenew' });

/** The holder's words for each refusal: why, and what to do (seed 000). */
const holderDetail: Record<BoxLifeRefusal, string> = {
  'needs-space':
    'The box holds more than its space: the renewal completes only when the contents fit. Buy extra space, move to a larger plan or free space, then renew.',
  deactivated:
    'The box was deactivated: a box can be renewed only while active or within 90 days of its expiry. Contact the provider.',
  'no-expiry': 'This box has no expiry date: there is nothing to renew.',
  'contents-exceed-plan':
    'The contents do not fit in the space of that plan: free space or buy extra space first, or choose a larger plan.',
};

const planView = (p: Plan): z.output<typeof planSchema> => ({
  name: p.name,
  boxQuotaBytes: p.boxQuotaBytes,
  archiveQuotaBytes: p.archiveQuotaBytes,
  smsIncluded: p.smsIncluded,
  durationMonths: p.durationMonths,
  priceCents: p.priceCents,
});

const orderView = (o: Order): z.output<typeof orderSchema> => ({
  id: o.id,
  kind: o.kind,
  description: o.description,
  amountCents: o.amountCents,
  status: o.status,
  createdAt: o.createdAt.toISOString(),
  settledAt: o.settledAt?.toISOString() ?? null,
});

const refusedResponses = {
  400: { description: 'Malformed request (invalid-request).', problem: true },
  409: { description: 'Refused; `refusal` says why and `detail` what to do (conflict).', problem: true },
  ...sessionResponses,
} as const;

type Reply = ApiContext<unknown, unknown, unknown>['reply'];
type Session = ApiContext<unknown, unknown, unknown>['session'];

/** Runs `task`; a box-life refusal becomes the problem the holder reads. */
export async function answerBoxLife<T>(reply: Reply, task: () => Promise<T>): Promise<T | undefined> {
  try {
    return await task();
  } catch (error) {
    if (!isBoxLifeError(error)) throw error;
    const problem =
      error.code === 'invalid'
        ? requestProblem('invalid-request', error.message)
        : error.code === 'not-found'
          ? requestProblem('not-found', error.message)
          : requestProblem(
              'conflict',
              error.refusal === undefined ? error.message : holderDetail[error.refusal],
            );
    const body = error.refusal === undefined ? problem.body : { ...problem.body, refusal: error.refusal };
    reply.code(problem.status).headers(problem.headers).send(body);
    return undefined;
  }
}

export function accountOrderRoutes(deps: ApiDependencies): ApiRoute[] {
  const { boxLife } = deps;
  if (boxLife === undefined) return [];
  const common = { tag: 'account', auth: true } as const;
  const address = (session: Session): string => {
    if (session === undefined) throw new Error('unreachable: the route needs a session');
    return session.address;
  };
  const changed = async (
    reply: Reply,
    task: () => Promise<{
      readonly mailbox: { expiresAt: Date | null; quotaBytes: number };
      readonly order?: Order;
    }>,
  ) =>
    answerBoxLife(reply, async () => {
      const change = await task();
      return {
        order: change.order === undefined ? null : orderView(change.order),
        expiresAt: change.mailbox.expiresAt?.toISOString() ?? null,
        quotaBytes: change.mailbox.quotaBytes,
      };
    });
  const changeResponses = {
    200: { description: 'Done; the order made, if any.', schema: changeSchema },
    ...refusedResponses,
  } as const;
  return [
    apiRoute({
      ...common,
      method: 'GET',
      url: '/api/v1/account/plans',
      operationId: 'listOfferedPlans',
      summary: 'The plans a box can move to.',
      responses: {
        200: { description: 'The plans.', schema: z.object({ plans: z.array(planSchema) }) },
        ...sessionResponses,
      },
      async handler() {
        return { plans: (await boxLife.listPlans()).map(planView) };
      },
    }),
    apiRoute({
      ...common,
      method: 'GET',
      url: '/api/v1/account/orders',
      operationId: 'listBoxOrders',
      summary: "The signed-in box's orders, newest first.",
      responses: {
        200: { description: 'The orders.', schema: z.object({ orders: z.array(orderSchema) }) },
        ...sessionResponses,
      },
      async handler({ session }) {
        const orders = await boxLife.listOrders({ address: address(session) });
        return { orders: orders.map(orderView) };
      },
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/account/renewal',
      operationId: 'renewBox',
      summary: 'Renews the box for 1 to 5 years, while active or within 90 days of its expiry.',
      body: renewalBody,
      responses: changeResponses,
      handler: ({ session, body, reply }) =>
        changed(reply, () => boxLife.renew(address(session), body.years)),
    }),
    apiRoute({
      ...common,
      method: 'GET',
      url: '/api/v1/account/extra-space/quote',
      operationId: 'quoteExtraSpace',
      summary: 'The prorated price of extra space until the expiry, before buying it.',
      query: spaceQuery,
      responses: {
        200: {
          description: 'The price.',
          schema: z.object({ bytes: z.number(), priceCents: z.number(), until: z.string().nullable() }),
        },
        ...refusedResponses,
      },
      handler: ({ session, query, reply }) =>
        answerBoxLife(reply, async () => {
          const status = await boxLife.status(address(session));
          const priceCents = await boxLife.quoteSpace(address(session), query.bytes);
          return { bytes: query.bytes, priceCents, until: status.expiresAt?.toISOString() ?? null };
        }),
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/account/extra-space',
      operationId: 'buyExtraSpace',
      summary: 'Buys extra space until the expiry, at the prorated price.',
      body: spaceBody,
      responses: changeResponses,
      handler: ({ session, body, reply }) =>
        changed(reply, () => boxLife.addSpace(address(session), body.bytes)),
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/account/plan-change',
      operationId: 'changeBoxPlan',
      summary:
        'Moves the box to another plan; down only if the contents fit. Upgrades pay the prorated difference.',
      body: planBody,
      responses: changeResponses,
      handler: ({ session, body, reply }) =>
        changed(reply, () => boxLife.changePlan(address(session), body.plan)),
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/account/auto-renew',
      operationId: 'setAutoRenew',
      summary: 'Turns automatic renewal on or off.',
      body: autoRenewBody,
      responses: {
        200: { description: 'The new setting.', schema: autoRenewBody },
        ...refusedResponses,
      },
      handler: ({ session, body, reply }) =>
        answerBoxLife(reply, async () => {
          await boxLife.setAutoRenew(address(session), body.on);
          return { on: body.on };
        }),
    }),
  ];
}
