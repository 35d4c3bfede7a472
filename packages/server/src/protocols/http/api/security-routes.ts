/**
 * The holder's security settings over HTTP: the web sessions (list, sign out one or the others),
 * the TOTP second factor (enrolment with a QR code, confirmation, recovery codes, disabling), app
 * passwords for mail clients, the password change, and the access history of every protocol.
 * Every route acts on the signed-in holder's own box only; the ids in paths are checked against it.
 */
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import type { Outcome } from '../../../services/account-security/account-security.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import {
  accessHistoryQuerySchema,
  accessHistorySchema,
  appPasswordListSchema,
  appPasswordParamsSchema,
  disableTwoFactorSchema,
  newAppPasswordRequestSchema,
  newAppPasswordSchema,
  passwordChangedSchema,
  passwordChangeRequestSchema,
  recoveryCodesSchema,
  secondFactorRequestSchema,
  securityOverviewSchema,
  sessionIdParamsSchema,
  signedOutSchema,
  totpEnrolmentSchema,
  webSessionListSchema,
} from './security-schemas.ts';
import { sessionToken } from './session-cookie.ts';

function signedIn(session: WebSession | undefined): WebSession {
  if (session === undefined) throw new Error('unreachable: the route needs a session');
  return session;
}

function send(reply: FastifyReply, problem: RefusalProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

/** A failed outcome as its problem: a wrong or throttled credential, or a state conflict. */
function failed(reply: FastifyReply, outcome: Exclude<Outcome<object>, { ok: true }>): FastifyReply {
  return send(
    reply,
    'refusal' in outcome ? refusalProblem(outcome.refusal) : requestProblem('conflict', outcome.conflict),
  );
}

const credentialResponses = {
  401: { description: 'Wrong password or code (authentication-failed), or not signed in.', problem: true },
  409: { description: 'Does not fit the account state (conflict); `detail` says why.', problem: true },
  429: { description: 'Too many wrong codes or passwords (too-many-failures).', problem: true },
} as const;

const notFound = { 404: { description: 'The holder has no such item.', problem: true } } as const;

export function securityRoutes(deps: ApiDependencies): ApiRoute[] {
  const { twoFactor, appPasswords, passwordChange, accessHistory } = deps.security;
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/security',
      operationId: 'getSecurity',
      summary: 'The state of the second factor.',
      tag: 'security',
      auth: true,
      responses: {
        200: { description: 'The overview.', schema: securityOverviewSchema },
        ...sessionResponses,
      },
      async handler({ session }) {
        const status = await twoFactor.status(signedIn(session).mailboxId);
        return {
          twoFactor: {
            enabled: status.enabled,
            enabledAt: status.enabledAt?.toISOString() ?? null,
            recoveryCodesLeft: status.recoveryCodesLeft,
          },
        };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/security/sessions',
      operationId: 'listWebSessions',
      summary: "The holder's web sessions, newest first, the current one marked.",
      tag: 'security',
      auth: true,
      responses: { 200: { description: 'The sessions.', schema: webSessionListSchema }, ...sessionResponses },
      async handler({ request }) {
        const sessions = await deps.sessions.list(sessionToken(request) ?? '');
        return {
          sessions: sessions.map((s) => ({
            ...s,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            expiresAt: s.expiresAt.toISOString(),
          })),
        };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/security/sessions/:id',
      operationId: 'endWebSession',
      summary: 'Signs one of the holder’s sessions out.',
      tag: 'security',
      auth: true,
      params: sessionIdParamsSchema,
      responses: { 204: { description: 'Signed out.' }, ...notFound, ...sessionResponses },
      async handler({ params, request, reply }) {
        const ended = await deps.sessions.signOutSession(sessionToken(request) ?? '', params.id);
        if (!ended) return send(reply, requestProblem('not-found', 'There is no such session.'));
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/sessions/sign-out-others',
      operationId: 'endOtherWebSessions',
      summary: 'Signs every other session of the holder out.',
      tag: 'security',
      auth: true,
      responses: { 200: { description: 'How many ended.', schema: signedOutSchema }, ...sessionResponses },
      async handler({ request }) {
        return { signedOut: await deps.sessions.signOutOthers(sessionToken(request) ?? '') };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/totp/enrolment',
      operationId: 'beginTotpEnrolment',
      summary: 'A new TOTP key (RFC 6238), pending until confirmed, with its QR code.',
      tag: 'security',
      auth: true,
      responses: {
        200: { description: 'The key.', schema: totpEnrolmentSchema },
        409: credentialResponses[409],
        ...sessionResponses,
      },
      async handler({ session, reply }) {
        const holder = signedIn(session);
        const outcome = await twoFactor.beginEnrolment(holder.mailboxId, holder.address);
        if (!outcome.ok) return failed(reply, outcome);
        const qrCode = await QRCode.toString(outcome.uri, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        });
        return {
          uri: outcome.uri,
          secret: outcome.secret,
          qrCode: `data:image/svg+xml;base64,${Buffer.from(qrCode, 'utf8').toString('base64')}`,
        };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/totp/confirmation',
      operationId: 'confirmTotpEnrolment',
      summary: 'Turns the second factor on with a first code; answers the recovery codes, shown once.',
      tag: 'security',
      auth: true,
      body: secondFactorRequestSchema,
      responses: { 200: { description: 'Enabled.', schema: recoveryCodesSchema }, ...credentialResponses },
      async handler({ body, session, request, reply }) {
        const holder = signedIn(session);
        const outcome = await twoFactor.confirmEnrolment(
          holder.mailboxId,
          holder.address,
          body.code,
          request.ip,
        );
        if (!outcome.ok) return failed(reply, outcome);
        return { recoveryCodes: outcome.recoveryCodes };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/totp/disable',
      operationId: 'disableTotp',
      summary: 'Turns the second factor off: needs the password and a code.',
      tag: 'security',
      auth: true,
      body: disableTwoFactorSchema,
      responses: { 204: { description: 'Disabled.' }, ...credentialResponses },
      async handler({ body, session, request, reply }) {
        const holder = signedIn(session);
        const outcome = await twoFactor.disable(
          holder.mailboxId,
          holder.address,
          body.password,
          body.code,
          request.ip,
        );
        if (!outcome.ok) return failed(reply, outcome);
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/recovery-codes',
      operationId: 'renewRecoveryCodes',
      summary: 'New recovery codes replacing the old ones; needs a current TOTP code.',
      tag: 'security',
      auth: true,
      body: secondFactorRequestSchema,
      responses: {
        200: { description: 'The new codes.', schema: recoveryCodesSchema },
        ...credentialResponses,
      },
      async handler({ body, session, request, reply }) {
        const holder = signedIn(session);
        const outcome = await twoFactor.renewRecoveryCodes(
          holder.mailboxId,
          holder.address,
          body.code,
          request.ip,
        );
        if (!outcome.ok) return failed(reply, outcome);
        return { recoveryCodes: outcome.recoveryCodes };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/security/app-passwords',
      operationId: 'listAppPasswords',
      summary: "The holder's app passwords (never the secrets).",
      tag: 'security',
      auth: true,
      responses: { 200: { description: 'The list.', schema: appPasswordListSchema }, ...sessionResponses },
      async handler({ session }) {
        const list = await appPasswords.list(signedIn(session).mailboxId);
        return { appPasswords: list.map(appPasswordBody) };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/app-passwords',
      operationId: 'createAppPassword',
      summary: 'A new app password for a mail client; the secret is in this answer only.',
      tag: 'security',
      auth: true,
      body: newAppPasswordRequestSchema,
      responses: {
        201: { description: 'Created.', schema: newAppPasswordSchema },
        409: credentialResponses[409],
        ...sessionResponses,
      },
      async handler({ body, session, reply }) {
        const outcome = await appPasswords.create(signedIn(session).mailboxId, body.name);
        if (!outcome.ok) return failed(reply, outcome);
        return reply
          .code(201)
          .send({ appPassword: appPasswordBody(outcome.appPassword), password: outcome.password });
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/security/app-passwords/:id',
      operationId: 'revokeAppPassword',
      summary: 'Revokes one app password at once.',
      tag: 'security',
      auth: true,
      params: appPasswordParamsSchema,
      responses: { 204: { description: 'Revoked.' }, ...notFound, ...sessionResponses },
      async handler({ params, session, reply }) {
        if (!(await appPasswords.revoke(signedIn(session).mailboxId, params.id)))
          return send(reply, requestProblem('not-found', 'There is no such app password.'));
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security/password',
      operationId: 'changePassword',
      summary: 'Changes the password; the other web sessions end, and app passwords too when asked.',
      tag: 'security',
      auth: true,
      body: passwordChangeRequestSchema,
      responses: { 200: { description: 'Changed.', schema: passwordChangedSchema }, ...credentialResponses },
      async handler({ body, session, request, reply }) {
        const holder = signedIn(session);
        const outcome = await passwordChange.change({
          mailboxId: holder.mailboxId,
          address: holder.address,
          currentPassword: body.currentPassword,
          newPassword: body.newPassword,
          signOutAppPasswords: body.signOutAppPasswords,
          remoteAddress: request.ip,
        });
        if (!outcome.ok) return failed(reply, outcome);
        const signedOutSessions = await deps.sessions.signOutOthers(sessionToken(request) ?? '');
        return { signedOutSessions, appPasswordsRevoked: outcome.appPasswordsRevoked };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/security/access-history',
      operationId: 'listAccessHistory',
      summary: 'Every sign-in and failure on every protocol, newest first, paged.',
      tag: 'security',
      auth: true,
      query: accessHistoryQuerySchema,
      responses: { 200: { description: 'One page.', schema: accessHistorySchema }, ...sessionResponses },
      async handler({ query, session }) {
        const page = await accessHistory.page(signedIn(session).mailboxId, query.limit, query.offset);
        return {
          total: page.total,
          entries: page.entries.map((entry) => ({
            id: entry.id,
            at: entry.at.toISOString(),
            protocol: entry.protocol,
            remoteAddress: entry.remoteAddress,
            clientId: entry.clientId,
            device: entry.device,
            outcome: entry.outcome,
            newOrigin: entry.newOrigin,
            networkRefused: entry.networkRefused,
          })),
        };
      },
    }),
  ];
}

function appPasswordBody(view: { id: number; name: string; createdAt: Date; lastUsedAt: Date | null }) {
  return {
    id: String(view.id),
    name: view.name,
    createdAt: view.createdAt.toISOString(),
    lastUsedAt: view.lastUsedAt?.toISOString() ?? null,
  };
}
