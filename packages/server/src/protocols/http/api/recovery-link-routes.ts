/**
 * What the holders' and the administrative password recovery share over HTTP (recovery-routes.ts,
 * admin/admin-recovery-routes.ts), without a session: checking a link and setting the new password
 * with it, once. Tokens travel in bodies, never in API paths (kept out of request logs). 404 for a
 * spent or unknown link, 409 for a password that breaks the rules, 429 with Retry-After when asked
 * too often.
 */
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { PasswordRecovery } from '../../../services/password-recovery/password-recovery.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../refusal-problem.ts';
import { apiRoute, type ApiRoute } from './api-route.ts';
import { recoveryCheckSchema, recoveryResetSchema, recoveryValidSchema } from './recovery-schemas.ts';

export function sendRecoveryProblem(reply: FastifyReply, problem: RefusalProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

/** The 429 answer of every recovery route. */
export const recoveryTooOften = {
  429: { description: 'Asked too often (too-many-failures); see Retry-After.', problem: true },
} as const;

const invalidLink = 'The link does not work: it was used already, it expired, or it never existed.';
const noLink = {
  404: { description: 'The link was used, expired or never existed (not-found).', problem: true },
} as const;

/** How one owner's link routes differ: paths, names, texts, and the answer of a reset. */
export interface RecoveryLinkRoutesSpec<Done> {
  /** The path of the request route; `/check` and `/reset` go below it. */
  readonly url: string;
  readonly tag: string;
  readonly check: { readonly operationId: string; readonly summary: string };
  readonly reset: {
    readonly operationId: string;
    readonly summary: string;
    readonly done: { readonly description: string; readonly schema: z.ZodType<Done> };
    /** The answer naming the account whose password was reset. */
    readonly answer: (address: string) => Done;
  };
}

export function recoveryLinkRoutes<Done>(
  recovery: Pick<PasswordRecovery, 'check' | 'reset'>,
  spec: RecoveryLinkRoutesSpec<Done>,
): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      url: `${spec.url}/check`,
      operationId: spec.check.operationId,
      summary: spec.check.summary,
      tag: spec.tag,
      auth: false,
      body: recoveryCheckSchema,
      responses: { 200: { description: 'It can.', schema: recoveryValidSchema }, ...noLink },
      async handler({ body, reply }) {
        if (await recovery.check(body.token)) return { valid: true as const };
        return sendRecoveryProblem(reply, requestProblem('not-found', invalidLink));
      },
    }),
    apiRoute({
      method: 'POST',
      url: `${spec.url}/reset`,
      operationId: spec.reset.operationId,
      summary: spec.reset.summary,
      tag: spec.tag,
      auth: false,
      body: recoveryResetSchema,
      responses: {
        200: spec.reset.done,
        ...noLink,
        409: { description: 'The password breaks the rules (conflict); `detail` says why.', problem: true },
        ...recoveryTooOften,
      },
      async handler({ body, request, reply }) {
        const outcome = await recovery.reset({
          token: body.token,
          newPassword: body.newPassword,
          remoteAddress: request.ip,
        });
        if (outcome.ok) return spec.reset.answer(outcome.address);
        if ('refusal' in outcome) return sendRecoveryProblem(reply, refusalProblem(outcome.refusal));
        if (outcome.problem === 'weak-password')
          return sendRecoveryProblem(reply, requestProblem('conflict', outcome.detail));
        return sendRecoveryProblem(reply, requestProblem('not-found', invalidLink));
      },
    }),
  ];
}
