/**
 * A command event parsed and checked against the dispatch table and the session's state (RFC 9051
 * §3: each command is valid in some states only): either answered at once (BAD for a malformed or
 * unknown command or one not valid now, NO for a mailbox name that cannot exist, as Dovecot
 * answers), or ready to run with its descriptor.
 */
import type { CommandDescriptor, CommandName, CommandResult } from './command-descriptor.ts';
import { parseCommand, type ParsedCommand } from './grammar/index.ts';
import { stateProblem, type CommandEvent } from './session-commands.ts';
import type { SessionStateName } from './session-state.ts';

export type CheckedCommand =
  | { readonly kind: 'answered'; readonly tag: string; readonly result: CommandResult; readonly bad: boolean }
  | {
      readonly kind: 'checked';
      readonly tag: string;
      readonly parsed: ParsedCommand;
      readonly descriptor: CommandDescriptor;
      /** `UID FETCH` for UID commands: the name of the tagged OK and of the logs. */
      readonly commandName: string;
    };

export function checkCommand(
  event: CommandEvent,
  commands: ReadonlyMap<CommandName, CommandDescriptor>,
  state: SessionStateName,
  utf8: boolean,
): CheckedCommand {
  const parsed = parseCommand(event, { utf8 });
  if (!parsed.ok && parsed.code === 'invalid-name') {
    // A well-formed command naming a mailbox that cannot exist: NO, as Dovecot answers.
    return {
      kind: 'answered',
      tag: parsed.tag,
      result: { status: 'NO', text: parsed.message },
      bad: false,
    };
  }
  if (!parsed.ok) {
    const code =
      parsed.responseCode === null ? undefined : ({ kind: 'other', text: parsed.responseCode } as const);
    const text =
      parsed.code === 'unknown-command'
        ? 'Unknown command.'
        : `Error in IMAP command ${parsed.name}: ${parsed.message}`;
    const result = { status: 'BAD', text, ...(code === undefined ? {} : { code }) } as const;
    return { kind: 'answered', tag: parsed.tag, result, bad: true };
  }
  const descriptor = commands.get(parsed.name);
  const commandName = event.name === 'UID' ? `UID ${parsed.name}` : parsed.name;
  const problem = descriptor === undefined ? 'Unknown command.' : stateProblem(descriptor, state);
  if (descriptor === undefined || problem !== null) {
    const result = { status: 'BAD', text: problem ?? 'Unknown command.' } as const;
    return { kind: 'answered', tag: parsed.tag, result, bad: true };
  }
  return { kind: 'checked', tag: parsed.tag, parsed, descriptor, commandName };
}
