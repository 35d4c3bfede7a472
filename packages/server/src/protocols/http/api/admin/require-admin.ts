/**
 * The guard of every administrative route, a Fastify preHandler: the administrative session
 * (never the holder's, never an API token) must name a principal of one of the route's roles and,
 * for a postmaster, the customer domain the request concerns must be one of its own. Anything else
 * is answered 404 not-found, as for a route or box that does not exist, so a postmaster of one
 * domain cannot learn which boxes another has, and support or auditor cannot tell a route they may
 * not use from one that is not there. No session: 401. Every denial goes to the audit trail.
 *
 * An operator's or postmaster's API token (`Authorization: Bearer pecadm_…`, decision 0042) stands
 * in for the session with the same role and tenancy checks, plus its own: an unknown, expired or
 * revoked token (or one of a disabled principal) is 401 with `WWW-Authenticate` (RFC 6750 §3.1), a
 * scope the route needs and the token lacks 403 insufficient-scope, a spent rate 429 with
 * Retry-After, and routes that manage credentials take the session only (a leaked token cannot
 * mint another). A holder's token is unknown here: 401.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminRole } from '../../../../ports/admin-store.ts';
import {
  administersDomain,
  type AdminPrincipal,
} from '../../../../services/administration/admin-principal.ts';
import type { RequestOrigin } from '../../../../services/administration/audit.ts';
import type { AdminTokenScope } from '../../../../services/administration/admin-tokens.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../../refusal-problem.ts';
import { bearerToken } from '../bearer-token.ts';
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
  /** The scope a token needs; default `admin:read` for GET and HEAD, `admin:manage` otherwise. */
  readonly tokenScope?: AdminTokenScope;
  /** True: an API token is refused (404), the session only (managing credentials). */
  readonly sessionOnly?: boolean;
}

interface Granted {
  readonly principal: AdminPrincipal;
  readonly domain: string | undefined;
  /** The API token that stood in for the session. */
  readonly tokenId?: number;
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
    const path = request.url.split('?')[0] ?? request.url;
    const bearer = bearerToken(request);
    if (bearer !== undefined) return tokenGuard(deps, access, bearer, path, request, reply);
    const token = adminSessionToken(request);
    const session = token === undefined ? undefined : await deps.sessions.resolve(token);
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
    return checkTenancy(deps, access, session.principal, undefined, path, request, reply);
  };
}

/** The role and domain checks, the same for a session and a token; 404 and recorded when refused. */
async function checkTenancy(
  deps: AdminApiDependencies,
  access: AdminAccess,
  principal: AdminPrincipal,
  tokenId: number | undefined,
  path: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const domain = access.domainOf?.(request);
  const via = tokenId === undefined ? '' : ` (token ${String(tokenId)})`;
  const deny = async (detail: string, problem = requestProblem('not-found')) => {
    await deps.audit.record({
      principal,
      action: access.action,
      target: path,
      domain: domain ?? null,
      outcome: 'denied',
      detail: `${detail}${via}`,
      origin: originOf(request),
    });
    return send(reply, problem);
  };
  if (!access.roles.includes(principal.role)) return deny(`role ${principal.role} may not`);
  if (access.domainOf !== undefined) {
    if (domain === undefined) return deny('no domain in the request');
    if (!administersDomain(principal, domain)) return deny(`domain ${domain} is not administered`);
  }
  if (tokenId !== undefined) {
    if (access.sessionOnly === true) return deny('a token may not');
    const scope = access.tokenScope ?? (safeMethods.has(request.method) ? 'admin:read' : 'admin:manage');
    const scopes = tokenScopes.get(request) ?? [];
    if (!scopes.includes(scope)) return deny(`token lacks ${scope}`, requestProblem('insufficient-scope'));
  }
  granted.set(request, { principal, domain, ...(tokenId === undefined ? {} : { tokenId }) });
  return undefined;
}

const safeMethods = new Set(['GET', 'HEAD']);
const tokenScopes = new WeakMap<FastifyRequest, readonly AdminTokenScope[]>();

async function tokenGuard(
  deps: AdminApiDependencies,
  access: AdminAccess,
  bearer: string,
  path: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const grant = await deps.tokens?.authenticate(bearer);
  if (grant === undefined) {
    await deps.audit.record({
      principal: undefined,
      action: access.action,
      target: path,
      outcome: 'denied',
      detail: 'API token unknown, expired, revoked or of a disabled account',
      origin: originOf(request),
    });
    const problem = refusalProblem({ reason: 'authentication-required' });
    return send(reply, {
      ...problem,
      headers: { ...problem.headers, 'www-authenticate': 'Bearer error="invalid_token"' },
    });
  }
  tokenScopes.set(request, grant.scopes);
  // Every request counts against the token's rate, refused ones too.
  const rate = deps.tokens?.take(grant.tokenId) ?? { ok: true };
  if (!rate.ok) {
    await deps.audit.record({
      principal: grant.principal,
      action: access.action,
      target: path,
      outcome: 'denied',
      detail: `rate limit (token ${String(grant.tokenId)})`,
      origin: originOf(request),
    });
    return send(reply, requestProblem('rate-limited', undefined, rate.retryAfterSeconds));
  }
  return checkTenancy(deps, access, grant.principal, grant.tokenId, path, request, reply);
}
