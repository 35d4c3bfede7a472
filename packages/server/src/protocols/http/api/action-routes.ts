/**
 * The mailbox actions over HTTP (services/mailbox-actions): marks (read, flagged), move, copy,
 * delete (to Trash; in Trash for good), emptying Trash or Spam. Every folder id is looked up among
 * the session's own folders only, so one holder can never act on another's messages. UIDs that
 * are not in the folder are ignored, as IMAP's UID commands do (RFC 9051 §6.4.9).
 */
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { folderParamsSchema } from './api-schemas.ts';
import {
  deleteResultSchema,
  emptyResultSchema,
  filedSchema,
  fileRequestSchema,
  markRequestSchema,
  markResultSchema,
  messageSelectionSchema,
} from './action-schemas.ts';
import { folderOr404, signedIn } from './session-mailbox.ts';

const common = {
  400: { description: 'A malformed request.', problem: true },
  404: { description: 'No such folder in this mailbox.', problem: true },
  ...sessionResponses,
} as const;

export function actionRoutes(deps: ApiDependencies): ApiRoute[] {
  const { actions } = deps;
  const fileRoute = (operation: 'move' | 'copy') =>
    apiRoute({
      method: 'POST',
      url: `/api/v1/messages/${operation}`,
      operationId: `${operation}Messages`,
      summary:
        operation === 'move'
          ? 'Moves messages to another folder of the mailbox (RFC 6851 MOVE).'
          : 'Copies messages to another folder of the mailbox.',
      tag: 'actions',
      auth: true,
      body: fileRequestSchema,
      responses: {
        200: { description: 'Where they went.', schema: filedSchema },
        507: { description: 'A copy beyond the quota (reason quota-exceeded).', problem: true },
        ...common,
      },
      async handler({ body, session, reply }) {
        const folder = await folderOr404(deps, session, body.folderId, reply);
        if (folder === undefined) return reply;
        const target = await folderOr404(deps, session, body.targetFolderId, reply);
        if (target === undefined) return reply;
        const { sourceUids, targetUids } = await actions[operation](
          signedIn(session).mailboxId,
          folder,
          body.uids,
          target,
        );
        return { targetFolderId: String(target.id), sourceUids, targetUids };
      },
    });

  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/messages/mark',
      operationId: 'markMessages',
      summary: 'Sets or clears the read mark (\\Seen) and the flag (\\Flagged) of messages.',
      tag: 'actions',
      auth: true,
      body: markRequestSchema,
      responses: { 200: { description: 'What changed.', schema: markResultSchema }, ...common },
      async handler({ body, session, reply }) {
        const folder = await folderOr404(deps, session, body.folderId, reply);
        if (folder === undefined) return reply;
        const change = {
          ...(body.seen === undefined ? {} : { seen: body.seen }),
          ...(body.flagged === undefined ? {} : { flagged: body.flagged }),
          ...(body.junk === undefined ? {} : { junk: body.junk }),
        };
        return { updated: await actions.mark(signedIn(session).mailboxId, folder, body.uids, change) };
      },
    }),
    fileRoute('move'),
    fileRoute('copy'),
    apiRoute({
      method: 'POST',
      url: '/api/v1/messages/delete',
      operationId: 'deleteMessages',
      summary: 'Moves messages to Trash; messages already in Trash are removed for good.',
      tag: 'actions',
      auth: true,
      body: messageSelectionSchema,
      responses: {
        200: { description: 'Moved to Trash, or expunged.', schema: deleteResultSchema },
        409: { description: 'Another session holds the mailbox (reason mailbox-in-use).', problem: true },
        ...common,
      },
      async handler({ body, session, reply }) {
        const folder = await folderOr404(deps, session, body.folderId, reply);
        if (folder === undefined) return reply;
        const outcome = await actions.delete(signedIn(session).mailboxId, folder, body.uids);
        if (outcome.kind === 'expunged') return outcome;
        const { targetFolder, ...filed } = outcome;
        return { ...filed, targetFolderId: String(targetFolder.id) };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/folders/:id/empty',
      operationId: 'emptyFolder',
      summary: 'Removes every message of Trash or Spam for good.',
      tag: 'actions',
      auth: true,
      params: folderParamsSchema,
      responses: {
        200: { description: 'How many were removed.', schema: emptyResultSchema },
        409: {
          description: 'Not Trash or Spam (folder-operation-refused), or the mailbox is in use.',
          problem: true,
        },
        ...common,
      },
      async handler({ params, session, reply }) {
        const folder = await folderOr404(deps, session, params.id, reply);
        if (folder === undefined) return reply;
        return { expunged: (await actions.empty(signedIn(session).mailboxId, folder)).length };
      },
    }),
  ];
}
