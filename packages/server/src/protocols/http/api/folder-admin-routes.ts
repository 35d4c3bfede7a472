/**
 * The holder's own folders over HTTP: create (missing parents too, "/" between levels), rename and
 * delete. The standard folders (INBOX, Sent, Drafts, Trash, Spam, Archive) are refused with
 * `folder-operation-refused`; names are checked by the mailbox-access service as for IMAP CREATE.
 */
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { folderParamsSchema, folderSchema } from './api-schemas.ts';
import { folderNameRequestSchema } from './action-schemas.ts';
import { folderBody, folderOr404, signedIn } from './session-mailbox.ts';

const refusals = {
  400: { description: 'A malformed request.', problem: true },
  409: {
    description:
      'The name is taken (folder-exists), the folder has subfolders (folder-has-children) or is a standard one (folder-operation-refused).',
    problem: true,
  },
  422: { description: 'The name is not acceptable (invalid-folder-name).', problem: true },
  ...sessionResponses,
} as const;

export function folderAdminRoutes(deps: ApiDependencies): ApiRoute[] {
  const { actions } = deps;
  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/folders',
      operationId: 'createFolder',
      summary: 'Creates a folder of the holder (and its missing parents).',
      tag: 'folders',
      auth: true,
      body: folderNameRequestSchema,
      responses: { 201: { description: 'The new folder.', schema: folderSchema }, ...refusals },
      async handler({ body, session, reply }) {
        const folder = await actions.createFolder(signedIn(session).mailboxId, body.name);
        void reply.code(201);
        return folderBody(deps, folder);
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/v1/folders/:id',
      operationId: 'renameFolder',
      summary: 'Renames a folder of the holder, its subfolders with it.',
      tag: 'folders',
      auth: true,
      params: folderParamsSchema,
      body: folderNameRequestSchema,
      responses: {
        200: { description: 'The folder under its new name.', schema: folderSchema },
        404: { description: 'No such folder in this mailbox.', problem: true },
        ...refusals,
      },
      async handler({ params, body, session, reply }) {
        const folder = await folderOr404(deps, session, params.id, reply);
        if (folder === undefined) return reply;
        return folderBody(deps, await actions.renameFolder(signedIn(session).mailboxId, folder, body.name));
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/folders/:id',
      operationId: 'deleteFolder',
      summary: 'Deletes a folder of the holder and the messages in it.',
      tag: 'folders',
      auth: true,
      params: folderParamsSchema,
      responses: {
        204: { description: 'Deleted.' },
        404: { description: 'No such folder in this mailbox.', problem: true },
        ...refusals,
      },
      async handler({ params, session, reply }) {
        const folder = await folderOr404(deps, session, params.id, reply);
        if (folder === undefined) return reply;
        await actions.deleteFolder(signedIn(session).mailboxId, folder);
        return reply.code(204).send();
      },
    }),
  ];
}
