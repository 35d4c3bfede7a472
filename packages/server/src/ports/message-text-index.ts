/**
 * The searchable text of stored messages, kept once per blob (decision 0043): header and body text
 * as IMAP SEARCH TEXT/BODY sees them (services/mailbox-access/message-search-text.ts), already
 * folded, indexed for substring lookup (SQLite FTS5 trigrams, PostgreSQL pg_trgm). Filled lazily by
 * the first content search of a folder; a blob's text is deleted with the last message that refers
 * to it, so a deleted message's contents leave the index too.
 */
import type { MimeStructure } from './mailbox-store.ts';

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

/** A folder's message whose blob has no text indexed yet. */
export interface UnindexedBlob {
  readonly blobKey: string;
  readonly structure: MimeStructure;
}

export interface MessageTextIndex {
  /** Up to `limit` distinct blobs of the folder's messages without indexed text. */
  listUnindexed(folderId: number, limit: number): Promise<UnindexedBlob[]>;
  /**
   * Stores the folded texts of blobs; a blob already indexed, or that no message refers to any
   * more (deleted meanwhile), is skipped.
   */
  put(
    entries: readonly { readonly blobKey: string; readonly header: string; readonly body: string }[],
  ): Promise<void>;
  /**
   * The folder's indexed messages (UID to text) whose header or body contains every needle: folded
   * strings of at least three characters and no NUL. Messages without indexed text are absent.
   */
  find(folderId: number, needles: readonly string[]): Promise<Map<number, IndexedMessageText>>;
  /** Deletes texts no message refers to (left by concurrent deletes); returns how many. */
  forgetOrphans(): Promise<number>;
}
