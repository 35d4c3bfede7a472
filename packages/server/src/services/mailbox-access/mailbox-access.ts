/**
 * The one mailbox API of IMAP and, later, the webmail (house style: protocol adapters call
 * services, never storage); POP3 reads through the maildrop service (../maildrop/). Composed from per-area objects so each area grows in its own file:
 * `folders` (folder-access.ts: list, create, rename, delete, subscribe, open, status, quota, the
 * change reads sessions sync from), `messages` (message-access.ts: fetch, store, copy, move,
 * expunge, append) and `reading` (mailbox-reading.ts: search, sorted and paged listing, threading,
 * structure, byte-exact sections and decoded parts). Every write publishes on `changes` so other
 * sessions see it promptly.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Locks } from '../../ports/locks.ts';
import type { Storage } from '../../ports/storage.ts';
import type { ChangeFeed } from '../notifications/change-feed.ts';
import type { FolderAccess } from './folder-access.ts';
import type { MailboxReading } from './mailbox-reading.ts';
import type { MessageAccess } from './message-access.ts';

/** What every area factory receives. */
export interface MailboxAccessDeps {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  /** Writes publish here; IMAP sessions and others subscribe per mailbox. */
  readonly changes: ChangeFeed;
  readonly clock: Clock;
  /**
   * Mailbox locks shared with POP3 sessions and other nodes: EXPUNGE waits for the mailbox's lock
   * (`expungeLockWaitMs`, default 5000) and then fails `in-use`. Without them EXPUNGE takes no lock.
   */
  readonly locks?: Locks;
  readonly expungeLockWaitMs?: number;
}

export interface MailboxAccess {
  readonly folders: FolderAccess;
  readonly messages: MessageAccess;
  readonly reading: MailboxReading;
  /** The same feed the writes publish on, for subscribers. */
  readonly changes: ChangeFeed;
}
