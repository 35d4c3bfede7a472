/**
 * Message-level operations of the mailbox-access service (RFC 9051 §6.4: FETCH, STORE, COPY, MOVE,
 * EXPUNGE, SEARCH, APPEND). Owned by the message-commands work; this first version carries only
 * what folder-level IMAP commands need (the silent expunge of CLOSE). Writes publish on the change feed.
 */
import type { UidRange } from '../../ports/mailbox-store.ts';
import type { MailboxAccessDeps } from './mailbox-access.ts';

export interface MessageAccess {
  /**
   * Removes the messages flagged `\Deleted` (only within `uids` when given), publishes an `expunge`
   * change and returns their UIDs ascending.
   */
  expunge(
    mailboxId: number,
    folderId: number,
    options?: { readonly uids?: readonly UidRange[] },
  ): Promise<number[]>;
}

export function createMessageAccess(deps: MailboxAccessDeps): MessageAccess {
  return {
    async expunge(mailboxId, folderId, options) {
      const uids = await deps.storage.mailboxes.expunge(folderId, options);
      if (uids.length > 0) deps.changes.publish(mailboxId, { kind: 'expunge', folderId, uids });
      return uids;
    },
  };
}
