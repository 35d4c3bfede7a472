/**
 * The searchable text of stored messages, kept once per blob (decision 0043): header and body text
 * as IMAP SEARCH TEXT/BODY sees them (services/mailbox-access/message-search-text.ts), already
 * folded, indexed for substring lookup (SQLite FTS5 trigrams, PostgreSQL pg_trgm). Filing a message
 * queues its blob (a pending marker in the filing transaction, decision 0049) for the indexer, which
 * claims batches; a search first fills what is still missing in its folder. A blob's text is deleted
 * with the last message that refers to it, so a deleted message's contents leave the index too.
 */
import type { MessageEnvelope, MimeStructure } from './mailbox-store.ts';

/** Header and body text of one message, folded with `foldSearchText`. */
export interface IndexedMessageText {
  readonly header: string;
  readonly body: string;
  /**
   * True when the stored text differs from the searched one (a NUL or a lone surrogate the
   * databases cannot keep was replaced): the caller checks such a message against its bytes.
   */
  readonly lossy: boolean;
}

/** A message whose blob has no text indexed yet. */
export interface UnindexedBlob {
  readonly blobKey: string;
  readonly structure: MimeStructure;
  /** The stored envelope of a message of the blob (FROM/TO/CC are matched on it). */
  readonly envelope: MessageEnvelope;
}

/** What is stored for a blob: its folded texts. */
export interface MessageTextEntry {
  readonly blobKey: string;
  readonly header: string;
  readonly body: string;
  /**
   * True when every run of letters and digits of the folded From, To and Cc texts of the envelope
   * (as SEARCH FROM/TO/CC match them) occurs in `header`: only then may an address needle's runs
   * exclude the message.
   */
  readonly addressesRegular: boolean;
}

export interface MessageTextIndex {
  /** Up to `limit` distinct blobs of the folder's messages without indexed text. */
  listUnindexed(folderId: number, limit: number): Promise<UnindexedBlob[]>;
  /**
   * Claims up to `limit` queued blobs for `leaseMs` (another claimer skips them until then) and
   * returns those a message still refers to; markers of blobs without messages or already indexed
   * are dropped.
   */
  claimPending(limit: number, leaseMs: number): Promise<UnindexedBlob[]>;
  /** Drops the queue markers of blobs that cannot be indexed (a search then reads their bytes). */
  dropPending(blobKeys: readonly string[]): Promise<void>;
  /**
   * Stores the folded texts of blobs and drops their queue markers; a blob already indexed, or
   * that no message refers to any more (deleted meanwhile), is skipped.
   */
  put(entries: readonly MessageTextEntry[]): Promise<void>;
  /**
   * The folder's indexed messages (UID to text) whose header or body contains every needle, and
   * whose header contains every address needle unless their addresses are not regular (see
   * `MessageTextEntry`). Needles are folded strings of at least three characters without NUL or
   * lone surrogates. Messages without indexed text are absent.
   */
  find(
    folderId: number,
    needles: readonly string[],
    addressNeedles?: readonly string[],
  ): Promise<Map<number, IndexedMessageText>>;
  /** Deletes texts no message refers to (left by concurrent deletes); returns how many. */
  forgetOrphans(): Promise<number>;
}
