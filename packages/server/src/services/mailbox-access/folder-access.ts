/**
 * Folder-level operations of the mailbox-access service (RFC 9051 §6.3: CREATE, DELETE, RENAME,
 * SUBSCRIBE, LIST, STATUS, SELECT; RFC 9208 quota), with Dovecot's choices where the RFC leaves room:
 * CREATE makes missing parents, DELETE refuses a folder with children, RENAME of INBOX moves its
 * messages to the new folder and leaves INBOX empty. Writes publish on the change feed.
 */
import type {
  Folder,
  FolderStats,
  MessageState,
  QuotaUsage,
  RecentClaim,
} from '../../ports/mailbox-store.ts';

/** A folder opened for a session (SELECT/EXAMINE), with every message's UID, modseq and flags. */
export interface OpenedFolder {
  readonly folder: Folder;
  /** Ascending by UID. */
  readonly states: readonly MessageState[];
  readonly stats: FolderStats;
}

/** What changed in a folder after a modseq, for a session's untagged updates (RFC 7162 §3.2.5). */
export interface FolderChanges {
  /** Messages added or whose flags changed with a larger modseq, ascending by UID. */
  readonly states: readonly MessageState[];
  /** UIDs expunged with a larger modseq, ascending. */
  readonly vanished: readonly number[];
  /** The folder's highest modseq when read (never below the given modseq). */
  readonly highestModseq: number;
}

export interface FolderAccess {
  /** Every folder of the mailbox, ordered by name. */
  list(mailboxId: number): Promise<Folder[]>;
  /** The folder by name (INBOX case-insensitively), or undefined. */
  find(mailboxId: number, name: string): Promise<Folder | undefined>;
  /** Like `find`, but throws `no-such-folder`. */
  get(mailboxId: number, name: string): Promise<Folder>;
  /** Creates `name` and any missing parent; a trailing delimiter is dropped. Throws `folder-exists`, `invalid-folder-name`. */
  create(mailboxId: number, name: string): Promise<Folder>;
  /** Throws `no-such-folder`, `folder-operation-refused` (INBOX), `folder-has-children`. */
  delete(mailboxId: number, name: string): Promise<void>;
  /**
   * Renames the folder and its subfolders, keeping UIDVALIDITY; renaming INBOX creates the target
   * and moves INBOX's messages there (RFC 9051 §6.3.6). Throws `no-such-folder`, `folder-exists`,
   * `invalid-folder-name`, `folder-operation-refused`.
   */
  rename(mailboxId: number, from: string, to: string): Promise<Folder>;
  /**
   * Subscribing needs an existing folder (throws `no-such-folder`, as Dovecot); unsubscribing any
   * name succeeds. The list is the client's: CREATE, DELETE do not change it (RFC 3501 §6.3.6–6.3.7).
   */
  setSubscribed(mailboxId: number, name: string, subscribed: boolean): Promise<void>;
  /** The subscribed names, existing or not (RFC 5258 §3: `\NonExistent \Subscribed`). */
  subscriptions(mailboxId: number): Promise<string[]>;
  /** The folder with every message state, for SELECT/EXAMINE. Throws `no-such-folder`. */
  open(mailboxId: number, name: string): Promise<OpenedFolder>;
  stats(folderId: number): Promise<FolderStats>;
  /** Claims the folder's messages not yet seen as `\\Recent` by any session (RFC 3501 §2.3.2). */
  claimRecent(folderId: number): Promise<RecentClaim>;
  /** Messages flagged `\Deleted` (STATUS DELETED, RFC 9051 §6.3.11). */
  countDeleted(folderId: number): Promise<number>;
  /** Changes after `modseq`, for session sync. */
  changesSince(folderId: number, modseq: number): Promise<FolderChanges>;
  /** The box quota (pec: the contracted size) and usage. */
  quota(mailboxId: number): Promise<QuotaUsage>;
}
