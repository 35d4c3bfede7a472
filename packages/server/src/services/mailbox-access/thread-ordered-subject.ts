/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §4): messages grouped by base subject, each group ordered by
 * sent date (then mailbox order) with the first message as parent of all the others, and the
 * groups ordered by the sent date of their first message.
 */
import { baseSubject, subjectCollationKey } from './base-subject.ts';
import type { MessageThread, ThreadInput } from './thread-references.ts';

export function threadByOrderedSubject(messages: readonly ThreadInput[]): MessageThread[] {
  const groups = new Map<string, ThreadInput[]>();
  for (const message of messages) {
    const key = subjectCollationKey(baseSubject(message.subject).text);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [message]);
    else group.push(message);
  }
  const byDate = (a: ThreadInput, b: ThreadInput): number => a.sentDate - b.sentDate || a.order - b.order;
  const threads = [...groups.values()].map((group) => group.sort(byDate));
  threads.sort((a, b) => (a[0] !== undefined && b[0] !== undefined ? byDate(a[0], b[0]) : 0));
  return threads.flatMap((group) => {
    const [first, ...rest] = group;
    if (first === undefined) return [];
    return [{ id: first.id, children: rest.map((message) => ({ id: message.id, children: [] })) }];
  });
}
