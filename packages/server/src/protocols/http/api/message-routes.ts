/**
 * GET /api/v1/messages/:folderId/:uid: one message of the session's mailbox, read from its stored
 * bytes: headers, text and HTML bodies, attachments, and what it is in PEC terms as the core's
 * reader classifies the bytes (readPecMessage). GET …/html: its HTML body as a document of its
 * own, sanitised, under a Content-Security-Policy that allows no script and remote images only
 * when the holder asked for them (`remote=1`), for the reader's sandboxed frame.
 */
import { readPecMessage } from '@pec/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, tokenResponses, type ApiRoute } from './api-route.ts';
import { messageHtmlQuerySchema, messageParamsSchema, messageSchema } from './api-schemas.ts';
import { entityTag, notModified } from './conditional-get.ts';
import { mailHtmlDocument, mailHtmlPolicy } from './mail-html-document.ts';
import { sessionFolder } from './mailbox-folder.ts';
import { messageView } from './message-view.ts';

type View = ReturnType<typeof messageView>;

/**
 * The message's view, `undefined` after answering on `reply` (404, or 304 when `tag` names the
 * copy the client holds).
 */
async function readView(
  deps: ApiDependencies,
  session: WebSession | undefined,
  params: { folderId: string; uid: number },
  conditional: { request: FastifyRequest; reply: FastifyReply; tag: string },
): Promise<View | undefined> {
  const { request, reply } = conditional;
  const folder = session === undefined ? undefined : await sessionFolder(deps, session, params.folderId);
  const listing =
    folder === undefined
      ? undefined
      : await deps.mailboxes.reading.list({ scope: { folderId: folder.id, view: [params.uid] }, sort: [] });
  const stored = listing?.messages[0]?.message;
  // The bytes of a UID never change; its marks change its modseq (RFC 7162 §3.1).
  if (
    stored !== undefined &&
    folder !== undefined &&
    notModified(request, reply, entityTag(conditional.tag, folder.uidValidity, stored.uid, stored.modseq))
  )
    return undefined;
  const read =
    stored === undefined || folder === undefined
      ? undefined
      : await deps.mailboxes.reading.section(
          { folderId: folder.id, uid: stored.uid },
          { part: [], text: null, fields: [] },
        );
  if (stored === undefined || read?.kind !== 'data') {
    const problem = requestProblem('not-found', 'There is no such message.');
    await reply.code(problem.status).headers(problem.headers).send(problem.body);
    return undefined;
  }
  const described = await readPecMessage(read.data, { skipSignature: true });
  return messageView(params.folderId, stored, read.data, described.type);
}

export function messageRoutes(deps: ApiDependencies): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/messages/:folderId/:uid',
      operationId: 'getMessage',
      summary: 'One message: headers, bodies, attachments and its PEC type.',
      tag: 'mailbox',
      auth: true,
      tokenScope: 'messages:read',
      params: messageParamsSchema,
      responses: {
        200: { description: 'The message.', schema: messageSchema },
        304: { description: 'The copy named by If-None-Match is current.' },
        404: { description: 'No such folder or message in this mailbox.', problem: true },
        ...tokenResponses,
      },
      async handler({ params, session, request, reply }) {
        const view = await readView(deps, session, params, { request, reply, tag: 'message' });
        return view ?? reply;
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/messages/:folderId/:uid/html',
      operationId: 'getMessageHtml',
      summary: 'The HTML body as a sanitised document with its own CSP, for a sandboxed frame.',
      tag: 'mailbox',
      auth: true,
      params: messageParamsSchema,
      query: messageHtmlQuerySchema,
      responses: {
        200: { description: 'The document.', mediaType: 'text/html' },
        304: { description: 'The copy named by If-None-Match is current.' },
        404: { description: 'No such message, or it has no HTML body.', problem: true },
        ...tokenResponses,
      },
      async handler({ params, query, session, request, reply }) {
        const tag = `html-${query.remote}-${query.theme}`;
        const view = await readView(deps, session, params, { request, reply, tag });
        if (view === undefined) return reply;
        if (view.html === null) {
          const problem = requestProblem('not-found', 'The message has no HTML body.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        const remote = query.remote === '1';
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', mailHtmlPolicy(remote))
          .header('x-content-type-options', 'nosniff')
          .header('referrer-policy', 'no-referrer')
          .header('cache-control', 'private, no-cache')
          .send(mailHtmlDocument(view.html, { remote, dark: query.theme === 'dark' }));
      },
    }),
  ];
}
