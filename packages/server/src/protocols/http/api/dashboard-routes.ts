/**
 * GET /api/v1/dashboard (decision 0025): what the holder's home screen shows about the PEC they
 * sent: messages still waiting for delivery receipts some hours after acceptance, and recipients
 * with non-delivery or the 24 h timeout in the last days. Unread mail, space, plan and sign-ins
 * come from their own routes (folders, account/plan, security/history).
 */
import { z } from 'zod';
import type { DashboardMessage } from '../../../services/holder-dashboard/create-holder-dashboard.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const dashboardMessageSchema = z.object({
  identifier: z.string().describe('The identificativo: the Sent copy’s Message-ID.'),
  subject: z.string().nullable(),
  acceptedAt: z.string(),
  recipients: z.array(z.object({ address: z.string(), status: z.string() })),
});

const itemSchema = z.object({
  count: z.number().int(),
  messages: z.array(dashboardMessageSchema).describe('The newest few; `count` is complete.'),
});

export const dashboardSchema = z
  .object({
    awaiting: itemSchema.describe('Sent, accepted, and not every recipient has a final receipt yet.'),
    problems: itemSchema.describe('A recipient ended in non-delivery or the 24 h timeout.'),
    awaitingAfterHours: z.number(),
    problemDays: z.number(),
  })
  .meta({ id: 'Dashboard' });

const wire = (m: DashboardMessage) => ({ ...m, acceptedAt: m.acceptedAt.toISOString() });

export function dashboardRoutes(deps: ApiDependencies): ApiRoute[] {
  const { dashboard } = deps;
  if (dashboard === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/dashboard',
      operationId: 'getDashboard',
      summary: 'Sent PEC awaiting receipts and recent delivery problems of the holder.',
      tag: 'dashboard',
      auth: true,
      responses: { 200: { description: 'The summary.', schema: dashboardSchema }, ...sessionResponses },
      async handler({ session }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const summary = await dashboard.summary(session.address);
        return {
          ...summary,
          awaiting: { count: summary.awaiting.count, messages: summary.awaiting.messages.map(wire) },
          problems: { count: summary.problems.count, messages: summary.problems.messages.map(wire) },
        };
      },
    }),
  ];
}
