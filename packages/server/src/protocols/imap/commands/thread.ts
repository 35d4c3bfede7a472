/**
 * THREAD and UID THREAD (RFC 5256 §4) with REFERENCES and ORDEREDSUBJECT over the matching messages,
 * threaded by the mailbox-access service; threads come back by UID and are answered by sequence
 * number unless UID THREAD. Other algorithms are BAD.
 */
import type { ThreadAlgorithm } from '../../../services/mailbox-access/thread-messages.ts';
import type { MessageThread } from '../../../services/mailbox-access/thread-references.ts';
import { defineCommand, ImapCommandError } from '../command-descriptor.ts';
import { checkSearchCharset, searchRequest } from './run-search.ts';

/** Algorithms announced as THREAD=<name>. */
export const threadAlgorithms = ['REFERENCES', 'ORDEREDSUBJECT'] as const;

const serviceAlgorithm: Record<(typeof threadAlgorithms)[number], ThreadAlgorithm> = {
  REFERENCES: 'references',
  ORDEREDSUBJECT: 'ordered-subject',
};

function renumber(
  threads: readonly MessageThread[],
  sequences: ReadonlyMap<number, number>,
): MessageThread[] {
  return threads.map((thread) => ({
    id: thread.id === null ? null : (sequences.get(thread.id) ?? thread.id),
    children: renumber(thread.children, sequences),
  }));
}

export const thread = defineCommand({
  name: 'THREAD',
  states: ['selected'],
  async run(ctx, command) {
    const algorithm = threadAlgorithms.find((name) => name === command.algorithm);
    if (algorithm === undefined)
      throw new ImapCommandError('BAD', `Unknown thread algorithm ${command.algorithm}`);
    checkSearchCharset(command.charset);
    const { scope, criteria } = await searchRequest(ctx, command.search);
    const byUid = await ctx.services.mailboxes.reading.thread(scope, criteria, serviceAlgorithm[algorithm]);
    const threads = command.uid
      ? byUid
      : renumber(byUid, new Map(scope.view.map((uid, index) => [uid, index + 1])));
    ctx.send({ kind: 'thread', threads });
    return undefined;
  },
});
