/**
 * What the reading functions of the mailbox-access service need (search, listing, threading,
 * structure, parts): the mailbox index, the blob store holding each message's bytes as received,
 * a clock (age-based search keys) and, when the storage has one, the text index of TEXT/BODY search.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { MailboxStore } from '../../ports/mailbox-store.ts';
import type { MessageTextIndex } from '../../ports/message-text-index.ts';

export interface MessageReadingDeps {
  readonly mailboxes: Pick<
    MailboxStore,
    'listMessages' | 'listMessageStates' | 'listMessagesBySentTime' | 'folderStats'
  >;
  readonly blobs: Pick<BlobStore, 'get'>;
  readonly clock: Clock;
  /** Narrows TEXT/BODY searches (decision 0043); without it every undecided message's bytes are read. */
  readonly texts?: MessageTextIndex;
}
