/**
 * Helpers of the routes that act on the session's mailbox: the signed-in session, the session's
 * folder by id (another holder's id is a plain 404, mailbox-folder.ts) and the problem answers.
 */
import type { FastifyReply } from 'fastify';
import type { Folder } from '../../../ports/mailbox-store.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { specialUseOf } from './folder-routes.ts';
import { sessionFolder } from './mailbox-folder.ts';

export function signedIn(session: WebSession | undefined): WebSession {
  if (session === undefined) throw new Error('unreachable: the route needs a session');
  return session;
}

export function notFound(reply: FastifyReply, detail: string): FastifyReply {
  const problem = requestProblem('not-found', detail);
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

/** The folder of the session's mailbox, or a 404 answered on `reply` (undefined then). */
export async function folderOr404(
  deps: ApiDependencies,
  session: WebSession | undefined,
  folderId: string,
  reply: FastifyReply,
): Promise<Folder | undefined> {
  const folder = await sessionFolder(deps, signedIn(session), folderId);
  if (folder === undefined) await notFound(reply, 'There is no such folder.');
  return folder;
}

/** A folder as GET /api/v1/folders lists it. */
export async function folderBody(deps: ApiDependencies, folder: Folder) {
  const stats = await deps.mailboxes.folders.stats(folder.id);
  return {
    id: String(folder.id),
    name: folder.name,
    specialUse: specialUseOf(folder),
    total: stats.messages,
    unread: stats.unseen,
  };
}
