/**
 * Boxes in the console (decision 0022): search and the holder card (holder data, plan, quota,
 * expiry, deactivation and deletion dates, orders; admin and support, metadata only, never a
 * message) and, for admin, status changes (suspend, reactivate), renewal, extra space and a plan
 * change through box-life, which records the order each one costs.
 */
import { z } from 'zod';
import type { Mailbox, MailboxStatus } from '../../../../../ports/account-store.ts';
import { AccountError } from '../../../../../services/accounts/account-error.ts';
import type { ApiResponse, ApiRoute } from '../../api-route.ts';
import type { AdminApiDependencies } from '../admin-api-dependencies.ts';
import { adminRoute } from '../admin-route.ts';
import { asAccountErrors, operatorReaders, operatorWriters, plain } from './operator-access.ts';
import type { OperatorApiDependencies } from './operator-api-dependencies.ts';
import {
  boxCardSchema,
  boxParamsSchema,
  boxQuerySchema,
  boxSchema,
  boxStatusChangeSchema,
  planChangeSchema,
  renewalSchema,
  spaceSchema,
} from './operator-schemas.ts';

function boxView(box: Mailbox) {
  return {
    address: box.address,
    domain: box.domain,
    holderName: box.holderName,
    holderTaxCode: box.holderTaxCode,
    contactEmail: box.contactEmail,
    mobile: box.mobile,
    plan: box.plan,
    quotaBytes: box.quotaBytes,
    usedBytes: box.usedBytes,
    status: box.status,
    activatedAt: box.activatedAt?.toISOString() ?? null,
    expiresAt: box.expiresAt?.toISOString() ?? null,
    lastLoginAt: box.lastLoginAt?.toISOString() ?? null,
    createdAt: box.createdAt.toISOString(),
  };
}

const changeResponse: Readonly<Record<number, ApiResponse>> = {
  200: {
    description: 'The box after the change, and the order it cost, if any.',
    schema: z.object({ box: boxSchema, order: z.record(z.string(), z.unknown()).nullable() }),
  },
  409: {
    description: 'Not allowed now (a full or deactivated box, a plan its contents exceed).',
    problem: true,
  },
};

export function operatorBoxRoutes(deps: AdminApiDependencies, operator: OperatorApiDependencies): ApiRoute[] {
  const card = async (address: string) => {
    const box = await operator.accounts.findMailbox(address);
    if (box === undefined) throw new AccountError('not-found', `no mailbox ${address}`);
    const [life, orders] = await asAccountErrors(() =>
      Promise.all([
        operator.boxLife.status(box.address),
        operator.boxLife.listOrders({ address: box.address }),
      ]),
    );
    return { box: boxView(box), life: plain(life), orders: plain(orders) };
  };
  const changed = async (task: () => Promise<{ mailbox: Mailbox; order?: unknown }>) => {
    const change = await asAccountErrors(task);
    return { box: boxView(change.mailbox), order: change.order === undefined ? null : plain(change.order) };
  };
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/boxes',
      operationId: 'operatorSearchBoxes',
      summary: 'Search boxes by address or holder, domain and status.',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'box.search' },
      query: boxQuerySchema,
      responses: {
        200: {
          description: 'One page of boxes.',
          schema: z.object({ boxes: z.array(boxSchema), total: z.number() }),
        },
      },
      async handler({ query }) {
        const filter = {
          ...(query.search === undefined ? {} : { search: query.search }),
          ...(query.domain === undefined ? {} : { domain: query.domain.toLowerCase() }),
          ...(query.status === undefined ? {} : { status: query.status as MailboxStatus }),
        };
        const boxes = await operator.accounts.listMailboxes({
          ...filter,
          limit: query.limit,
          offset: query.offset,
        });
        return { boxes: boxes.map(boxView), total: await operator.countBoxes(filter) };
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/boxes/:address',
      operationId: 'operatorBoxCard',
      summary: "A box's card: holder data, plan, quota, life dates, orders (no messages).",
      tag: 'operator',
      access: { roles: operatorReaders, action: 'box.card' },
      params: boxParamsSchema,
      target: ({ params }) => params.address,
      responses: { 200: { description: 'The card.', schema: boxCardSchema } },
      handler: ({ params }) => card(params.address),
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/boxes/:address/status',
      operationId: 'operatorSetBoxStatus',
      summary: 'Suspend or reactivate a box.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'box.status' },
      params: boxParamsSchema,
      body: boxStatusChangeSchema,
      target: ({ params, body }) => `${params.address} ${body.status}`,
      responses: changeResponse,
      async handler({ params, body }) {
        const box = await operator.accounts.updateMailbox(params.address, { status: body.status });
        return { box: boxView(box), order: null };
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/boxes/:address/renewal',
      operationId: 'operatorRenewBox',
      summary: 'Renew a box for some years (an order at the plan price).',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'box.renew' },
      params: boxParamsSchema,
      body: renewalSchema,
      target: ({ params }) => params.address,
      responses: changeResponse,
      handler: ({ params, body }) => changed(() => operator.boxLife.renew(params.address, body.years)),
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/boxes/:address/space',
      operationId: 'operatorAddBoxSpace',
      summary: 'Add space to a box (an order).',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'box.space' },
      params: boxParamsSchema,
      body: spaceSchema,
      target: ({ params }) => params.address,
      responses: changeResponse,
      handler: ({ params, body }) => changed(() => operator.boxLife.addSpace(params.address, body.bytes)),
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/boxes/:address/plan',
      operationId: 'operatorChangeBoxPlan',
      summary: "Change a box's plan.",
      tag: 'operator',
      access: { roles: operatorWriters, action: 'box.plan' },
      params: boxParamsSchema,
      body: planChangeSchema,
      target: ({ params }) => params.address,
      responses: changeResponse,
      handler: ({ params, body }) => changed(() => operator.boxLife.changePlan(params.address, body.plan)),
    }),
  ];
}
