/**
 * Password recovery over HTTP (decision 0027), without a session: asking for a link (202 whatever
 * the address and tax code, so the answer never says whether a box exists), checking a link, and
 * setting the new password with it. Tokens travel in bodies, never in API paths (kept out of
 * request logs). Problems: 400 for a text that is no tax code, 404 for a spent or unknown link,
 * 409 for a password that breaks the rules, 429 with Retry-After when asked too often.
 */
import type { FastifyReply } from 'fastify';
import type { PasswordRecovery } from '../../../services/password-recovery/password-recovery.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../refusal-problem.ts';
import { apiRoute, type ApiRoute } from './api-route.ts';
import {
  recoveryCheckSchema,
  recoveryDoneSchema,
  recoveryRequestSchema,
  recoveryResetSchema,
  recoveryValidSchema,
} from './recovery-schemas.ts';

function send(reply: FastifyReply, problem: RefusalProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

const invalidLink = 'The link does not work: it was used already, it expired, or it never existed.';
const tooMany = {
  429: { description: 'Asked too often (too-many-failures); see Retry-After.', problem: true },
} as const;
const noLink = {
  404: { description: 'The link was used, expired or never existed (not-found).', problem: true },
} as const;

export function recoveryRoutes(recovery: PasswordRecovery): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/recovery',
      operationId: 'requestPasswordRecovery',
      summary:
        'Sends a single-use link to the contact e-mail of the box when the address and tax code match; the answer is the same when they do not.',
      tag: 'recovery',
      auth: false,
      body: recoveryRequestSchema,
      responses: {
        202: { description: 'Taken: a link is on its way if the address and tax code match a box.' },
        400: {
          description: 'The tax code is not a codice fiscale or partita IVA (invalid-request).',
          problem: true,
        },
        ...tooMany,
      },
      async handler({ body, request, reply }) {
        const outcome = await recovery.request({
          address: body.address,
          taxCode: body.taxCode,
          remoteAddress: request.ip,
        });
        if (outcome.ok) return reply.code(202).send();
        if ('refusal' in outcome) return send(reply, refusalProblem(outcome.refusal));
        return send(
          reply,
          requestProblem('invalid-request', 'The tax code is not a codice fiscale or partita IVA.'),
        );
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/recovery/check',
      operationId: 'checkPasswordRecovery',
      summary: 'Whether a recovery link can still be used.',
      tag: 'recovery',
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
      url: '/api/v1/recovery/reset',
      operationId: 'resetPassword',
      summary:
        'Sets a new password with a recovery link, once; every web session and app password of the box is signed out.',
      tag: 'recovery',
      auth: false,
      body: recoveryResetSchema,
      responses: {
        200: { description: 'Done; the holder signs in with the new password.', schema: recoveryDoneSchema },
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
        if (outcome.ok) return { address: outcome.address };
        if ('refusal' in outcome) return send(reply, refusalProblem(outcome.refusal));
        if (outcome.problem === 'weak-password')
          return send(reply, requestProblem('conflict', outcome.detail));
        return send(reply, requestProblem('not-found', invalidLink));
      },
    }),
  ];
}
