/**
 * APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502: all messages or none), LITERAL+ and
 * literal8 literals as read by the grammar, flags and internal date, and UIDPLUS APPENDUID
 * (RFC 4315 §3). The bytes are stored exactly as received. A missing folder is `NO [TRYCREATE]`;
 * beyond the box quota the holder gets `NO [OVERQUOTA]` (RFC 9208 §5.1: Super Ricezione is only for
 * incoming PEC, pec-spec). CATENATE (RFC 4469) parts are assembled first (`assemble-catenate.ts`).
 */
import type { AppendInput, AppendOutcome } from '../../../services/mailbox-access/message-access.ts';
import {
  defineCommand,
  ImapCommandError,
  ok,
  type CommandContext,
  type CommandResult,
} from '../command-descriptor.ts';
import type { AppendCommand } from '../grammar/index.ts';
import { assembleCatenate } from './assemble-catenate.ts';

/** The messages of an APPEND as the service takes them (CATENATE assembled, `\\Recent` left out). */
async function appendInputs(ctx: CommandContext, command: AppendCommand): Promise<AppendInput[]> {
  const now = ctx.services.clock.now();
  const inputs: AppendInput[] = [];
  for (const message of command.messages) {
    const bytes =
      message.catenate === null
        ? message.content
        : await assembleCatenate(
            ctx.services.mailboxes,
            ctx.session.user.mailboxId,
            message.catenate,
            ctx.limits.maxCommandLiteralBytes,
          );
    if (bytes.length === 0) throw new ImapCommandError('NO', 'Cannot save a zero-length message');
    inputs.push({
      bytes,
      flags: message.flags.filter((flag) => flag.toLowerCase() !== '\\recent'),
      internalDate: message.internalDate?.date ?? now,
    });
  }
  return inputs;
}

function completed(outcome: AppendOutcome): CommandResult {
  return ok('APPEND completed.', {
    kind: 'APPENDUID',
    uidValidity: outcome.uidValidity,
    uids: outcome.uids,
  });
}

export const append = defineCommand({
  name: 'APPEND',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    const inputs = await appendInputs(ctx, command);
    // A missing folder is a `no-such-folder` destination: NO [TRYCREATE] (../refusal-response.ts).
    const outcome = await ctx.services.mailboxes.messages.append(
      ctx.session.user.mailboxId,
      command.mailbox,
      inputs,
    );
    return completed(outcome);
  },
});

/**
 * Pipelined APPENDs of one session (the session passes those it has received together), filed by
 * one `appendEach`: their blobs written together, then one transaction filing them in command order
 * (a savepoint each), so UIDs follow the commands and they share one commit instead of paying one or
 * two fsyncs each. Each outcome is its own: the promise of a
 * command rejects as its `run` would throw, and the session answers them in order.
 */
export function appendPipelined(
  appends: readonly { readonly ctx: CommandContext; readonly command: AppendCommand }[],
): Promise<CommandResult>[] {
  const first = appends[0];
  if (first === undefined) return [];
  const inputs = appends.map(({ ctx, command }) => appendInputs(ctx, command));
  const filed = Promise.allSettled(inputs).then(async (ready) => {
    // Only the commands whose messages are ready become requests; `slots` maps them back.
    const requests: { folderName: string; messages: AppendInput[] }[] = [];
    const slots = ready.map((messages, index) => {
      if (messages.status === 'rejected') return -1;
      requests.push({ folderName: appends[index]?.command.mailbox ?? '', messages: messages.value });
      return requests.length - 1;
    });
    const outcomes = await first.ctx.services.mailboxes.messages.appendEach(
      first.ctx.session.user.mailboxId,
      requests,
    );
    return ready.map((messages, index) =>
      messages.status === 'rejected' ? messages : outcomes[slots[index] ?? -1],
    );
  });
  return appends.map(async (_, index) => {
    const outcome = (await filed)[index];
    if (outcome === undefined) throw new Error('appendEach gave no outcome');
    if (outcome.status === 'rejected') throw outcome.reason;
    return completed(outcome.value);
  });
}
