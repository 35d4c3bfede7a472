/**
 * The searchable text of stored messages, kept once per blob (decision 0043) and each distinct piece
 * of text indexed once however many blobs hold it (decision 0060): header and body text
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

/** A needle of a content key (RFC 9051 §6.4.4): TEXT looks in header and body, BODY in the body only. */
export interface ContentNeedle {
  /** Folded with `foldSearchText`; at least three code points, no NUL, no lone surrogate. */
  readonly value: string;
  readonly part: 'text' | 'body';
}

/** A message of a folder whose indexed text contains every needle asked (`matchFolder`). */
export interface TextMatch {
  readonly uid: number;
  readonly modseq: number;
  /** The stored text differs from the searched one: the caller confirms the match on the bytes. */
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
   * `body` cut where its MIME parts meet: joined by one space the pieces are exactly `body`. A piece
   * several blobs share is stored and indexed once. Absent: the body is one piece.
   */
  readonly bodyPieces?: readonly string[];
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
  /**
   * Takes blobs that cannot be indexed out of the queue: no claimer gets them again, but their
   * markers stay, so `folderPending` still reports their folders and a search of those fills the
   * folder itself (reading their bytes again) instead of trusting the index.
   */
  dropPending(blobKeys: readonly string[]): Promise<void>;
  /**
   * True when some message of the folder may lack its indexed text: a queue marker (claimed,
   * dropped or not) refers to one of its blobs, or the queue is too long to check cheaply. False
   * means every message of the folder has its text (decision 0056): filing queues a marker unless
   * the blob has a text, and a marker goes only when the text is stored or no message is left.
   */
  folderPending(folderId: number): Promise<boolean>;
  /**
   * The folder's messages whose indexed text contains every needle (a TEXT needle in header or
   * body, a BODY needle in the body), ascending by UID: one statement, exact substring semantics
   * on the stored text. Lossy texts that match are returned marked; lossy texts that do not match
   * cannot match on their bytes either (a needle holds no character the databases replace).
   * Messages without indexed text are absent (see `folderPending`).
   */
  matchFolder(folderId: number, needles: readonly ContentNeedle[]): Promise<TextMatch[]>;
  /**
   * Stores the folded texts of blobs and drops their queue markers; a blob already indexed is
   * skipped, and one that no message refers to any more (deleted meanwhile, or filed again by a
   * transaction not yet committed) keeps its marker, due again, for the next claim to decide.
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
  /**
   * Deletes texts no message refers to (left by concurrent deletes) and queue markers of blobs no
   * message refers to, and queues the blobs of messages left without text and marker (a safety
   * net: filing, claims and stores keep one of them for every message); returns how many texts went.
   */
  forgetOrphans(): Promise<number>;
}
