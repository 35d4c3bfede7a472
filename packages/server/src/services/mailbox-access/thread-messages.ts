/**
 * A folder's messages matching a search, grouped into conversations (RFC 5256 §4): REFERENCES links
 * Message-ID, References and In-Reply-To (reading References from each message's header, which the
 * index does not keep), ORDEREDSUBJECT groups by base subject. Thread ids are UIDs; siblings with
 * equal sent dates keep view order. Serves IMAP THREAD and the HTTP API's conversations.
 */
import { getHeader, parseHeaderBlock } from '@pec/core';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';
import type { SearchCriteria } from './search-criteria.ts';
import { searchMessages, type MessageScope } from './search-messages.ts';
import { sentDate } from './sort-messages.ts';
import { threadByOrderedSubject } from './thread-ordered-subject.ts';
import { threadByReferences, type MessageThread, type ThreadInput } from './thread-references.ts';

export type ThreadAlgorithm = 'references' | 'ordered-subject';

/** Message headers read at the same time for References. */
const headerConcurrency = 8;

export async function threadMessages(
  deps: MessageReadingDeps,
  scope: MessageScope,
  criteria: SearchCriteria,
  algorithm: ThreadAlgorithm,
): Promise<MessageThread[]> {
  const matches = await searchMessages(deps, scope, criteria);
  const inputs = await mapWithConcurrency(
    matches,
    headerConcurrency,
    async ({ sequence, message }): Promise<ThreadInput> => {
      let references: string | null = null;
      if (algorithm === 'references') {
        const raw = await deps.blobs.get(message.blobKey);
        const header = parseHeaderBlock(raw, 0, message.structure.offsets.body);
        references = getHeader(header, 'references') ?? null;
      }
      return {
        id: message.uid,
        order: sequence,
        sentDate: sentDate(message.envelope, message.internalDate),
        subject: message.envelope.subject,
        messageId: message.envelope.messageId,
        references,
        inReplyTo: message.envelope.inReplyTo,
      };
    },
  );
  return algorithm === 'references' ? threadByReferences(inputs) : threadByOrderedSubject(inputs);
}
