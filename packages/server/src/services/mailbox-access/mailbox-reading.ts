/**
 * The reading area of the mailbox-access service: search, sorted and paged listing, threading,
 * message structure and part reading, all from the mailbox index and the stored raw bytes. IMAP
 * (SEARCH, SORT, THREAD, FETCH sections), POP3 and the HTTP API call these same functions, each
 * defined in its own file; this object binds them to one set of dependencies.
 */
import type { ByteRange } from './byte-range.ts';
import type { DecodedPart } from './read-decoded-part.ts';
import type { MessagePart } from './describe-message-parts.ts';
import type { MessageRef } from './find-stored-message.ts';
import type { ListingRequest, MessageListing } from './list-messages.ts';
import type { MessageSection } from './message-section-bytes.ts';
import type { SectionRead } from './read-message-section.ts';
import type { SearchCriteria } from './search-criteria.ts';
import type { MessageScope, SearchMatch } from './search-messages.ts';
import type { SearchHit } from './search-uids.ts';
import type { ThreadAlgorithm } from './thread-messages.ts';
import type { MessageThread } from './thread-references.ts';

export interface MailboxReading {
  /** search-messages.ts: the matches in view order. */
  search(scope: MessageScope, criteria: SearchCriteria): Promise<SearchMatch[]>;
  /** search-uids.ts: the same matches as `search`, UIDs only (TEXT/BODY through the index alone). */
  searchUids(scope: MessageScope, criteria: SearchCriteria): Promise<SearchHit[]>;
  /** list-messages.ts: matches sorted server-side, one page. */
  list(request: ListingRequest): Promise<MessageListing>;
  /** thread-messages.ts: conversations of the matches, ids are UIDs. */
  thread(scope: MessageScope, criteria: SearchCriteria, algorithm: ThreadAlgorithm): Promise<MessageThread[]>;
  /** read-message-structure.ts: the part tree, undefined when there is no such message. */
  structure(ref: MessageRef): Promise<MessagePart | undefined>;
  /** read-message-section.ts: a section's bytes exactly as stored. */
  section(ref: MessageRef, section: MessageSection, range?: ByteRange): Promise<SectionRead>;
  /** read-decoded-part.ts: a part decoded for download. */
  decodedPart(ref: MessageRef, path: readonly number[]): Promise<DecodedPart>;
}
