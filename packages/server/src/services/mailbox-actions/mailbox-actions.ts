/**
 * What a holder does to a mailbox from the webmail, on top of the mailbox-access service that IMAP
 * uses too (so an IMAP session sees every change, and the change feed tells every node): read and
 * flagged marks, move and copy, delete (to Trash; inside Trash, for good), emptying Trash and Spam,
 * and the holder's own folders. The standard folders (INBOX and the special-use ones, RFC 6154) are
 * the provider's: they cannot be renamed or deleted from here (decision 0013).
 */
import type { Folder } from '../../ports/mailbox-store.ts';
import type { MailboxAccess } from '../mailbox-access/mailbox-access.ts';

export type MailboxActionsDependencies = Pick<MailboxAccess, 'folders' | 'messages'>;

/** The marks a holder sets; undefined leaves the mark as it is. */
export interface MarkChange {
  readonly seen?: boolean;
  readonly flagged?: boolean;
  /**
   * The spam mark (decision 0034): false clears `$Junk` and sets `$NotJunk` ("not spam"), true the
   * reverse; the keywords mail clients share for it.
   */
  readonly junk?: boolean;
}

/** Where moved or copied messages went: `targetUids[i]` is the new UID of `sourceUids[i]`. */
export interface Filed {
  readonly targetFolder: Folder;
  readonly sourceUids: readonly number[];
  readonly targetUids: readonly number[];
}

export type DeleteOutcome =
  /** Moved to Trash, which can be undone by moving them back. */
  | ({ readonly kind: 'moved-to-trash' } & Filed)
  /** Removed for good (they were in Trash already). */
  | { readonly kind: 'expunged'; readonly uids: readonly number[] };

export interface MailboxActions {
  /** Sets or clears `\Seen` and `\Flagged`; answers the UIDs that changed. */
  mark(mailboxId: number, folder: Folder, uids: readonly number[], change: MarkChange): Promise<number[]>;
  move(mailboxId: number, folder: Folder, uids: readonly number[], target: Folder): Promise<Filed>;
  copy(mailboxId: number, folder: Folder, uids: readonly number[], target: Folder): Promise<Filed>;
  /** Moves to Trash; in Trash, expunges. Throws `no-such-folder` when the box has no Trash. */
  delete(mailboxId: number, folder: Folder, uids: readonly number[]): Promise<DeleteOutcome>;
  /** Expunges every message of Trash or Spam; throws `folder-operation-refused` for any other folder. */
  empty(mailboxId: number, folder: Folder): Promise<number[]>;
  createFolder(mailboxId: number, name: string): Promise<Folder>;
  /** Throws `folder-operation-refused` for a standard folder. */
  renameFolder(mailboxId: number, folder: Folder, name: string): Promise<Folder>;
  /** Deletes the folder and its messages; throws `folder-operation-refused` for a standard folder. */
  deleteFolder(mailboxId: number, folder: Folder): Promise<void>;
}
