/**
 * Builds the mailbox-access service from its per-area factories (folders, messages, reading) over
 * one set of dependencies, so every area publishes on the same change feed.
 */
import { createFolderAccess } from './create-folder-access.ts';
import { createMailboxReading } from './create-mailbox-reading.ts';
import type { MailboxAccess, MailboxAccessDeps } from './mailbox-access.ts';
import { createMessageAccess } from './message-access.ts';

export function createMailboxAccess(deps: MailboxAccessDeps): MailboxAccess {
  return {
    folders: createFolderAccess(deps),
    messages: createMessageAccess(deps),
    reading: createMailboxReading({
      mailboxes: deps.storage.mailboxes,
      blobs: deps.blobs,
      clock: deps.clock,
      texts: deps.storage.messageTexts,
    }),
    changes: deps.changes,
  };
}
