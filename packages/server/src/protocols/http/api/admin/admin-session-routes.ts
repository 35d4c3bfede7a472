/**
 * Signing in and out of the administrative API (decision 0021): POST /api/v1/admin/session checks
 * the principal's password (and, when it has one, asks for the TOTP code through
 * /session/second-factor) and sets the administrative cookie; GET describes the principal;
 * DELETE ends the session. Sign-ins, failed or not, are in the audit trail.
 */
import { refusalProblem } from '../../refusal-problem.ts';
import type { ApiRoute } from '../api-route.ts';
import { apiRoute } from '../api-route.ts';
import type { AdminApiDependencies } from './admin-api-dependencies.ts';
import { adminRoute } from './admin-route.ts';
import { adminRoles } from '../../../../ports/admin-store.ts';
import {
  adminSecondFactorRequestSchema,
  adminSessionSchema,
  adminSignInRequestSchema,
} from './admin-schemas.ts';
import { adminSessionCookie, adminSessionToken, clearedAdminSessionCookie } from './admin-session-cookie.ts';
import { originOf } from './require-admin.ts';
import { z } from 'zod';

export function adminSessionRoutes(deps: AdminApiDependencies): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/admin/session',
      operationId: 'adminSignIn',
      summary: 'Sign in as an operator or postmaster; sets the administrative session cookie.',
      tag: 'admin',
      auth: false,
      body: adminSignInRequestSchema,
      responses: {
        204: { description: 'Signed in; the cookie is set.' },
        202: {
          description:
            'The password is right; the TOTP code must follow at /api/v1/admin/session/second-factor.',
          schema: z.object({ secondFactor: z.literal('totp') }),
        },
        401: { description: 'Wrong email or password (authentication-failed).', problem: true },
        429: { description: 'Too many failed sign-ins (too-many-failures).', problem: true },
      },
      async handler({ body, request, reply }) {
        const result = await deps.sessions.signIn(body.email, body.password, originOf(request));
        if (!result.ok) {
          const problem = refusalProblem({ reason: result.reason });
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        void reply.header('set-cookie', adminSessionCookie(request, result.token));
        if (result.secondFactorRequired) return reply.code(202).send({ secondFactor: 'totp' });
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/admin/session/second-factor',
      operationId: 'adminCompleteSecondFactor',
      summary: 'The second step of an administrative sign-in: the TOTP code; replaces the cookie.',
      tag: 'admin',
      auth: false,
      body: adminSecondFactorRequestSchema,
      responses: {
        204: { description: 'Signed in; a new cookie is set.' },
        401: { description: 'Wrong code, or no sign-in waiting for it.', problem: true },
        429: { description: 'Too many wrong codes (too-many-failures).', problem: true },
      },
      async handler({ body, request, reply }) {
        const result = await deps.sessions.completeSecondFactor(
          adminSessionToken(request) ?? '',
          body.code,
          originOf(request),
        );
        if (!result.ok) {
          const problem = refusalProblem({ reason: result.reason });
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return reply.code(204).header('set-cookie', adminSessionCookie(request, result.token)).send();
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/session',
      operationId: 'getAdminSession',
      summary: 'The signed-in operator or postmaster.',
      tag: 'admin',
      access: { roles: adminRoles, action: 'session.read', recordSignedOut: false },
      audited: false,
      responses: { 200: { description: 'The principal.', schema: adminSessionSchema } },
      async handler({ principal, request }) {
        const session = await deps.sessions.resolve(adminSessionToken(request) ?? '');
        return {
          email: principal.email,
          displayName: principal.displayName,
          role: principal.role,
          domains: principal.domains,
          expiresAt: (session?.expiresAt ?? new Date()).toISOString(),
        };
      },
    }),
    adminRoute(deps, {
      method: 'DELETE',
      url: '/api/v1/admin/session',
      operationId: 'adminSignOut',
      summary: 'Sign out of the administrative API: ends the session and clears the cookie.',
      tag: 'admin',
      access: { roles: adminRoles, action: 'session.sign-out' },
      responses: { 204: { description: 'Signed out.' } },
      async handler({ request, reply }) {
        const token = adminSessionToken(request);
        if (token !== undefined) await deps.sessions.signOut(token);
        return reply.code(204).header('set-cookie', clearedAdminSessionCookie(request)).send();
      },
    }),
  ];
}
