/**
 * An operator's or postmaster's password recovery over HTTP (decision 0042), without a session,
 * like the holders' (recovery-routes.ts): asking for a link by sign-in address (202 whatever the
 * address), checking a link, and setting the new password with it (every session and API token of
 * the principal signed out). 404 for a spent or unknown link, 409 for a password that breaks the
 * rules, 429 with Retry-After when asked too often.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AdminRecovery } from '../../../../services/administration/admin-recovery.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../../refusal-problem.ts';
import { apiRoute, type ApiRoute } from '../api-route.ts';
import { recoveryCheckSchema, recoveryResetSchema, recoveryValidSchema } from '../recovery-schemas.ts';

function send(reply: FastifyReply, problem: RefusalProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

const requestSchema = z
  .strictObject({ email: z.string().min(3).max(320).describe('The sign-in address of the account.') })
  .meta({ id: 'AdminRecoveryRequest' });
const doneSchema = z
  .object({ email: z.string().describe('The account whose password was reset.') })
  .meta({ id: 'AdminRecoveryDone' });
const invalidLink = 'The link does not work: it was used already, it expired, or it never existed.';
const tooMany = {
  429: { description: 'Asked too often (too-many-failures); see Retry-After.', problem: true },
} as const;
const noLink = {
  404: { description: 'The link was used, expired or never existed (not-found).', problem: true },
} as const;

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
      responses: { 202: { description: 'Taken: a link is on its way if the account exists.' }, ...tooMany },
      async handler({ body, request, reply }) {
        const outcome = await recovery.request({ email: body.email, remoteAddress: request.ip });
        if (outcome.ok) return reply.code(202).send();
        if ('refusal' in outcome) return send(reply, refusalProblem(outcome.refusal));
        return send(reply, requestProblem('invalid-request'));
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/admin/recovery/check',
      operationId: 'checkAdminPasswordRecovery',
      summary: 'Whether an administrative recovery link can still be used.',
      tag: 'admin',
      auth: false,
      body: recoveryCheckSchema,
      responses: { 200: { description: 'It can.', schema: recoveryValidSchema }, ...noLink },
      async handler({ body, reply }) {
        if (await recovery.check(body.token)) return { valid: true as const };
        return send(reply, requestProblem('not-found', invalidLink));
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/admin/recovery/reset',
      operationId: 'resetAdminPassword',
      summary:
        'Sets a new password with an administrative recovery link, once; every session and API token of the account is signed out.',
      tag: 'admin',
      auth: false,
      body: recoveryResetSchema,
      responses: {
        200: { description: 'Done; the account signs in with the new password.', schema: doneSchema },
        ...noLink,
        409: { description: 'The password breaks the rules (conflict); `detail` says why.', problem: true },
        ...tooMany,
      },
      async handler({ body, request, reply }) {
        const outcome = await recovery.reset({
          token: body.token,
          newPassword: body.newPassword,
          remoteAddress: request.ip,
        });
        if (outcome.ok) return { email: outcome.address };
        if ('refusal' in outcome) return send(reply, refusalProblem(outcome.refusal));
        if (outcome.problem === 'weak-password')
          return send(reply, requestProblem('conflict', outcome.detail));
        return send(reply, requestProblem('not-found', invalidLink));
      },
    }),
  ];
}
