/**
 * One administrative route: an ApiRoute guarded by requireAdmin, whose handler receives the
 * principal, and whose outcome goes to the audit trail (`done`, or `refused` with the reason when
 * a service refuses). Account errors become problems here, in one place: invalid 400, not-found
 * 404, conflict 409.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AdminPrincipal } from '../../../../services/administration/admin-principal.ts';
import { isAccountError } from '../../../../services/accounts/account-error.ts';
import { isRefusalError } from '../../../../services/refusal/refusal-error.ts';
import { requestProblem } from '../../refusal-problem.ts';
import type { ApiContext, ApiResponse, ApiRoute } from '../api-route.ts';
import type { AdminApiDependencies } from './admin-api-dependencies.ts';
import { grantedTo, originOf, requireAdmin, type AdminAccess } from './require-admin.ts';

export interface AdminContext<P, Q, B> extends ApiContext<P, Q, B> {
  readonly principal: AdminPrincipal;
  /** The customer domain the guard checked, when the route names one. */
  readonly domain: string | undefined;
}

export interface AdminRouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> extends Omit<
  ApiRoute<P, Q, B>,
  'auth' | 'tokenScope' | 'guard' | 'handler'
> {
  readonly access: AdminAccess;
  /** What the audit trail names as the target; default: the request path. */
  readonly target?: (context: AdminContext<z.output<P>, z.output<Q>, z.output<B>>) => string;
  /** False for reads that reveal nothing about a box (the session itself). Default: true. */
  readonly audited?: boolean;
  handler(context: AdminContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

/** Answers every administrative route may give besides its own. */
export const adminResponses: Readonly<Record<number, ApiResponse>> = {
  401: {
    description:
      'No administrative session, or an API token unknown, expired, revoked or of a disabled account (authentication-required).',
    problem: true,
  },
  403: { description: 'The API token lacks the scope the route needs (insufficient-scope).', problem: true },
  404: {
    description:
      "Not found, or not the principal's to see: a role that may not use the route, or a domain it does not administer.",
    problem: true,
  },
  429: { description: "The API token's rate is spent (rate-limited); see Retry-After.", problem: true },
};

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

export function adminRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  deps: AdminApiDependencies,
  spec: AdminRouteSpec<P, Q, B>,
): ApiRoute {
  const { access, target, audited, ...route } = spec;
  const full: ApiRoute<P, Q, B> = {
    ...route,
    responses: { ...adminResponses, ...route.responses },
    auth: false,
    guard: requireAdmin(deps, access),
    async handler(context) {
      const { principal, domain, tokenId } = grantedTo(context.request);
      const adminContext = { ...context, principal, domain };
      const via = tokenId === undefined ? null : `token ${String(tokenId)}`;
      const record = (outcome: 'done' | 'refused', reason: string | null) =>
        audited === false
          ? Promise.resolve()
          : deps.audit.record({
              principal,
              action: access.action,
              target: target === undefined ? pathOf(context.request) : target(adminContext),
              domain: domain ?? null,
              outcome,
              detail: reason === null ? via : via === null ? reason : `${reason} (${via})`,
              origin: originOf(context.request),
            });
      try {
        const result = await spec.handler(adminContext);
        await record('done', null);
        return result;
      } catch (error) {
        if (isRefusalError(error)) {
          await record('refused', error.refusal.reason);
          throw error;
        }
        if (!isAccountError(error)) throw error;
        await record('refused', error.message);
        const problem = requestProblem(
          error.code === 'invalid' ? 'invalid-request' : error.code,
          error.message,
        );
        return context.reply.code(problem.status).headers(problem.headers).send(problem.body);
      }
    },
  };
  return full;
}
