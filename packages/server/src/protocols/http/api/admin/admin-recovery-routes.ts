/**
 * An operator's or postmaster's password recovery over HTTP (decision 0042), without a session,
 * like the holders' (recovery-routes.ts): asking for a link by sign-in address (202 whatever the
 * address), then checking it and setting the new password with it, every session and API token of
 * the principal signed out (recovery-link-routes.ts). 404 for a spent or unknown link, 409 for a
 * password that breaks the rules, 429 with Retry-After when asked too often.
 */
import { z } from 'zod';
import type { AdminRecovery } from '../../../../services/administration/admin-recovery.ts';
import { refusalProblem, requestProblem } from '../../refusal-problem.ts';
import { apiRoute, type ApiRoute } from '../api-route.ts';
import { recoveryLinkRoutes, recoveryTooOften, sendRecoveryProblem } from '../recovery-link-routes.ts';

const requestSchema = z
  .strictObject({ email: z.string().min(3).max(320).describe('The sign-in address of the account.') })
  .meta({ id: 'AdminRecoveryRequest' });
const doneSchema = z
  .object({ email: z.string().describe('The account whose password was reset.') })
  .meta({ id: 'AdminRecoveryDone' });

export function adminRecoveryRoutes(recovery: AdminRecovery | undefined): ApiRoute[] {
  if (recovery === undefined) return [];
  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/admin/recovery',
      operationId: 'requestAdminPasswordRecovery',
      summary:
        'Sends a single-use link to the address of an operator or postmaster; the answer is the same whether or not the account exists.',
      tag: 'admin',
      auth: false,
      body: requestSchema,
      responses: {
        202: { description: 'Taken: a link is on its way if the account exists.' },
        ...recoveryTooOften,
      },
      async handler({ body, request, reply }) {
        const outcome = await recovery.request({ email: body.email, remoteAddress: request.ip });
        if (outcome.ok) return reply.code(202).send();
        if ('refusal' in outcome) return sendRecoveryProblem(reply, refusalProblem(outcome.refusal));
        return sendRecoveryProblem(reply, requestProblem('invalid-request'));
      },
    }),
    ...recoveryLinkRoutes(recovery, {
      url: '/api/v1/admin/recovery',
      tag: 'admin',
      check: {
        operationId: 'checkAdminPasswordRecovery',
        summary: 'Whether an administrative recovery link can still be used.',
      },
      reset: {
        operationId: 'resetAdminPassword',
        summary:
          'Sets a new password with an administrative recovery link, once; every session and API token of the account is signed out.',
        done: { description: 'Done; the account signs in with the new password.', schema: doneSchema },
        answer: (email) => ({ email }),
      },
    }),
  ];
}
