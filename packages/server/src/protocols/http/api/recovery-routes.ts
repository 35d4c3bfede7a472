/**
 * Password recovery over HTTP (decision 0027), without a session: asking for a link (202 whatever
 * the address and tax code, so the answer never says whether a box exists), then checking it and
 * setting the new password with it (recovery-link-routes.ts, shared with the administrative
 * recovery). Problems: 400 for a text that is no tax code, 404 for a spent or unknown link, 409
 * for a password that breaks the rules, 429 with Retry-After when asked too often.
 */
import type { PasswordRecovery } from '../../../services/password-recovery/password-recovery.ts';
import { refusalProblem, requestProblem } from '../refusal-problem.ts';
import { apiRoute, type ApiRoute } from './api-route.ts';
import { recoveryLinkRoutes, recoveryTooOften, sendRecoveryProblem } from './recovery-link-routes.ts';
import { recoveryDoneSchema, recoveryRequestSchema } from './recovery-schemas.ts';

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
        ...recoveryTooOften,
      },
      async handler({ body, request, reply }) {
        const outcome = await recovery.request({
          address: body.address,
          taxCode: body.taxCode,
          remoteAddress: request.ip,
        });
        if (outcome.ok) return reply.code(202).send();
        if ('refusal' in outcome) return sendRecoveryProblem(reply, refusalProblem(outcome.refusal));
        return sendRecoveryProblem(
          reply,
          requestProblem('invalid-request', 'The tax code is not a codice fiscale or partita IVA.'),
        );
      },
    }),
    ...recoveryLinkRoutes(recovery, {
      url: '/api/v1/recovery',
      tag: 'recovery',
      check: { operationId: 'checkPasswordRecovery', summary: 'Whether a recovery link can still be used.' },
      reset: {
        operationId: 'resetPassword',
        summary:
          'Sets a new password with a recovery link, once; every web session and app password of the box is signed out.',
        done: { description: 'Done; the holder signs in with the new password.', schema: recoveryDoneSchema },
        answer: (address) => ({ address }),
      },
    }),
  ];
}
