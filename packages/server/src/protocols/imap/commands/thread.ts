/**
 * THREAD and UID THREAD (RFC 5256 §4) with REFERENCES and ORDEREDSUBJECT over the matching messages.
 * Subjects, Message-ID, In-Reply-To and dates come from stored metadata; REFERENCES also reads the
 * References field from each message's header (the index does not keep it). Other algorithms are BAD.
 */
import { getHeader, parseHeaderBlock } from '@pec/core';
import { threadByOrderedSubject } from '../../../services/mailbox-access/thread-ordered-subject.ts';
import { threadByReferences, type ThreadInput } from '../../../services/mailbox-access/thread-references.ts';
import { sentDate } from '../../../services/mailbox-access/sort-messages.ts';
import { defineCommand, ImapCommandError } from '../command-descriptor.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { checkSearchCharset, runSearch } from './run-search.ts';

/** Algorithms announced as THREAD=<name>. */
export const threadAlgorithms = ['REFERENCES', 'ORDEREDSUBJECT'] as const;

export const thread = defineCommand({
  name: 'THREAD',
  states: ['selected'],
  async run(ctx, command) {
    const algorithm = threadAlgorithms.find((name) => name === command.algorithm);
    if (algorithm === undefined)
      throw new ImapCommandError('BAD', `Unknown thread algorithm ${command.algorithm}`);
    checkSearchCharset(command.charset);
    const matches = await runSearch(ctx, command.search);
    const access = ctx.services.mailboxes.messages;
    // Reading References needs the message header: bytes are read in parallel, a few at a time.
    const inputs = await mapWithConcurrency(matches, 8, async ({ seq, message }): Promise<ThreadInput> => {
      let references: string | null = null;
      if (algorithm === 'REFERENCES') {
        const raw = await access.content(message);
        const header = parseHeaderBlock(raw, 0, message.structure.offsets.body);
        references = getHeader(header, 'references') ?? null;
      }
      return {
        id: command.uid ? message.uid : seq,
        order: seq,
        sentDate: sentDate(message.envelope, message.internalDate),
        subject: message.envelope.subject,
        messageId: message.envelope.messageId,
        references,
        inReplyTo: message.envelope.inReplyTo,
      };
    });
    const threads = algorithm === 'REFERENCES' ? threadByReferences(inputs) : threadByOrderedSubject(inputs);
    ctx.send({ kind: 'thread', threads });
    return undefined;
  },
});
