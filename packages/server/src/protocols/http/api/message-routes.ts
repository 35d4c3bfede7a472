/**
 * GET /api/v1/messages/:folderId/:uid: one message of the session's mailbox, read from its stored
 * bytes: headers, text and HTML bodies, attachments, and what it is in PEC terms as the core's
 * reader classifies the bytes (readPecMessage).
 */
import { readPecMessage } from '@pec/core';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, tokenResponses, type ApiRoute } from './api-route.ts';
import { messageParamsSchema, messageSchema } from './api-schemas.ts';
import { entityTag, notModified } from './conditional-get.ts';
import { sessionFolder } from './mailbox-folder.ts';
import { messageView } from './message-view.ts';

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
        const folder =
          session === undefined ? undefined : await sessionFolder(deps, session, params.folderId);
        const listing =
          folder === undefined
            ? undefined
            : await deps.mailboxes.reading.list({
                scope: { folderId: folder.id, view: [params.uid] },
                sort: [],
              });
        const stored = listing?.messages[0]?.message;
        // The bytes of a UID never change; its marks change its modseq (RFC 7162 §3.1).
        if (
          stored !== undefined &&
          folder !== undefined &&
          notModified(request, reply, entityTag('message', folder.uidValidity, stored.uid, stored.modseq))
        )
          return reply;
        const read =
          stored === undefined || folder === undefined
            ? undefined
            : await deps.mailboxes.reading.section(
                { folderId: folder.id, uid: stored.uid },
                { part: [], text: null, fields: [] },
              );
        if (stored === undefined || read?.kind !== 'data') {
          const problem = requestProblem('not-found', 'There is no such message.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        const described = await readPecMessage(read.data, { skipSignature: true });
        return messageView(params.folderId, stored, read.data, described.type);
      },
    }),
  ];
}
