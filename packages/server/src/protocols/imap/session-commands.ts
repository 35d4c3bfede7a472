/**
 * The session's command plumbing that needs none of its state: the shape of a command once parsed
 * and checked, the state check's BAD texts, errors turned into tagged replies (house style principle
 * 9, refusals through ./refusal-response.ts), when EXPUNGE may be announced, and the grouping of
 * pipelined APPENDs (run-append-group.ts).
 */
import { isRefusalError } from '../../services/refusal/refusal-error.ts';
import {
  ImapCommandError,
  type CommandContext,
  type CommandDescriptor,
  type CommandResult,
} from './command-descriptor.ts';
import type { ParsedCommand, ReaderEvent } from './grammar/index.ts';
import { refusalResponse } from './refusal-response.ts';
import type { SessionStateName } from './session-state.ts';

export type CommandEvent = Extract<ReaderEvent, { kind: 'command' }>;

/** A command parsed and checked: answered without running (`answered`), or ready to `run`. */
export type StartedCommand =
  | { readonly kind: 'answered'; readonly tag: string; readonly result: CommandResult; readonly bad: boolean }
  | {
      readonly kind: 'run';
      readonly tag: string;
      readonly parsed: ParsedCommand;
      readonly descriptor: CommandDescriptor;
      readonly ctx: CommandContext;
      readonly after: { close: boolean; tls: boolean };
    };

/** APPENDs run together at most (their messages are in memory already, within the reader's limits). */
const maxPipelinedAppends = 64;

/** RFC 9051 §7.5.1: no EXPUNGE while answering FETCH, STORE or SEARCH by sequence number. */
export function allowsExpunge(command: ParsedCommand): boolean {
  const bySequence = ['FETCH', 'STORE', 'SEARCH', 'SORT', 'THREAD'].includes(command.name);
  return !bySequence || ('uid' in command && command.uid);
}

/** Why `descriptor` cannot run in `state` (the BAD text), or null. */
export function stateProblem(descriptor: CommandDescriptor, state: SessionStateName): string | null {
  if (descriptor.states.includes(state)) return null;
  if (state === 'not-authenticated') return 'Not authenticated.';
  if (descriptor.states.includes('selected')) return 'No mailbox selected.';
  return descriptor.states.includes('not-authenticated') ? 'Already authenticated.' : 'Not allowed now.';
}

/** The tagged reply for an error a command threw; our own bugs are logged. */
export function commandResultOf(
  error: unknown,
  log: { error(where: string, error: unknown): void },
): CommandResult {
  if (error instanceof ImapCommandError) {
    if (error.blame === 'server') log.error('imap command failed', error);
    const base = { status: error.status, text: error.message } as const;
    return error.code === undefined ? base : { ...base, code: error.code };
  }
  if (isRefusalError(error)) return refusalResponse(error.refusal);
  log.error('imap command failed', error);
  return refusalResponse({ reason: 'internal-error' });
}

/** Whether `event` is an APPEND a logged-in session may run along with its neighbours. */
export function isPipelinableAppend(
  event: ReaderEvent | undefined,
  state: SessionStateName,
): event is CommandEvent {
  return (
    event?.kind === 'command' &&
    event.name === 'APPEND' &&
    (state === 'authenticated' || state === 'selected')
  );
}

/** `first` and the APPENDs queued right after it (taken off `queue`), at most `maxPipelinedAppends`. */
export function takeAppends(
  first: CommandEvent,
  queue: ReaderEvent[],
  isAppend: (event: ReaderEvent | undefined) => event is CommandEvent,
): CommandEvent[] {
  const group = [first];
  while (group.length < maxPipelinedAppends) {
    const next = queue[0];
    if (!isAppend(next)) break;
    queue.shift();
    group.push(next);
  }
  return group;
}
