/**
 * Whether untagged EXPUNGE may be sent after a command (RFC 9051 §7.5.1): not while answering a
 * command that addresses messages by sequence number.
 */
import type { ParsedCommand } from './grammar/index.ts';

/** RFC 9051 §7.5.1: no EXPUNGE while answering FETCH, STORE or SEARCH by sequence number. */
export function allowsExpunge(command: ParsedCommand): boolean {
  const bySequence = ['FETCH', 'STORE', 'SEARCH', 'SORT', 'THREAD'].includes(command.name);
  return !bySequence || ('uid' in command && command.uid);
}
