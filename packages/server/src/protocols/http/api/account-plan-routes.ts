/**
 * The holder's own box on its calendar (decision 0016): GET /api/v1/account/plan answers the plan
 * (quotas, SMS, term, price), the state (active, expired with Super Ricezione, deactivated), the
 * activation, expiry, deactivation and deletion dates, the space used, and whether the box sends
 * and receives now. Read-only; the operator changes plans from the CLI.
 */
import { z } from 'zod';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const isoOrNull = z.string().nullable();

export const accountPlanSchema = z
  .object({
    address: z.string(),
    plan: z
      .object({
        name: z.string(),
        boxQuotaBytes: z.number(),
        archiveQuotaBytes: z.number(),
        smsIncluded: z.boolean(),
        durationMonths: z.number(),
        priceCents: z.number().describe('Price of one term in euro cents.'),
      })
      .nullable(),
    state: z.enum(['active', 'expired', 'deactivated']),
    activatedAt: isoOrNull,
    expiresAt: isoOrNull.describe('ISO 8601; null: the box never expires.'),
    deactivatesAt: isoOrNull.describe('End of Super Ricezione: no receiving, no sign-in from then.'),
    deletesAt: isoOrNull.describe('When the contents are deleted for good.'),
    quotaBytes: z.number(),
    usedBytes: z.number(),
    extraQuotaBytes: z.number().describe('Space bought on top of the plan.'),
    autoRenew: z.boolean(),
    canSend: z.boolean(),
    receives: z.boolean(),
  })
  .meta({ id: 'AccountPlan' });

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function accountPlanRoutes(deps: ApiDependencies): ApiRoute[] {
  const { boxLife } = deps;
  if (boxLife === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/account/plan',
      operationId: 'getAccountPlan',
      summary: "The signed-in box's plan, state on its calendar, dates and space.",
      tag: 'account',
      auth: true,
      responses: {
        200: { description: 'The plan and state.', schema: accountPlanSchema },
        ...sessionResponses,
      },
      async handler({ session }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const status = await boxLife.status(session.address);
        const plan = status.plan === null ? undefined : await boxLife.plan(status.plan);
        return {
          address: status.address,
          plan:
            plan === undefined
              ? null
              : {
                  name: plan.name,
                  boxQuotaBytes: plan.boxQuotaBytes,
                  archiveQuotaBytes: plan.archiveQuotaBytes,
                  smsIncluded: plan.smsIncluded,
                  durationMonths: plan.durationMonths,
                  priceCents: plan.priceCents,
                },
          state: status.state,
          activatedAt: iso(status.activatedAt),
          expiresAt: iso(status.expiresAt),
          deactivatesAt: iso(status.deactivatesAt),
          deletesAt: iso(status.deletesAt),
          quotaBytes: status.quotaBytes,
          usedBytes: status.usedBytes,
          extraQuotaBytes: status.extraQuotaBytes,
          autoRenew: status.autoRenew,
          canSend: status.canSend,
          receives: status.receives,
        };
      },
    }),
  ];
}
