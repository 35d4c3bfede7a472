/**
 * The folder an API path names, only among the session's own mailbox: a folder id of another
 * mailbox is answered exactly like one that does not exist, so ids reveal nothing.
 */
import type { Folder } from '../../../ports/mailbox-store.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import type { ApiDependencies } from './api-dependencies.ts';

export async function sessionFolder(
  deps: ApiDependencies,
  session: WebSession,
  folderId: string,
): Promise<Folder | undefined> {
  const folders = await deps.mailboxes.folders.list(session.mailboxId);
  return folders.find((folder) => String(folder.id) === folderId && folder.mailboxId === session.mailboxId);
}
