/**
 * What the reading functions of the mailbox-access service need (search, listing, threading,
 * structure, parts): the mailbox index, the blob store holding each message's bytes as received,
 * and a clock (age-based search keys).
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { MailboxStore } from '../../ports/mailbox-store.ts';

export interface MessageReadingDeps {
  readonly mailboxes: Pick<
    MailboxStore,
    'listMessages' | 'listMessageStates' | 'listMessagesBySentTime' | 'folderStats'
  >;
  readonly blobs: Pick<BlobStore, 'get'>;
  readonly clock: Clock;
}
