/**
 * Passkeys over HTTP (decision 0032). The holder's own: list, the options of a registration, the
 * registration, removal (each on the signed-in holder's box only). Signing in: the options and
 * the answer of a passkey sign-in, which completes a password sign-in waiting for its second factor
 * when the cookie names one, and is a passwordless sign-in otherwise.
 */
import type { FastifyReply } from 'fastify';
import type {
  AuthenticationResponseJSON,
  Passkeys,
  PasskeyView,
  RegistrationResponseJSON,
} from '../../../services/passkeys/passkeys.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { refusalProblem, requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import {
  ceremonyOptionsSchema,
  newPasskeyRequestSchema,
  passkeyListSchema,
  passkeyParamsSchema,
  passkeySchema,
  passkeySignInRequestSchema,
} from './passkey-schemas.ts';
import { sessionCookie, sessionToken } from './session-cookie.ts';

function signedIn(session: WebSession | undefined): WebSession {
  if (session === undefined) throw new Error('unreachable: the route needs a session');
  return session;
}

function passkeyBody(view: PasskeyView) {
  return {
    id: String(view.id),
    name: view.name,
    createdAt: view.createdAt.toISOString(),
    lastUsedAt: view.lastUsedAt?.toISOString() ?? null,
  };
}

function conflict(reply: FastifyReply, detail: string): FastifyReply {
  const problem = requestProblem('conflict', detail);
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

export function passkeyRoutes(deps: ApiDependencies): ApiRoute[] {
  const passkeys: Passkeys | undefined = deps.security.passkeys;
  if (passkeys === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/security/passkeys',
      operationId: 'listPasskeys',
      summary: "The holder's passkeys (names and dates; never key material).",
      tag: 'security',
      auth: true,
      responses: { 200: { description: 'The list.', schema: passkeyListSchema }, ...sessionResponses },
      async handler({ session }) {
        return { passkeys: (await passkeys.list(signedIn(session).mailboxId)).map(passkeyBody) };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/passkeys/options',
      operationId: 'passkeyRegistrationOptions',
      summary: 'Options for navigator.credentials.create(): a discoverable passkey for this box.',
      tag: 'security',
      auth: true,
      responses: { 200: { description: 'The options.', schema: ceremonyOptionsSchema }, ...sessionResponses },
      async handler({ session }) {
        const holder = signedIn(session);
        return passkeys.registrationOptions(holder.mailboxId, holder.address, holder.displayName);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/passkeys',
      operationId: 'registerPasskey',
      summary: 'Keeps the passkey the browser made from the options, under a name.',
      tag: 'security',
      auth: true,
      body: newPasskeyRequestSchema,
      responses: {
        201: { description: 'Registered.', schema: passkeySchema },
        409: {
          description:
            'Not verified, challenge unknown or spent, already registered, or too many (conflict).',
          problem: true,
        },
        ...sessionResponses,
      },
      async handler({ body, session, reply }) {
        const outcome = await passkeys.register(
          signedIn(session).mailboxId,
          body.name,
          body.credential as unknown as RegistrationResponseJSON,
        );
        if (!outcome.ok) return conflict(reply, outcome.problem);
        return reply.code(201).send(passkeyBody(outcome.passkey));
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/security/passkeys/:id',
      operationId: 'removePasskey',
      summary: 'Removes one passkey at once: it signs in no more.',
      tag: 'security',
      auth: true,
      params: passkeyParamsSchema,
      responses: {
        204: { description: 'Removed.' },
        404: { description: 'The holder has no such passkey.', problem: true },
        ...sessionResponses,
      },
      async handler({ params, session, reply }) {
        if (!(await passkeys.remove(signedIn(session).mailboxId, params.id))) {
          const problem = requestProblem('not-found', 'There is no such passkey.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/session/passkey/options',
      operationId: 'passkeySignInOptions',
      summary:
        'Options for navigator.credentials.get(): the second factor of the sign-in the cookie names, else passwordless.',
      tag: 'session',
      auth: false,
      responses: { 200: { description: 'The options.', schema: ceremonyOptionsSchema } },
      async handler({ request }) {
        const options = await deps.sessions.passkeyOptions(sessionToken(request));
        if (options === undefined) throw new Error('unreachable: passkeys are offered');
        return options;
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/session/passkey',
      operationId: 'signInWithPasskey',
      summary: 'Signs in with a passkey (second factor or passwordless); sets a new session cookie.',
      tag: 'session',
      auth: false,
      body: passkeySignInRequestSchema,
      responses: {
        204: { description: 'Signed in; a new session cookie is set.' },
        401: { description: 'The passkey was not accepted (authentication-failed).', problem: true },
        403: {
          description:
            'The mailbox is disabled (mailbox-disabled) or the network not allowed (network-not-allowed).',
          problem: true,
        },
      },
      async handler({ body, request, reply }) {
        const result = await deps.sessions.signInWithPasskey({
          token: sessionToken(request),
          credential: body.credential as unknown as AuthenticationResponseJSON,
          staySignedIn: body.staySignedIn,
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
  ];
}
