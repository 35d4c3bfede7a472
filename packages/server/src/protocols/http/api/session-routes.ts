/**
 * Signing in and out of the webmail: POST /api/v1/session checks the password through the shared
 * Authenticator (the access history records the attempt with the browser's User-Agent, the login
 * throttle applies as for IMAP, POP3 and SMTP) and sets the session cookie; GET describes the
 * session; DELETE ends it and clears the cookie.
 */
import { refusalProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { sessionSchema, signInRequestSchema } from './api-schemas.ts';
import { secondFactorNeededSchema, secondFactorRequestSchema } from './security-schemas.ts';
import { clearedSessionCookie, sessionCookie, sessionToken } from './session-cookie.ts';
import { sessionHash } from './push-routes.ts';

export function sessionRoutes(deps: ApiDependencies): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/session',
      operationId: 'signIn',
      summary: 'Sign in with the PEC address and password; sets the session cookie.',
      tag: 'session',
      auth: false,
      body: signInRequestSchema,
      responses: {
        204: { description: 'Signed in; the session cookie is set.' },
        202: {
          description:
            'The password is right and the box has a second factor: the cookie names a session that only POST /api/v1/session/second-factor accepts, for 5 minutes.',
          schema: secondFactorNeededSchema,
        },
        401: { description: 'Wrong address or password (authentication-failed).', problem: true },
        403: { description: 'The mailbox is suspended or deactivated (mailbox-disabled).', problem: true },
        429: { description: 'Too many failed sign-ins (too-many-failures); see Retry-After.', problem: true },
      },
      async handler({ body, request, reply }) {
        const result = await deps.sessions.signIn({
          address: body.address,
          password: body.password,
          staySignedIn: body.staySignedIn,
          remoteAddress: request.ip,
          userAgent: request.headers['user-agent'],
        });
        if (!result.ok) {
          const problem = refusalProblem(result.refusal);
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        if (result.secondFactorRequired === true)
          return reply
            .code(202)
            .header('set-cookie', sessionCookie(request, result.token, undefined))
            .send({ secondFactor: 'totp' });
        return reply
          .code(204)
          .header('set-cookie', sessionCookie(request, result.token, result.keepSeconds))
          .send();
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/session/second-factor',
      operationId: 'completeSecondFactor',
      summary: 'The second step of signing in: a TOTP code or a recovery code; replaces the session cookie.',
      tag: 'session',
      auth: false,
      body: secondFactorRequestSchema,
      responses: {
        204: { description: 'Signed in; a new session cookie is set.' },
        401: {
          description:
            'Wrong code (authentication-failed), or no sign-in waiting for its second step (authentication-required).',
          problem: true,
        },
        429: { description: 'Too many wrong codes (too-many-failures).', problem: true },
      },
      async handler({ body, request, reply }) {
        const result = await deps.sessions.completeSecondFactor({
          token: sessionToken(request) ?? '',
          code: body.code,
          remoteAddress: request.ip,
          userAgent: request.headers['user-agent'],
        });
        if (!result.ok) {
          const problem = refusalProblem(result.refusal);
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return reply
          .code(204)
          .header('set-cookie', sessionCookie(request, result.token, result.keepSeconds))
          .send();
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/session',
      operationId: 'getSession',
      summary: 'The signed-in session.',
      tag: 'session',
      auth: true,
      responses: { 200: { description: 'The session.', schema: sessionSchema }, ...sessionResponses },
      handler({ session }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        return Promise.resolve({
          address: session.address,
          displayName: session.displayName,
          expiresAt: session.expiresAt.toISOString(),
          staySignedIn: session.staySignedIn,
        });
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/session',
      operationId: 'signOut',
      summary: 'Sign out: ends the session and clears the cookie.',
      tag: 'session',
      auth: true,
      responses: { 204: { description: 'Signed out.' }, ...sessionResponses },
      async handler({ request, reply }) {
        const token = sessionToken(request);
        if (token !== undefined) {
          await deps.sessions.signOut(token);
          // This browser's push subscriptions end with its session (decision 0032).
          await deps.webPush?.forgetSession(sessionHash(token));
        }
        return reply.code(204).header('set-cookie', clearedSessionCookie(request)).send();
      },
    }),
  ];
}
