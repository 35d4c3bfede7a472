/**
 * The guard of every administrative route, a Fastify preHandler: the administrative session
 * (never the holder's, never an API token) must name a principal of one of the route's roles and,
 * for a postmaster, the customer domain the request concerns must be one of its own. Anything else
 * is answered 404 not-found, as for a route or box that does not exist, so a postmaster of one
 * domain cannot learn which boxes another has, and support or auditor cannot tell a route they may
 * not use from one that is not there. No session: 401. Every denial goes to the audit trail.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminRole } from '../../../../ports/admin-store.ts';
import {
  administersDomain,
  type AdminPrincipal,
} from '../../../../services/administration/admin-principal.ts';
import type { RequestOrigin } from '../../../../services/administration/audit.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../../refusal-problem.ts';
import type { AdminApiDependencies } from './admin-api-dependencies.ts';
import { adminSessionToken } from './admin-session-cookie.ts';

export interface AdminAccess {
  /** Who may call the route. */
  readonly roles: readonly AdminRole[];
  /** The audit trail's name of the action, e.g. `box.password`. */
  readonly action: string;
  /**
   * The customer domain the request concerns, from its validated parameters; a postmaster must
   * administer it. Undefined from the function (an address without a domain): 404 for everyone.
   */
  readonly domainOf?: (request: FastifyRequest) => string | undefined;
  /**
   * False: a request without a session is not recorded (the web app asking whether it is signed
   * in, before the sign-in screen). Default: recorded.
   */
  readonly recordSignedOut?: boolean;
}

interface Granted {
  readonly principal: AdminPrincipal;
  readonly domain: string | undefined;
}

const granted = new WeakMap<FastifyRequest, Granted>();

export function originOf(request: FastifyRequest): RequestOrigin {
  return { remoteAddress: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** The principal (and domain) the guard let through for this request. */
export function grantedTo(request: FastifyRequest): Granted {
  const grant = granted.get(request);
  if (grant === undefined) throw new Error('unreachable: the route is guarded by requireAdmin');
  return grant;
}

function send(reply: FastifyReply, problem: RefusalProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

export function requireAdmin(
  deps: AdminApiDependencies,
  access: AdminAccess,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  return async (request, reply) => {
    const token = adminSessionToken(request);
    const session = token === undefined ? undefined : await deps.sessions.resolve(token);
    const path = request.url.split('?')[0] ?? request.url;
    if (session === undefined) {
      if (access.recordSignedOut === false)
        return send(reply, refusalProblem({ reason: 'authentication-required' }));
      await deps.audit.record({
        principal: undefined,
        action: access.action,
        target: path,
        outcome: 'denied',
        detail: 'not signed in',
        origin: originOf(request),
      });
      return send(reply, refusalProblem({ reason: 'authentication-required' }));
    }
    const { principal } = session;
    const domain = access.domainOf?.(request);
    const deny = async (detail: string) => {
      await deps.audit.record({
        principal,
        action: access.action,
        target: path,
        domain: domain ?? null,
        outcome: 'denied',
        detail,
        origin: originOf(request),
      });
      return send(reply, requestProblem('not-found'));
    };
    if (!access.roles.includes(principal.role)) return deny(`role ${principal.role} may not`);
    if (access.domainOf !== undefined) {
      if (domain === undefined) return deny('no domain in the request');
      if (!administersDomain(principal, domain)) return deny(`domain ${domain} is not administered`);
    }
    granted.set(request, { principal, domain });
    return undefined;
  };
}
