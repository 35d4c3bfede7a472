/**
 * Consecutive APPENDs already received (pipelined, LITERAL+ RFC 7888) run together
 * (commands/append.ts `appendPipelined`): their blobs are written together, then the messages are
 * filed in command order in one transaction, a savepoint each, so UIDs follow the commands on every
 * store and one commit makes them durable instead of one or two fsyncs each; the replies still go
 * out in command order, each after its message is durable. RFC 9051 §5.5 allows running commands
 * together when no result depends on another's: an APPEND's outcome depends only on its own folder,
 * quota and bytes, and filing them in order makes the quota the same as for one after another.
 */
import type { EventLog } from '../../ports/event-log.ts';
import type { CommandResult } from './command-descriptor.ts';
import { appendPipelined } from './commands/append.ts';
import type { AppendCommand } from './grammar/index.ts';
import type { StartedCommand } from './session-commands.ts';

export interface AppendGroupSteps {
  readonly events: EventLog;
  /** The tagged reply of an error a command threw. */
  readonly resultOf: (error: unknown) => CommandResult;
  /** The untagged updates owed, then the tagged reply (the session's `finish`). */
  readonly finish: (command: StartedCommand, result: CommandResult) => Promise<void>;
  /** After each reply (the session applies the reader's limits). */
  readonly afterEach: () => void;
  readonly ended: () => boolean;
}

/** Runs the started APPENDs of one group and answers each in command order. */
export async function runAppendGroup(
  started: readonly StartedCommand[],
  steps: AppendGroupSteps,
): Promise<void> {
  const runnable = started.filter((command) => command.kind === 'run');
  for (const command of runnable) {
    steps.events.emit({ event: 'command.handled', command: command.ctx.commandName });
  }
  const filed = appendPipelined(
    runnable.map((command) => ({ ctx: command.ctx, command: command.parsed as AppendCommand })),
  );
  // Each outcome is mapped at once (a later one may fail while an earlier one is being answered).
  const answers = filed.map((result) => result.catch(steps.resultOf));
  let next = 0;
  for (const command of started) {
    const result =
      command.kind === 'run' ? await (answers[next++] as Promise<CommandResult>) : command.result;
    if (steps.ended()) return;
    await steps.finish(command, result);
    steps.afterEach();
  }
}
