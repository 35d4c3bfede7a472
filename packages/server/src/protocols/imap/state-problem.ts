/**
 * Why a command may not run in the session's current state (RFC 9051 §3), or null when it may: the
 * text of the tagged BAD.
 */
import type { CommandDescriptor } from './command-descriptor.ts';
import type { SessionStateName } from './session-state.ts';

export function stateProblem(descriptor: CommandDescriptor, state: SessionStateName): string | null {
  if (descriptor.states.includes(state)) return null;
  if (state === 'not-authenticated') return 'Not authenticated.';
  if (descriptor.states.includes('selected')) return 'No mailbox selected.';
  return descriptor.states.includes('not-authenticated') ? 'Already authenticated.' : 'Not allowed now.';
}
