/** Binds the reading functions of the mailbox-access service (mailbox-reading.ts) to their dependencies. */
import { listMessages } from './list-messages.ts';
import type { MailboxReading } from './mailbox-reading.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';
import { readDecodedPart } from './read-decoded-part.ts';
import { readMessageSection } from './read-message-section.ts';
import { readMessageStructure } from './read-message-structure.ts';
import { searchMessages } from './search-messages.ts';
import { searchUids } from './search-uids.ts';
import { threadMessages } from './thread-messages.ts';

export function createMailboxReading(deps: MessageReadingDeps): MailboxReading {
  return {
    search: (scope, criteria) => searchMessages(deps, scope, criteria),
    searchUids: (scope, criteria) => searchUids(deps, scope, criteria),
    list: (request) => listMessages(deps, request),
    thread: (scope, criteria, algorithm) => threadMessages(deps, scope, criteria, algorithm),
    structure: (ref) => readMessageStructure(deps, ref),
    section: (ref, section, range) => readMessageSection(deps, ref, section, range),
    decodedPart: (ref, path) => readDecodedPart(deps, ref, path),
  };
}
